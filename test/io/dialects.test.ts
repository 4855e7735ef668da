
describe("any text either loads clean or is refused naming the character (property, issue 14 item 3)", () => {
  const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  it("random Unicode names (controls, lone surrogates, combining marks, right-to-left text, quotes, ]]>)", () => {
    const piece = fc.oneof(
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.constantFrom("\u0007", "\ud800", "\udfff", "e\u0301", "\u202e", "مستشفى", '"', "]]>", "<&>", "\t", "\r\n", "\ufdd0"),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (parts) => {
        const name = parts.join("");
        const result = safeParseNetwork({ ...base, "institutions.json": JSON.stringify([{ id: "H1", kind: "hospital", name }, { id: "H2", kind: "hospital" }, { id: "D1", kind: "district" }]) }, undefined);
        const loaded = result.ok ? result.network.institution("H1")?.name : undefined;
        if (result.ok) {
          expect(FORBIDDEN.test(loaded ?? "")).toBe(false);
          expect(loaded).toBe(name.trim() === "" ? "H1" : name.trim().normalize("NFC"));
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.message).toMatch(/U\+[0-9A-F]{4,5}|duplicate-file|expected one file/);
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
