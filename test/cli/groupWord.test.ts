/**
 * The word for the institutions' groups. The loader reads a "province", "region" or "Région" column
 * as `group` and keeps no header, so the command line's outputs say "group": the report said
 * "provinces" for a column named "Région" (new-user trial).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { knowledgeFlow, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-group-word-"));

describe("twinning-network report: the groups' word", () => {
  it("with a group column headed Région, the report and its pictures say group, never province", async () => {
    const data = join(scratch(), "data");
    cpSync(EXAMPLE_FOLDER, data, { recursive: true });
    const institutions = readFileSync(join(data, "institutions.csv"), "utf8");
    expect(institutions.startsWith("id,name,kind,province,")).toBe(true);
    writeFileSync(join(data, "institutions.csv"), institutions.replace("province", "Région"));
    const out = scratch();
    const report = await run("report", data, "--out", out, "--quiet");
    expect(report.code).toBe(0);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).not.toMatch(/provinc/i);
    expect(html).toContain("<dt>groups</dt><dd>Eastern, Kigali City, Northern, Southern, Western</dd>");
    expect(html).toContain("; group: Southern; links (count): ");
    expect(html).toMatch(/<th[^>]*>group<\/th>/);
    expect(html).toContain("a node's shape is its group");
  });

  it("the network's and the flow report's own text and HTML say group", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const flow = knowledgeFlow(network);
    for (const text of [network.toString(), network.toHTML(), flow.toString(), flow.toHTML()]) expect(text).not.toMatch(/provinc/i);
    expect(network.toString()).toContain("groups: Eastern, Kigali City, Northern, Southern, Western");
  });
});
