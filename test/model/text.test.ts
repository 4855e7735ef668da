/** forbiddenCharacter against the definitions themselves: XML 1.0's Char production and Unicode's noncharacters. */
import { describe, expect, it } from "vitest";
import { forbiddenCharacter } from "../../src/model/text.js";

/** XML 1.0 (Fifth Edition) section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const xmlChar = (cp: number): boolean => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
/** Unicode's 66 noncharacters: U+FDD0..U+FDEF and the last two code points of every plane. */
const noncharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
const name = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

describe("forbiddenCharacter", () => {
  it("names exactly the code points that are no XML 1.0 Char or are noncharacters, alone and between letters, over all 1,114,112 code points (checked against the two definitions)", () => {
    let wrong = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const expected = !xmlChar(cp) || noncharacter(cp) ? name(cp) : undefined;
      const character = String.fromCodePoint(cp);
      if (forbiddenCharacter(character) !== expected || forbiddenCharacter(`a${character}b`) !== expected) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("a surrogate pair is one character (allowed unless a noncharacter); a lone high or low surrogate is named, wherever it stands", () => {
    expect(forbiddenCharacter("\uD83D\uDE00")).toBeUndefined();
    expect(forbiddenCharacter("x\uD83F\uDFFE")).toBe("U+1FFFE");
    expect(forbiddenCharacter("\uD800")).toBe("U+D800");
    expect(forbiddenCharacter("a\uD800b")).toBe("U+D800");
    expect(forbiddenCharacter("\uDC00\uD800")).toBe("U+DC00");
    expect(forbiddenCharacter("\uD83D\uDE00\uDC00")).toBe("U+DC00");
    expect(forbiddenCharacter("ok\tline\r\n")).toBeUndefined();
  });
});
