/**
 * The one place text from a file or a caller is cleaned: trimmed (String.prototype.trim, so
 * no-break spaces and a stray BOM go too) and put in Unicode normal form C, so `café` typed as one
 * code point or as `e` plus a combining accent is one id. Characters that XML 1.0 forbids are
 * found here so they are refused at load (every writer can then rely on them being absent).
 * [Reference]: Unicode Standard Annex #15 (normalisation forms); XML 1.0 (Fifth Edition) section 2.2 (Char).
 */

const NON_ASCII = /[^\x20-\x7e\t\n\r]/;

/** Trims and NFC-normalises a text (ASCII text skips the normaliser: it is already NFC). */
export function cleanText(text: string): string {
  const trimmed = text.trim();
  return NON_ASCII.test(trimmed) ? trimmed.normalize("NFC") : trimmed;
}

// C0 controls but tab, newline and carriage return; the noncharacters (Unicode's property
// Noncharacter_Code_Point: U+FDD0..U+FDEF and U+xFFFE, U+xFFFF of every plane); lone surrogates
// (with the u flag a pair is one code point, so \p{Cs} matches a surrogate only alone). The same
// matches as the spelt-out pattern it replaced, checked on every code point alone and between
// letters, and on pairs and triples of surrogates; 200 bytes shorter in the core.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\p{NChar}\p{Cs}]/u;

/** `U+0007` style name of a code point. */
export const codePointName = (codePoint: number): string => `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * The first character of `text` that XML 1.0 forbids (and so no GEXF, GraphML or SVG could
 * hold), named as `U+XXXX`, or undefined when there is none.
 * @example forbiddenCharacter("a\u0007b") // "U+0007"
 */
export function forbiddenCharacter(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (match === null) return undefined;
  return codePointName(match[0].codePointAt(0) as number);
}
