/**
 * What the core entry (`twinning-network`, src/index.ts) loads at run time, from the sources:
 * no Node built-in by a literal specifier (a browser bundler would fail on it, static or dynamic),
 * nothing from the view or the command line, no vega or d3, and only npm packages that
 * package.json declares as dependencies or peer dependencies. The built files are checked again by
 * scripts/smoke.sh and test/e2e/browser.test.ts; this check needs no build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

interface Module {
  source: string;
  coreModule?: boolean;
  dependencies: { module: string; resolved: string; coreModule: boolean; dynamic: boolean }[];
}

/** Problems in what `entry` (relative to baseDir) loads at run time; type-only imports do not load anything. */
async function problems(baseDir: string, entry: string, declared: ReadonlySet<string>): Promise<string[]> {
  const result = await cruise([entry], { baseDir, tsPreCompilationDeps: false, doNotFollow: { path: "node_modules" } } as never);
  const modules = (result.output as { modules: Module[] }).modules;
  const found: string[] = [];
  for (const module of modules) {
    for (const dependency of module.dependencies) {
      if (dependency.coreModule) found.push(`${module.source} imports the Node built-in ${dependency.module}${dependency.dynamic ? " (dynamic)" : ""}`);
    }
    if (/^src\/(view|cli)\//.test(module.source)) found.push(`the core entry loads ${module.source}`);
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module.source)?.[1];
    if (npm !== undefined && /^(vega|d3)/.test(npm)) found.push(`the core entry loads ${npm}`);
    else if (npm !== undefined && !declared.has(npm)) found.push(`the core entry loads ${npm}, which package.json does not declare`);
  }
  expect(modules.length).toBeGreaterThan(1);
  return found;
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);

describe("the core entry's run-time imports (dependency-cruiser)", () => {
  it("src/index.ts loads no Node built-in by a literal specifier, no view, no vega, only declared packages", async () => {
    expect(await problems(root, "src/index.ts", declared)).toEqual([]);
  });

  it("the check catches a planted literal import of node:fs/promises and a planted vega import", async () => {
    const found = await problems(join(root, "test", "architecture", "fixtures", "planted-entry"), "src/index.ts", declared);
    expect(found).toContainEqual(expect.stringMatching(/^src\/index\.ts imports the Node built-in (node:)?fs\/promises \(dynamic\)$/));
    expect(found.some((line) => line.includes("loads vega"))).toBe(true);
  });
});
