/**
 * File contents to text: a string is taken as it is; bytes are decoded as UTF-8 (with or without
 * a byte-order mark), UTF-16 when a byte-order mark says so, or the encoding the caller names
 * (Windows-1252 and every other WHATWG encoding label TextDecoder knows). Bytes that are not
 * valid UTF-8 are an issue naming the file and line, never silently U+FFFD.
 * [Reference]: WHATWG Encoding Standard (TextDecoder labels and BOM sniffing).
 */
import type { InputIssue } from "../../core/errors.js";

/** What a file's contents may be: text, or its bytes. */
export type FileContent = string | Uint8Array | ArrayBuffer;

/** Whether TextDecoder knows an encoding label (`utf-8`, `windows-1252`, `latin1`, `utf-16le`...). */
export function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    let extra: number;
    let min: number;
    if (byte < 0x80) {
      i++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else return i;
    let codePoint = byte & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * Decodes one file. Returns the text, or an `invalid-encoding` issue.
 * @param encoding the caller's encoding label; a byte-order mark wins over it.
 */
export function decodeContent(file: string, content: FileContent, encoding: string): { text?: string; issue?: InputIssue; warning?: string } {
  if (typeof content === "string") return { text: content };
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const label = encoding.toLowerCase();
  if (label !== "utf-8" && label !== "utf8") {
    // Bytes that are valid UTF-8 with characters beyond ASCII are UTF-8 (in a legacy code page
    // "ô" would have to be written "Ã´"): a folder mixing Excel's files with UTF-8 ones was
    // garbled under --encoding windows-1252 without a word (new-user trial).
    if (!label.startsWith("utf-16") && firstInvalidUtf8(bytes) < 0 && bytes.some((byte) => byte > 0x7f)) return { text: new TextDecoder("utf-8").decode(bytes), warning: `${file}: read as UTF-8, not ${encoding}: its bytes are valid UTF-8 with characters beyond ASCII` };
    return { text: new TextDecoder(label).decode(bytes) };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text: new TextDecoder("utf-8").decode(bytes) };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(Math.max(lineStart, bad - 20), bad));
  const hex = (bytes[bad] as number).toString(16).toUpperCase().padStart(2, "0");
  const expected = "UTF-8 text";
  return {
    issue: {
      code: "invalid-encoding",
      file,
      line,
      value: `0x${hex}`,
      expected,
      message: `${file} line ${line}: expected ${expected}, got byte 0x${hex} after ${JSON.stringify(before)}, which is not UTF-8; if the file was saved by Excel on Windows it is probably Windows-1252: read it with encoding: "windows-1252" (command line: --encoding windows-1252), or save it as "CSV UTF-8"`,
    },
  };
}
