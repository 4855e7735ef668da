/**
 * A cheap first pass over a workbook, before read-excel-file expands its sheets into dense
 * arrays: the cells that hold something (how far they reach), each cell's number format (percent
 * or not) and formulas saved without their value. One linear scan of each sheet's XML with
 * regular expressions; nothing per empty cell.
 * Why a pass of our own: read-excel-file pads every row to the widest used column and ignores
 * `<dimension>`, so one stray value at XFD1048576 asks for 17 billion cells; and it does not
 * tell which cells are formatted as percent. See docs/decisions.md (the Excel sections).
 * [Reference]: ECMA-376 Part 1 (Office Open XML), 18.3.1.4 c (Cell), 18.3.1.73 row,
 * 18.8.30 numFmt, 18.8.10 cellXfs; built-in number formats 9 (0%) and 10 (0.00%) in 18.8.30.
 */
import { unzipSync } from "fflate";
import { columnLetter } from "../../model/fields.js";

/** Columns of a sheet (XFD is column 16,384): a cell's position key is row * COLUMNS + column. */
const COLUMNS = 16_384;

/**
 * Most cells (rows times columns from A1 to the farthest used cell) a sheet may span: the reader
 * holds every one of them. 20,000,000 is 1,000,000 rows of 20 columns.
 * @example
 * MAX_SHEET_CELLS // 20000000
 */
export const MAX_SHEET_CELLS = 20_000_000;

/**
 * Largest sheet XML (uncompressed) read: a JavaScript string holds at most about 512 million
 * characters, and the reader needs the sheet as one string.
 * @example
 * MAX_SHEET_XML_BYTES // 419430400 (400 MiB)
 */
export const MAX_SHEET_XML_BYTES = 400 * 1024 * 1024;

/** A cell by its address and what it holds, for messages. */
export interface SurveyCell {
  readonly row: number;
  readonly column: number;
  /** The cell's address, such as "XFD1048576". */
  readonly address: string;
  /** What it holds as saved (a number, text, or the formula), shortened; computed on demand. */
  readonly text: () => string;
}

/** What the first pass learnt of one sheet. */
export interface SheetSurvey {
  readonly name: string;
  /** The sheet's XML size, uncompressed. */
  readonly xmlBytes: number;
  /** The used cell farthest down and the one farthest right (undefined for an empty sheet). */
  readonly lowest?: SurveyCell;
  readonly rightmost?: SurveyCell;
  /** Number cells formatted as percent, by position key (row * 16384 + column, both 1-based). */
  readonly percentCells: ReadonlySet<number>;
  /** Error cells (#DIV/0!, #N/A...) by position key, with the error: read-excel-file gives them as empty. */
  readonly errorCells: ReadonlyMap<number, string>;
  /** Formulas saved without their value (workbooks written by programs, never opened in Excel): the first 1,000. */
  readonly formulasWithoutValue: readonly SurveyCell[];
  /** How many there are, and the rows (1-based) that hold them. */
  readonly formulaCount: number;
  readonly formulaRows: ReadonlySet<number>;
  /** Whether one of those is a text formula: read-excel-file then refuses the whole sheet. */
  readonly textFormulaWithoutValue: boolean;
  /** Cells holding a value or formula but no address (`r`): the sheet cannot be bounded or placed. */
  readonly cellsWithoutAddress: number;
}

/** A cell's position key in {@link SheetSurvey.percentCells}. */
export const cellKey = (row: number, column: number): number => row * COLUMNS + column;

/** "D12" from 1-based row and column. */
export const cellAddress = (row: number, column: number): string => `${columnLetter(column)}${row}`;

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return XML_ENTITIES[entity] ?? "";
  });
}

