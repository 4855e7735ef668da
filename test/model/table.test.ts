import { afterEach, describe, expect, it, vi } from "vitest";
import { columnKey, tableFromObjects } from "../../src/model/table.js";

afterEach(() => vi.restoreAllMocks());

describe("tableFromObjects", () => {
  it("matches each distinct key once per table, not once per row (String.prototype.normalize calls counted against the 2 keys)", () => {
    const items = Array.from({ length: 2000 }, (_, index) => ({ Institution: `H${index}`, Topic: "acc" }));
    columnKey("interests", "warm up the known columns' forms");
    const normalize = vi.spyOn(String.prototype, "normalize");
    const table = tableFromObjects("interests", "interests", items);
    // One call per distinct key, the known columns' forms being made already; the old code
    // normalised the key and then known columns for every key of every row (10,000 calls).
    expect(normalize.mock.calls.length).toBe(2);
    expect(table.rows[1999]?.get("institution")).toBe("H1999");
    expect(table.rows[0]?.columns()).toEqual(["institution", "topic"]);
  });
});

describe("columnKey", () => {
  it("an alias wins, known columns match forgivingly, other headers and prototype names stay as written (the old per-column scan's answers)", () => {
    expect(columnKey("institutions", " Région ")).toBe("group");
    expect(columnKey("topics", "Higher is better")).toBe("higherIsBetter");
    expect(columnKey("topics", "Kind")).toBe("kinds");
    expect(columnKey("institutions", "constructor")).toBe("constructor");
    expect(columnKey("institutions", "Catchment Population")).toBe("Catchment Population");
  });
});
