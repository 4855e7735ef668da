/** The numbers shown in the evaluate guide and the README are the example's output. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadNetwork, selectionEffect } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("documented numbers come from the example", async () => {
  const network = await loadNetwork(EXAMPLE_FOLDER);

  it("the evaluate guide's accreditation line", () => {
    const line = selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline" }).toString();
    expect(read("docs/guides/evaluate.md")).toContain(`// ${line}`);
  });

  it("the README's cbhi line (clustered by province)", () => {
    const line = selectionEffect(network, { topic: "cbhi", baseline: "baseline", endline: "endline", clusterBy: "group" }).toString();
    expect(read("README.md")).toContain(`\n${line}\n`); // the printed output under the README's Evaluate snippet
  });

  it("the documented command lines use the example's period ids", () => {
    expect(network.periodIds).toEqual(["baseline", "endline"]);
    for (const path of ["docs/guides/evaluate.md", "README.md"]) expect(read(path)).not.toMatch(/--baseline 2021/);
  });
});
