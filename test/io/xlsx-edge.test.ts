/**
 * Excel edge cases from an adversarial review. The workbooks in test/fixtures/xlsx were written by
 * openpyxl 3.0 (scripts/fixtures/make-xlsx-edge.py), each standing in for one table of the Rwanda
 * example; a few are built here with fflate.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { loadNetwork, safeLoadNetwork, safeParseWorkbook } from "../../src/index.js";
import { isPercentFormat, surveyWorkbook } from "../../src/io/read/xlsxSurvey.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "xlsx");
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The example's CSV files in a new folder, with `table`.csv replaced by the fixture workbook. */
function folderWith(table: string, fixture: string): string {
  const folder = mkdtempSync(join(tmpdir(), "twinning-xlsx-edge-"));
  folders.push(folder);
  for (const name of readdirSync(EXAMPLE_FOLDER).filter((file) => file.endsWith(".csv") && file !== `${table}.csv`)) copyFileSync(join(EXAMPLE_FOLDER, name), join(folder, name));
  copyFileSync(join(fixtures, fixture), join(folder, `${table}.xlsx`));
  return folder;
}

const issuesOf = async (folder: string) => {
  const result = await safeLoadNetwork(folder);
  return result.ok ? [] : result.issues.map((issue) => [issue.code, issue.message]);
};

