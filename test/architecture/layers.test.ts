/**
 * The layering of src/ (.dependency-cruiser.cjs, docs/decisions.md "Layers") holds, and the check
 * that `npm run lint` runs really fails when a rule is broken: a planted copy with an import cycle,
 * a model importing the view and one job importing another must be caught.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
const ruleSet = require(join(root, ".dependency-cruiser.cjs")) as { forbidden: unknown[]; options: Record<string, unknown> };

async function violations(baseDir: string, minimumModules = 1): Promise<{ rule: string; from: string; to: string }[]> {
  const result = await cruise(["src"], { baseDir, ruleSet: { forbidden: ruleSet.forbidden } as never, validate: true, tsPreCompilationDeps: true, doNotFollow: { path: "node_modules" } } as never);
  const output = result.output as { modules: unknown[]; summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  expect(output.modules.length).toBeGreaterThanOrEqual(minimumModules);
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe("layers (dependency-cruiser)", () => {
  it("src/ breaks no layering rule and has no import cycle", async () => {
    expect(await violations(root, 60)).toEqual([]);
  });

  it("the check catches a planted cycle, a model importing the view and a job importing another job", async () => {
    const found = await violations(join(root, "test", "fixtures", "planted-layers"));
    const rules = new Set(found.map((v) => v.rule));
    expect(rules).toContain("no-circular");
    expect(found).toContainEqual({ rule: "layer-model", from: "src/model/network.ts", to: "src/view/chart.ts" });
    expect(found).toContainEqual({ rule: "layer-plan", from: "src/plan/plan.ts", to: "src/flow/flow.ts" });
  });
});