const attributePatterns = new Map<string, RegExp>();
const attribute = (attributes: string, name: string): string | undefined => {
  let pattern = attributePatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`);
    attributePatterns.set(name, pattern);
  }
  return pattern.exec(attributes)?.[1];
};

/** Whether an Excel number format shows its number as a percentage (a % outside quotes, escapes and brackets). */
export function isPercentFormat(formatCode: string): boolean {
  return /%/.test(formatCode.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, ""));
}

/** For each cell style (index into cellXfs), whether its number format is a percentage. */
function percentStyles(stylesXml: string | undefined): boolean[] {
  if (stylesXml === undefined) return [];
  const formats = new Map<number, string>([
    [9, "0%"],
    [10, "0.00%"],
  ]);
  for (const match of stylesXml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attribute(match[1] as string, "numFmtId"));
    const code = attribute(match[1] as string, "formatCode");
    if (Number.isInteger(id) && code !== undefined) formats.set(id, unescapeXml(code));
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!cellXfs) return [];
  const styles: boolean[] = [];
  for (const match of (cellXfs[1] as string).matchAll(/<xf\b([^>]*)>/g)) {
    const id = Number(attribute(match[1] as string, "numFmtId") ?? "0");
    const code = formats.get(id);
    styles.push(code !== undefined && isPercentFormat(code));
  }
  return styles;
}

/**
 * The XML with namespace prefixes taken off element names (`<x:c r="A1">` -> `<c r="A1">`).
 * SpreadsheetML may bind its namespace to a prefix (the .NET OpenXML SDK writes `x:`); the scans
 * here look for unprefixed names, and a prefixed sheet would otherwise pass them unseen.
 */
export function withoutPrefixes(xml: string): string {
  return /<[A-Za-z_][\w.-]*:(?:worksheet|sheetData|styleSheet|sst|workbook)\b/.test(xml) ? xml.replace(/<(\/?)[A-Za-z_][\w.-]*:/g, "<$1") : xml;
}

const MAX_SAMPLE = 40;
/** A string that shares no memory with the one it came from (V8 keeps a slice's parent alive). */
const ownCopy = (text: string): string => text.split("").join("");
const shorten = (text: string): string => (text.length > MAX_SAMPLE ? `${text.slice(0, MAX_SAMPLE)}...` : text);

/** The value of attribute `name` in a start tag's attribute text (` r="A1" s="2"`), by indexOf. */
function attributeValue(attributes: string, name: string): string | undefined {
  const at = attributes.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  const end = attributes.indexOf('"', start);
  return end < 0 ? undefined : attributes.slice(start, end);
}

/** A used cell's place in the sheet XML, turned into a SurveyCell only for the two that matter. */
interface CellPlace {
  row: number;
  column: number;
  type: string;
  contentStart: number;
  contentEnd: number;
}

function surveySheet(name: string, xml: string, percent: readonly boolean[], sharedString: (index: number) => string | undefined): SheetSurvey {
  let lowest: CellPlace | undefined;
  let rightmost: CellPlace | undefined;
  const percentCells = new Set<number>();
  const errorCells = new Map<number, string>();
  const formulasWithoutValue: SurveyCell[] = [];
  const formulaRows = new Set<number>();
  let formulaCount = 0;
  let textFormulaWithoutValue = false;
  let cellsWithoutAddress = 0;
  /** Shared formulas by group index (si), as written in their first cell, for dependents that hold none. */
  const sharedFormulas = new Map<string, { text: string; address: string }>();
  // A cell: <c attributes/> or <c attributes>content</c>; cell contents never hold "<c" or "</c>".
  // A hand-written scan (indexOf) rather than one regular expression: about 3 times faster on
  // sheets of a million cells, which matters as this pass comes on top of read-excel-file's.
  let position = 0;
  for (;;) {
    const open = xml.indexOf("<c", position);
    if (open < 0) break;
    const next = xml.charCodeAt(open + 2);
    const tagEnd = xml.indexOf(">", open);
    if (tagEnd < 0) break;
    position = tagEnd + 1;
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 62 && next !== 47) continue; // <col>, <cfRule>...
    if (xml.charCodeAt(tagEnd - 1) === 47) continue; // <c .../>: an empty (styled) cell
    const close = xml.indexOf("</c>", tagEnd);
    if (close < 0) break;
    position = close + 4;
    let attributes = xml.slice(open + 2, tagEnd);
    if (/[\t\n\r]/.test(attributes)) attributes = attributes.replace(/\s+/g, " ");
    const reference = attributeValue(attributes, "r");
    if (reference === undefined) {
      // No address (ECMA-376 allows it): read-excel-file cannot place such cells, and this pass
      // could not bound the sheet; the sheet is reported instead of read.
      const body = xml.slice(tagEnd + 1, close);
      if (body.indexOf("<v") >= 0 || body.indexOf("<f") >= 0 || body.indexOf("<is") >= 0) cellsWithoutAddress++;
      continue;
    }
    let column = 0;
    let index = 0;
    while (index < reference.length) {
      const code = reference.charCodeAt(index);
      if (code === 36) {
        index++;
        continue; // $
      }
      if (code < 65 || code > 90) break;
      column = column * 26 + (code - 64);
      index++;
    }
    const row = Number(reference.slice(index).replace("$", ""));
    if (column === 0 || !Number.isInteger(row) || row < 1) continue;
    const type = attributeValue(attributes, "t") ?? "n";
    const content = xml.slice(tagEnd + 1, close);
    const valueOpen = content.indexOf("<v");
    let value: string | undefined;
    if (valueOpen >= 0) {
      const valueTagEnd = content.indexOf(">", valueOpen);
      value = content.charCodeAt(valueTagEnd - 1) === 47 ? "" : content.slice(valueTagEnd + 1, content.indexOf("</v>", valueTagEnd));
    }
    const formulaAt = content.indexOf("<f");
    const formula = formulaAt >= 0;
    let written: string | undefined;
    let group: string | undefined;
    if (formula) {
      const formulaTag = /<f\b([^>]*?)(\/>|>([\s\S]*?)<\/f>)/.exec(content.slice(formulaAt));
      written = formulaTag?.[3];
      group = formulaTag === null ? undefined : attributeValue(` ${(formulaTag[1] ?? "").trim()}`, "si");
      if (group !== undefined && written !== undefined && written !== "" && !sharedFormulas.has(group)) {
        sharedFormulas.set(group, { text: ownCopy(shorten(unescapeXml(written))), address: cellAddress(row, column) });
      }
    }
    if (formula && (value === undefined || (value === "" && type !== "str"))) {
      if (type === "str" && value === undefined) textFormulaWithoutValue = true;
      formulaCount++;
      formulaRows.add(row);
      const shared = (written === undefined || written === "") && group !== undefined ? sharedFormulas.get(group) : undefined;
      const formulaText = shared !== undefined ? `=${shared.text} (a shared formula, as written in ${shared.address})` : `=${ownCopy(shorten(unescapeXml(written ?? "")))}`;
      if (formulasWithoutValue.length < 1000) formulasWithoutValue.push({ row, column, address: cellAddress(row, column), text: () => formulaText });
      continue;
    }
    const inline = content.indexOf("<is") >= 0;
    if (!inline && (value === undefined || value === "")) continue;
    if (lowest === undefined || row > lowest.row) lowest = { row, column, type, contentStart: tagEnd + 1, contentEnd: close };
    if (rightmost === undefined || column > rightmost.column) rightmost = { row, column, type, contentStart: tagEnd + 1, contentEnd: close };
    if (type === "e") errorCells.set(cellKey(row, column), unescapeXml(value ?? ""));
    if (type === "n") {
      const style = attributeValue(attributes, "s");
      if (style !== undefined && percent[Number(style)] === true) percentCells.add(cellKey(row, column));
    }
  }
  // Texts are copied out of the sheet XML now (a slice would keep the whole XML alive while
  // read-excel-file reads the sheet); a shared string is looked up only when a message needs it.
  const describe = (place: CellPlace): SurveyCell => {
    const content = xml.slice(place.contentStart, place.contentEnd);
    const value = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(content)?.[1] ?? "";
    let text: () => string;
    if (content.indexOf("<is") >= 0) {
      const inline = ownCopy(shorten(unescapeXml((content.match(/<t\b[^>]*>([\s\S]*?)<\/t>/g) ?? []).map((t) => t.replace(/<[^>]*>/g, "")).join(""))));
      text = () => inline;
    } else if (place.type === "s") {
      const index = Number(value);
      text = () => shorten(sharedString(index) ?? "");
    } else {
      const saved = ownCopy(shorten(unescapeXml(value)));
      text = () => saved;
    }
    return { row: place.row, column: place.column, address: cellAddress(place.row, place.column), text };
  };
  return {
    name,
    xmlBytes: xml.length,
    ...(lowest ? { lowest: describe(lowest) } : {}),
    ...(rightmost ? { rightmost: describe(rightmost) } : {}),
    percentCells,
    errorCells,
    formulasWithoutValue,
    formulaCount,
    formulaRows,
    textFormulaWithoutValue,
    cellsWithoutAddress,
  };
}

/** A sheet too large to read, found before its XML is unpacked. */
export interface OversizedSheet {
  readonly name: string;
  readonly xmlBytes: number;
}

/** The sheets of a workbook in workbook order, surveyed when `wanted(name)`; too-large sheets apart. */
export interface WorkbookSurvey {
  readonly sheetNames: readonly string[];
  readonly sheets: ReadonlyMap<string, SheetSurvey>;
  readonly oversized: readonly OversizedSheet[];
}

/**
 * Surveys the sheets `wanted` picks, reading only the workbook's index, styles, shared strings
 * (when a far cell must be shown) and those sheets. Throws when the bytes are not a workbook.
 */
export function surveyWorkbook(bytes: Uint8Array, wanted: (name: string, index: number) => boolean): WorkbookSurvey {
  const decoder = new TextDecoder();
  const index = unzipSync(bytes, { filter: (file) => file.name === "xl/workbook.xml" || file.name === "xl/_rels/workbook.xml.rels" });
  const workbookXml = index["xl/workbook.xml"];
  const relsXml = index["xl/_rels/workbook.xml.rels"];
  if (workbookXml === undefined || relsXml === undefined) throw new Error("no xl/workbook.xml inside: not an Excel workbook");
  const targets = new Map<string, string>();
  let stylesPath = "xl/styles.xml";
  let sharedStringsPath = "xl/sharedStrings.xml";
  const partPath = (target: string) => (target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  for (const match of decoder.decode(relsXml).matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(match[1] as string, "Id");
    const target = attribute(match[1] as string, "Target");
    const type = attribute(match[1] as string, "Type") ?? "";
    if (id === undefined || target === undefined) continue;
    targets.set(id, partPath(target));
    if (type.endsWith("/styles")) stylesPath = partPath(target);
    if (type.endsWith("/sharedStrings")) sharedStringsPath = partPath(target);
  }
  const sheetParts: { name: string; path: string | undefined }[] = [];
  for (const match of withoutPrefixes(decoder.decode(workbookXml)).matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescapeXml(attribute(match[1] as string, "name") ?? "");
    const id = /(?:^|\s)[\w.-]+:id\s*=\s*"([^"]*)"/.exec(match[1] as string)?.[1];
    sheetParts.push({ name, path: id === undefined ? undefined : targets.get(id) });
  }
  const wantedPaths = new Map<string, string>();
  sheetParts.forEach(({ name, path }, position) => {
    if (path !== undefined && wanted(name, position)) wantedPaths.set(path, name);
  });
  const oversized: OversizedSheet[] = [];
  const parts = unzipSync(bytes, {
    filter: (file) => {
      const sheet = wantedPaths.get(file.name);
      if (sheet !== undefined && file.originalSize > MAX_SHEET_XML_BYTES) {
        oversized.push({ name: sheet, xmlBytes: file.originalSize });
        return false;
      }
      return sheet !== undefined || file.name === stylesPath;
    },
  });
  const stylesBytes = parts[stylesPath];
  const percent = percentStyles(stylesBytes === undefined ? undefined : withoutPrefixes(decoder.decode(stylesBytes)));
  // Shared strings are only needed to show a far cell's text: read on first need.
  let strings: string[] | undefined;
  const sharedString = (position: number): string | undefined => {
    if (strings === undefined) {
      const part = unzipSync(bytes, { filter: (file) => file.name === sharedStringsPath })[sharedStringsPath];
      strings = [];
      if (part !== undefined) {
        for (const match of withoutPrefixes(decoder.decode(part)).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)) {
          strings.push(unescapeXml((match[1] as string).replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").replace(/<[^>]*>/g, "")));
        }
      }
    }
    return strings[position];
  };
  const sheets = new Map<string, SheetSurvey>();
  for (const [path, name] of wantedPaths) {
    const part = parts[path];
    if (part === undefined) continue;
    sheets.set(name, surveySheet(name, withoutPrefixes(decoder.decode(part)), percent, sharedString));
  }
  return { sheetNames: sheetParts.map(({ name }) => name), sheets, oversized };
}
