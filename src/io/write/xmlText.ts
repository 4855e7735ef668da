/**
 * Text inside XML (GraphML, GEXF). XML 1.0 cannot carry every string: C0 control characters other
 * than tab, line feed and carriage return, lone UTF-16 surrogates and U+FFFE / U+FFFF are not
 * characters of XML at all (not even as character references; XML 1.0, section 2.2), so a writer
 * refuses such text with the character named instead of writing a file no reader accepts.
 * Tab, line feed and carriage return are written as character references inside attribute
 * values, where a parser would otherwise normalise them to spaces (section 3.3.3).
 */
import { TwinningArgumentError } from "../../core/errors.js";

// A character XML 1.0 excludes, a lone high surrogate or a lone low surrogate: with the u flag a
// pair is one code point, so \p{Cs} matches a surrogate only alone. The same matches, at the same
// positions, as the spelt-out pattern of code units it replaced (every code point alone and
// between letters, and runs of four surrogates and others, compared), and shorter in the core.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/u;

const hex = (text: string): string => `U+${(text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Throws when `text` holds a character XML 1.0 cannot carry, naming it, the writer and where it was. */
export function checkXmlText(text: string, caller: string, where: string): string {
  const match = NOT_XML.exec(text);
  if (match !== null) {
    throw new TwinningArgumentError(caller, `${where} holds ${hex(match[0])}, a character XML 1.0 cannot carry (at position ${match.index + 1} of ${JSON.stringify(text)}); remove it from the data`);
  }
  return text;
}

/** Escaped for element content: &, < and > (> for "]]>"); a carriage return as a reference, since parsers turn a raw one into a line feed (section 2.11). */
export function xmlContent(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** Escaped for a double-quoted attribute value, whitespace kept as character references. */
export function xmlAttribute(text: string): string {
  return xmlContent(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}