/** A one-sheet workbook ("scores") whose sheet XML is `sheetData`, built with fflate. */
function workbookWith(sheetData: string, styles = "", sharedStrings = ""): Uint8Array {
  const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "xl/workbook.xml": strToU8(`<workbook ${main} xmlns:r="${rel}"><sheets><sheet name="scores" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>${styles ? `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>` : ""}${sharedStrings ? `<Relationship Id="rId3" Type="${rel}/sharedStrings" Target="/xl/strings.xml"/>` : ""}</Relationships>`,
    ),
    ...(sharedStrings ? { "xl/strings.xml": strToU8(`<sst ${main}>${sharedStrings}</sst>`) } : {}),
    ...(styles ? { "xl/styles.xml": strToU8(`<styleSheet ${main}>${styles}</styleSheet>`) } : {}),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${main}><sheetData>${sheetData}</sheetData></worksheet>`),
  });
}

describe("Excel: a sheet is bounded before it is expanded", () => {
  it("one stray value at XFD1048576 (a 15 KB workbook, 17 billion cells expanded) is refused with an issue naming it, before memory runs out", async () => {
    expect(readFileSync(join(fixtures, "stray-cell.xlsx")).length).toBeLessThan(40_000);
    expect(await issuesOf(folderWith("scores", "stray-cell.xlsx"))).toEqual([
      [
        "file-too-large",
        'scores.xlsx, sheet "scores": expected a table of at most 20,000,000 cells from A1 to its last used cell, got a sheet spanning A1:XFD1048576 (17,179,869,184 cells) because of a value at XFD1048576 ("x"); a stray value far from the table? Delete it (in Excel, Ctrl+End goes to the last used cell), or save the sheet as CSV',
      ],
    ]);
  });

  it("parseWorkbook (bytes, the browser's path) refuses it too, and a stray value in an ignored sheet does not matter", async () => {
    const result = await safeParseWorkbook(readFileSync(join(fixtures, "network-stray-cell.xlsx")));
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file, issue.value, issue.message])).toEqual([
      [
        "file-too-large",
        'workbook.xlsx, sheet "scores"',
        "XFD1048576",
        'workbook.xlsx, sheet "scores": expected a table of at most 20,000,000 cells from A1 to its last used cell, got a sheet spanning A1:XFD1048576 (17,179,869,184 cells) because of a value at XFD1048576 ("99"); a stray value far from the table? Delete it (in Excel, Ctrl+End goes to the last used cell), or save the sheet as CSV',
      ],
    ]);
  });

  it("names both far cells when the lowest and the rightmost differ, with their text (inline or shared strings)", async () => {
    const bytes = workbookWith('<row r="1"><c r="A1" t="inlineStr"><is><t>institution</t></is></c></row><row r="30000"><c r="B30000"><v>1</v></c><c r="ZZ30000" t="inlineStr"><is><t>far &amp; wide</t></is></c></row><row r="1000000"><c r="C1000000" t="s"><v>1</v></c></row>', "", "<si><t>institution</t></si><si><r><t>far </t></r><r><t>down</t></r></si>");
    const result = await safeParseWorkbook(bytes);
    const issue = result.ok ? undefined : result.issues.find((entry) => entry.code === "file-too-large");
    expect(issue?.message).toBe(
      'workbook.xlsx, sheet "scores": expected a table of at most 20,000,000 cells from A1 to its last used cell, got a sheet spanning A1:ZZ1000000 (702,000,000 cells) because of values at C1000000 ("far down") and ZZ30000 ("far & wide"); a stray value far from the table? Delete it (in Excel, Ctrl+End goes to the last used cell), or save the sheet as CSV',
    );
  });

  it("a sheet whose XML would unpack to over 400 MiB (as the zip directory says) is refused before it is unpacked", async () => {
    const bytes = workbookWith('<row r="1"><c r="A1"><v>1</v></c></row>');
    // Patch the sheet's uncompressed size in the zip's central directory (offset 24 of its entry).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const length = view.getUint16(at + 28, true);
      if (length === name.length && name.every((byte, i) => bytes[at + 46 + i] === byte)) view.setUint32(at + 24, 500 * 1024 * 1024, true);
    }
    const result = await safeParseWorkbook(bytes);
    expect(result.ok ? [] : result.issues.filter((issue) => issue.code === "file-too-large").map((issue) => issue.message)).toEqual([
      'workbook.xlsx, sheet "scores": expected a sheet of at most 400 MB unpacked, got 500 MB; save the sheet as CSV, or split it',
    ]);
  });

  it("empty styled cells far away (formatting, no value) do not count", () => {
    const survey = surveyWorkbook(workbookWith('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="0"/></row>'), () => true);
    expect(survey.sheets.get("scores")?.lowest?.address).toBe("A1");
    expect(survey.sheets.get("scores")?.rightmost?.address).toBe("A1");
  });
});

describe("Excel: percent cells hold fractions", () => {
  it("value cells formatted as percent (0.721 shown as 72.1%) are read as percentage points, said in a warning; the network equals the CSV one", async () => {
    const network = await loadNetwork(folderWith("scores", "percent-scores.xlsx"));
    expect(network.equals(await loadNetwork(EXAMPLE_FOLDER))).toBe(true);
    expect(network.warnings).toEqual([
      'scores.xlsx, sheet "scores": 20 value cells formatted as percent (topic "ipc-compliance") read as percentage points: a cell showing 72.1% holds 0.721 and is read as 72.1',
    ]);
    expect(network.toJSON().scores.find((score) => score.institution === "kibagabaga-hospital" && score.topic === "ipc-compliance" && score.period === "baseline")?.value).toBe(72.1);
  });

  it("for a topic on a proportion scale (max 1), percent cells keep their fractions, said in a warning", async () => {
    const folder = folderWith("scores", "percent-scores.xlsx");
    const topics = readFileSync(join(folder, "topics.csv"), "utf8").replace(/^(ipc-compliance,[^\n]*?),%,0,100,/m, "$1,proportion,0,1,");
    writeFileSync(join(folder, "topics.csv"), topics);
    const network = await loadNetwork(folder);
    expect(network.warnings).toEqual([
      'scores.xlsx, sheet "scores": 20 value cells formatted as percent (topic "ipc-compliance") kept as fractions (72.1% read as 0.721): the topic\'s max is at most 1, a proportion',
    ]);
    expect(network.toJSON().scores.find((score) => score.institution === "kibagabaga-hospital" && score.topic === "ipc-compliance" && score.period === "baseline")?.value).toBe(0.721);
  });

  it("a topic mixing percent-formatted and plain value cells is an issue naming the cells", async () => {
    expect(await issuesOf(folderWith("scores", "percent-mixed.xlsx"))).toEqual([
      [
        "invalid-value",
        'scores.xlsx, sheet "scores", column "value" (D): expected one number format per topic (all its value cells formatted as percent, or none), got topic "ipc-compliance" with 19 cells formatted as percent (D4, D16, D17, D28, D29, ...) and 1 plain number (D5); a percent cell holds a fraction (72.1% is 0.721), so the two cannot be told apart: format the column as percent, or as plain numbers',
      ],
    ]);
  });

  it("isPercentFormat: a % outside quotes, escapes and brackets", () => {
    expect(["0%", "0.0%", "[Red]0.00%", "#,##0.0%;-0.0%"].map(isPercentFormat)).toEqual([true, true, true, true]);
    expect(['0.0" %"', "0\\%", "General", "0.00", "yyyy-mm-dd", '[$%-409]0'].map(isPercentFormat)).toEqual([false, false, false, false, false, false]);
  });

  it("built-in percent formats 9 and 10 count, via cellXfs", () => {
    const styles = '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="10"/></cellXfs>';
    const survey = surveyWorkbook(workbookWith('<row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>0.25</v></c><c r="C1"><v>3</v></c></row>', styles), () => true);
    expect([...(survey.sheets.get("scores")?.percentCells ?? [])]).toEqual([1 * 16384 + 1, 1 * 16384 + 2]);
  });
});

describe("Excel: formulas, dates and titles", () => {
  it("a formula saved without its value (written by a program) is an issue naming the cell, with no follow-on issue", async () => {
    expect(await issuesOf(folderWith("scores", "formula-no-value.xlsx"))).toEqual([
      [
        "invalid-value",
        'scores.xlsx, sheet "scores", row 3, cell D3: expected a value, or a formula saved with its value, got the formula "=60+12.2" without a saved value (the workbook was written by a program, not saved by Excel); open and save the workbook in Excel or LibreOffice, or type the value',
      ],
    ]);
  });

  it("a text formula without a value (which read-excel-file refuses) is named the same way instead of 'cannot be read'", async () => {
    const bytes = workbookWith('<row r="1"><c r="A1" t="inlineStr"><is><t>institution</t></is></c><c r="B1" t="str"><f>A1&amp;"x"</f></c></row>');
    const result = await safeParseWorkbook(bytes);
    expect(result.ok ? [] : result.issues.filter((issue) => issue.file?.includes("scores")).map((issue) => issue.message)).toEqual([
      'workbook.xlsx, sheet "scores", row 1, cell B1: expected a value, or a formula saved with its value, got the formula "=A1&\\"x\\"" without a saved value (the workbook was written by a program, not saved by Excel); open and save the workbook in Excel or LibreOffice, or type the value',
    ]);
  });

  it("1,500 formulas without values: 1,000 listed, the rest counted in one more-issues issue", async () => {
    let rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>institution</t></is></c></row>';
    for (let r = 2; r <= 1501; r++) rows += `<row r="${r}"><c r="A${r}"><f>1+1</f><v></v></c></row>`;
    const result = await safeParseWorkbook(workbookWith(rows));
    const issues = result.ok ? [] : result.issues.filter((issue) => issue.file === 'workbook.xlsx, sheet "scores"' || issue.code === "more-issues");
    expect(issues.filter((issue) => issue.code === "invalid-value").length).toBe(1000);
    expect(issues.filter((issue) => issue.code === "invalid-value")[999]?.line).toBe(1001);
    expect(issues.filter((issue) => issue.code === "more-issues").map((issue) => issue.message)).toEqual(["... and 500 more invalid-value issues, not listed (the first 1,000 are)"]);
  });

  it("date serials in periods.date formatted as dates (d.m.yyyy) are read as dates", async () => {
    const network = await loadNetwork(folderWith("periods", "periods-serial.xlsx"));
    expect(network.toJSON().periods).toEqual([{ id: "baseline", date: "2021-08-01" }, { id: "endline", date: "2023-02-28" }]);
    expect(network.equals(await loadNetwork(EXAMPLE_FOLDER))).toBe(true);
  });

  it("plain numbers in periods.date (no date format) are an issue that names the date each would be as an Excel serial", async () => {
    expect(await issuesOf(folderWith("periods", "periods-number.xlsx"))).toEqual([
      ["malformed-date", 'periods.xlsx, sheet "periods" row 2, column "date" (B): expected a date cell, or a date written as text such as 2021-08-01, got the number 44409 in a cell without a date format; if it is an Excel date serial (2021-08-01), format the column as a date in Excel'],
      ["malformed-date", 'periods.xlsx, sheet "periods" row 3, column "date" (B): expected a date cell, or a date written as text such as 2021-08-01, got the number 44985 in a cell without a date format; if it is an Excel date serial (2023-02-28), format the column as a date in Excel'],
    ]);
  });

  it("a title above the header (\"Scores 2023\" in A1, header in row 3) is skipped with a warning; rows keep their sheet numbers", async () => {
    const network = await loadNetwork(folderWith("scores", "title-row.xlsx"));
    expect(network.equals(await loadNetwork(EXAMPLE_FOLDER))).toBe(true);
    expect(network.warnings).toEqual(['scores.xlsx, sheet "scores": header read from row 3; rows 1 to 2 above it ("Scores 2023") taken as a title and skipped']);
  });

  it("under a title, a header with a typo is still found (the row with the most known columns): the issue points at its row", async () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const rows = `<row r="1">${cell("A1", "Scores 2023")}</row><row r="3">${cell("A3", "institution")}${cell("B3", "topic")}${cell("C3", "period")}${cell("D3", "vaule")}</row><row r="4">${cell("A4", "H1")}${cell("B4", "acc")}${cell("C4", "2021")}<c r="D4"><v>5</v></c></row>`;
    const result = await safeParseWorkbook(workbookWith(rows));
    expect(result.ok ? [] : result.issues.filter((issue) => issue.code === "missing-column").map((issue) => [issue.file, issue.line, issue.message])).toEqual([
      ['workbook.xlsx, sheet "scores"', 3, 'workbook.xlsx, sheet "scores", column "value": expected a column "value" (required: institution, topic, period, value) (the header has no such column; did you mean "vaule"?)'],
    ]);
  });
});

describe("Excel: columns without a name", () => {
  const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const header = `<row r="1">${text("A1", "institution")}${text("B1", "topic")}${text("C1", "period")}${text("D1", "value")}</row>`;
  const scores = (extra: string) => `${header}<row r="2">${text("A2", "kibagabaga-hospital")}${text("B2", "accreditation")}${text("C2", "baseline")}<c r="D2"><v>62</v></c>${extra}</row>`;
  const folderWithScores = (bytes: Uint8Array) => {
    const folder = mkdtempSync(join(tmpdir(), "twinning-xlsx-unnamed-"));
    folders.push(folder);
    for (const name of readdirSync(EXAMPLE_FOLDER).filter((file) => file.endsWith(".csv") && file !== "scores.csv")) copyFileSync(join(EXAMPLE_FOLDER, name), join(folder, name));
    writeFileSync(join(folder, "scores.xlsx"), bytes);
    return folder;
  };

  it("a value right of the last named column (E2) is an issue naming its cell, not silently dropped", async () => {
    expect(await issuesOf(folderWithScores(workbookWith(scores(text("E2", "note")))))).toEqual([
      ["empty-value", 'scores.xlsx, sheet "scores", row 1, column E: expected a column name, got nothing above "note" in row 2'],
    ]);
  });

  it("a value under an empty header cell inside the table (C2) is an issue naming its row and column", async () => {
    const row1 = `<row r="1">${text("A1", "institution")}${text("B1", "topic")}${text("D1", "period")}${text("E1", "value")}</row>`;
    const row2 = `<row r="2">${text("A2", "kibagabaga-hospital")}${text("B2", "accreditation")}<c r="C2"><v>3</v></c>${text("D2", "baseline")}<c r="E2"><v>62</v></c></row>`;
    expect(await issuesOf(folderWithScores(workbookWith(row1 + row2)))).toEqual([["empty-value", 'scores.xlsx, sheet "scores", row 1, column C: expected a column name, got nothing above 3 in row 2']]);
  });

  it("an empty cell right of the table (formatted, no value) is no column: loaded without a warning", async () => {
    const network = await loadNetwork(folderWithScores(workbookWith(scores('<c r="F2" s="0"/>'))));
    expect(network.score("kibagabaga-hospital", "accreditation", "baseline")).toBe(62);
    expect(network.warnings.filter((warning) => warning.includes("without a name"))).toEqual([]);
  });

  it("an empty column without a name inside the table (C) is skipped", async () => {
    const row1 = `<row r="1">${text("A1", "institution")}${text("B1", "topic")}${text("D1", "period")}${text("E1", "value")}</row>`;
    const row2 = `<row r="2">${text("A2", "kibagabaga-hospital")}${text("B2", "accreditation")}${text("D2", "baseline")}<c r="E2"><v>62</v></c></row>`;
    const network = await loadNetwork(folderWithScores(workbookWith(row1 + row2)));
    expect(network.score("kibagabaga-hospital", "accreditation", "baseline")).toBe(62);
    expect(network.warnings.filter((warning) => warning.includes("scores.xlsx"))).toEqual([]);
  });
});

/** A one-sheet workbook ("scores") whose XML binds the SpreadsheetML namespace to the prefix x: (as the .NET OpenXML SDK writes it). */
function prefixedWorkbook(rows: string, styles = ""): Uint8Array {
  const main = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "xl/workbook.xml": strToU8(`<x:workbook ${main} xmlns:r="${rel}"><x:sheets><x:sheet name="scores" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>${styles ? `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>` : ""}</Relationships>`,
    ),
    ...(styles ? { "xl/styles.xml": strToU8(`<x:styleSheet ${main}>${styles}</x:styleSheet>`) } : {}),
    "xl/worksheets/sheet1.xml": strToU8(`<x:worksheet ${main}><x:sheetData>${rows}</x:sheetData></x:worksheet>`),
  });
}

const prefixedText = (address: string, text: string) => `<x:c r="${address}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;
const prefixedHeader = `<x:row r="1">${prefixedText("A1", "institution")}${prefixedText("B1", "topic")}${prefixedText("C1", "period")}${prefixedText("D1", "value")}</x:row>`;

describe("Excel: workbooks as other programs write them (second adversarial review)", () => {
  it("a sheet whose elements carry a namespace prefix (<x:c>) is bounded too: a stray value at Z1000000 is refused, not expanded", async () => {
    const bytes = prefixedWorkbook(`${prefixedHeader}<x:row r="1000000"><x:c r="Z1000000"><x:v>1</x:v></x:c></x:row>`);
    expect(surveyWorkbook(bytes, () => true).sheets.get("scores")?.lowest?.address).toBe("Z1000000");
    const result = await safeParseWorkbook(bytes);
    expect(result.ok ? [] : result.issues.filter((issue) => issue.code === "file-too-large").map((issue) => issue.value)).toEqual(["Z1000000"]);
  });

  it("percent cells of a prefixed sheet and prefixed styles are found like unprefixed ones", () => {
    const styles = '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="10" applyNumberFormat="1"/></x:cellXfs>';
    const bytes = prefixedWorkbook(`${prefixedHeader}<x:row r="2"><x:c r="D2" s="1"><x:v>0.721</x:v></x:c></x:row>`, styles);
    expect([...(surveyWorkbook(bytes, () => true).sheets.get("scores")?.percentCells ?? [])]).toEqual([2 * 16384 + 4]);
  });

  it("cells without an address (no r attribute, which read-excel-file cannot place) are one clear issue, not a JavaScript error", async () => {
    const text = (value: string) => `<c t="inlineStr"><is><t>${value}</t></is></c>`;
    const bytes = workbookWith(`<row r="1">${text("institution")}${text("topic")}${text("period")}${text("value")}</row><row r="1000000">${text("a")}${text("t")}${text("p")}<c><v>1</v></c></row>`);
    const result = await safeParseWorkbook(bytes);
    expect(result.ok ? [] : result.issues.filter((issue) => issue.code === "unsupported-file").map((issue) => issue.message)).toEqual([
      'workbook.xlsx, sheet "scores": expected cells with their addresses (the r attribute Excel always writes), got 8 cell(s) without an address (the workbook was written by a program that leaves them out); open and save the workbook in Excel or LibreOffice, or save the sheet as CSV',
    ]);
  });

  it("a shared formula saved without values names the formula of its first cell, not a bare '='", async () => {
    const text = (address: string, value: string) => `<c r="${address}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const header = `<row r="1">${text("A1", "institution")}${text("B1", "topic")}${text("C1", "period")}${text("D1", "value")}</row>`;
    const bytes = workbookWith(`${header}<row r="2"><c r="D2"><f t="shared" ref="D2:D3" si="0">1+1</f></c></row><row r="3"><c r="D3"><f t="shared" si="0"/></c></row>`);
    const survey = surveyWorkbook(bytes, () => true).sheets.get("scores");
    expect(survey?.formulasWithoutValue.map((cell) => [cell.address, cell.text()])).toEqual([
      ["D2", "=1+1"],
      ["D3", "=1+1 (a shared formula, as written in D2)"],
    ]);
  });
});

describe("Excel error cells", () => {
  it("are named in the issue (#DIV/0!, #N/A), where they read as 'got nothing'; a 0 beside them stays 0", async () => {
    const text = (address: string, value: string) => `<c r="${address}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const row = (r: number, institution: string, value: string) => `<row r="${r}">${text(`A${r}`, institution)}${text(`B${r}`, "acc")}${text(`C${r}`, "2021")}${value}</row>`;
    const bytes = workbookWith(
      `<row r="1">${text("A1", "institution")}${text("B1", "topic")}${text("C1", "period")}${text("D1", "value")}</row>` +
        row(2, "H1", '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>') +
        row(3, "H2", '<c r="D3" t="e"><v>#N/A</v></c>') +
        row(4, "H3", '<c r="D4"><v>0</v></c>'),
    );
    const result = await safeParseWorkbook(bytes);
    const messages = result.ok ? [] : result.issues.map((issue) => issue.message);
    expect(messages).toContain('workbook.xlsx, sheet "scores" row 2, column "value" (D): expected a number such as 12.5 (decimal point, no thousands separator or spaces), got "#DIV/0!"');
    expect(messages).toContain('workbook.xlsx, sheet "scores" row 3, column "value" (D): expected a number such as 12.5 (decimal point, no thousands separator or spaces), got "#N/A"');
    expect(messages.some((message) => message.includes("row 4"))).toBe(false);
  });
});
