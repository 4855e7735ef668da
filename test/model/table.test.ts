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

  it("matches an object's keys as a CSV header (columnKeys) and keeps a key naming a column again aside for an issue (before: 'Région' beside 'Province' and 'group' beside 'province' lost one value without a word)", () => {
    const table = tableFromObjects("institutions", "institutions", [
      { id: "a", Région: "Nord", Province: "North" },
      { id: "b", group: "North", province: "Sud" },
      { id: "c", group: "East", attributes: { group: "x", beds: 3 } },
      { id: "d", Group: "West" },
    ]);
    const [a, b, c, d] = table.rows;
    expect(table.rows.length).toBe(4);
    expect([a?.get("group"), a?.get("Région"), a?.repeated]).toEqual(["North", "Nord", undefined]);
    expect([b?.get("group"), b?.repeated]).toEqual(["North", [{ column: "group", key: "province" }]]);
    expect([c?.get("group"), c?.get("beds"), c?.repeated]).toEqual(["East", 3, [{ column: "group", key: "group" }]]);
    expect([d?.get("group"), d?.repeated]).toEqual(["West", undefined]);
    // undefined is "not given": no clash, the other key is read (review).
    const [e, f] = tableFromObjects("institutions", "institutions", [
      { id: "e", group: undefined, province: "South" },
      { id: "f", province: "North", group: undefined },
    ]).rows;
    expect([e?.get("group"), e?.repeated, f?.get("group"), f?.repeated]).toEqual(["South", undefined, "North", undefined]);
    // Key lists are told apart exactly: a key holding the character that once joined them is no two keys (review).
    const [g, h] = tableFromObjects("institutions", "institutions", [
      { id: "g", beds: 3, staff: 4 },
      { id: "h", "beds\u0000staff": 9 },
    ]).rows;
    expect([g?.get("beds"), g?.get("staff"), h?.get("beds"), h?.columns()]).toEqual([3, 4, undefined, ["id", "beds\u0000staff"]]);
  });

  it("a repeated column of an object is an input problem naming the row, the column and the key (TwinningNetwork.from)", async () => {
    const { TwinningNetwork, TwinningInputError } = await import("../../src/index.js");
    const data = { institutions: [{ id: "a", kind: "hospital", group: "North", province: "Sud" }], topics: [{ id: "t" }] };
    expect(() => TwinningNetwork.from(data)).toThrow(TwinningInputError);
    expect(() => TwinningNetwork.from(data)).toThrow('institutions row 1, column "group": expected each column once, got "province" (a key naming group again; the first one is read)');
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
