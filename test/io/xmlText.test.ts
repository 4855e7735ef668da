/** checkXmlText against XML 1.0's Char production itself, over every code point. */
import { describe, expect, it } from "vitest";
import { checkXmlText } from "../../src/io/write/xmlText.js";

/** XML 1.0 (Fifth Edition) section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const xmlChar = (cp: number): boolean => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const refused = (text: string): string | undefined => {
  try {
    checkXmlText(text, "test", "a value");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("checkXmlText", () => {
  it("refuses exactly the code points that are no XML 1.0 Char, alone and between letters, naming the code point and its position (all 1,114,112 checked against the production)", () => {
    let wrong = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const character = String.fromCodePoint(cp);
      const name = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
      const alone = refused(character);
      const between = refused(`a${character}b`);
      const ok = xmlChar(cp) ? alone === undefined && between === undefined : alone?.includes(`holds ${name}, `) === true && between?.includes("(at position 2 of") === true;
      if (!ok) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("takes a surrogate pair as one character and names a lone surrogate at its position", () => {
    expect(refused("\uD83D\uDE00 \uDBFF\uDFFF")).toBeUndefined();
    expect(refused("ab\uDC00\uD800")).toContain("holds U+DC00, a character XML 1.0 cannot carry (at position 3 of");
    expect(refused("\uD83D\uDE00\uD800x")).toContain("holds U+D800, a character XML 1.0 cannot carry (at position 3 of");
  });
});
