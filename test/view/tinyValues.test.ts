/**
 * A tiny estimate never reads as none. Scores of about 1e-12 gave "DiD = 0.00 score points, 95% CI
 * [0.00, 0.00], ... p < .001" (new-user trial): a nonzero value that fixed decimals would show as 0
 * gets 3 significant digits in the APA line, the text table and the report; the CSV keeps 15.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { compareChanges, selectionEffects, TwinningNetwork } from "../../src/index.js";
import { reportHTML } from "../../src/view/index.js";

const SCALE = 1e-12;
const groups = {
  treated: { before: [1, 2, 3, 4].map((v) => v * SCALE), after: [2.1, 3.3, 4.2, 5.4].map((v) => v * SCALE) },
  control: { before: [1, 2, 3, 4].map((v) => v * SCALE), after: [1.2, 2.1, 3.4, 4.1].map((v) => v * SCALE) },
};

describe("values around 1e-12", () => {
  const estimate = compareChanges(groups, { label: "tiny" });

  it("the premise: a difference of 1.05e-12 with an interval that excludes 0", () => {
    expect(estimate.estimate).toBeCloseTo(1.05e-12, 24);
    expect(estimate.ci[0]).toBeGreaterThan(0);
  });

  it("toString gives the estimate and interval in 3 significant digits, not 0.00", () => {
    expect(estimate.toString()).toMatch(/^DiD = 1\.05e-12 score points, 95% CI \[8\.15e-13, 1\.28e-12\], t\(6\.0\) = 10\.97, p < \.001; g = 6\.74/);
  });

  it("the text table, the CSV (15 digits) and the report say the same", () => {
    const ids = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const all = [...groups.treated.before, ...groups.control.before];
    const after = [...groups.treated.after, ...groups.control.after];
    const network = TwinningNetwork.from({
      institutions: ids.map((id) => ({ id, kind: "district" })),
      topics: [{ id: "tiny" }],
      interests: ids.slice(0, 4).map((institution) => ({ institution, topic: "tiny" })),
      scores: ids.flatMap((institution, i) => [
        { institution, topic: "tiny", period: "2022", value: all[i] as number },
        { institution, topic: "tiny", period: "2023", value: after[i] as number },
      ]),
    });
    const effects = selectionEffects(network, { baseline: "2022", endline: "2023" });
    const [row] = effects.toString().split("\n").slice(2, 3);
    expect(row).toMatch(/^tiny\s+1\.05e-12\s+score points\s+8\.15e-13\s+1\.28e-12\s/);
    const [cells] = Papa.parse<Record<string, string>>(effects.toCSV(), { header: true, skipEmptyLines: true }).data;
    const [single] = effects.estimates;
    expect(Number(cells?.ci_low)).toBeCloseTo(single?.ci[0] as number, 26);
    expect(cells?.ci_low).toMatch(/^8\.\d{14}e-13$/);
    const page = reportHTML({ network, effects, baseline: "2022", endline: "2023" });
    expect(page).toContain("<td>1.05e-12 score points</td><td>[8.15e-13, 1.28e-12]</td>");
    expect(page).not.toContain("0.00 score points");
  });
});
