/**
 * DHIS2 exports: the analytics API response of examples/data/dhis2 and a Data Visualizer CSV
 * download (test/fixtures/dhis2), both hand-made in the documented formats; period ids checked
 * against the DHIS2 Developer Manual's "Date and period format" table and ISO 8601 week dates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TwinningInputError, dhis2PeriodStart, loadNetwork, parseDHIS2Analytics, parseNetwork, safeParseNetwork } from "../../src/index.js";
import { monthOfName, partOfYearStart, periodNameStart } from "../../src/model/dhis2Periods.js";

const example = join(import.meta.dirname, "..", "..", "examples", "data", "dhis2");
const read = (name: string) => readFileSync(join(example, name), "utf8");
const files = () => ({ "institutions.csv": read("institutions.csv"), "topics.csv": read("topics.csv"), "interests.csv": read("interests.csv") });

describe("DHIS2 period ids", () => {
  it.each([
    ["2021", "2021-01-01"],
    ["20200229", "2020-02-29"],
    ["202108", "2021-08-01"],
    ["202104B", "2021-07-01"],
    ["2021Q3", "2021-07-01"],
    ["2021S1", "2021-01-01"],
    ["2021S2", "2021-07-01"],
    ["2021AprilS1", "2021-04-01"],
    ["2021AprilS2", "2021-10-01"],
    ["2021NovS1", "2020-11-01"],
    ["2021April", "2021-04-01"],
    ["2021July", "2021-07-01"],
    ["2021Oct", "2021-10-01"],
    ["2021Nov", "2021-11-01"],
    ["2004W10", "2004-03-01"],
    ["2021W1", "2021-01-04"],
    ["2021W5", "2021-02-01"],
    ["2020W53", "2020-12-28"],
    ["2015WedW5", "2015-01-28"],
    ["2021BiW1", "2021-01-04"],
    ["2021BiW2", "2021-01-18"],
  ])("%s starts on %s", (id, start) => {
    expect(dhis2PeriodStart(id)).toBe(start);
  });

  it.each(["20210229", "202113", "202107B", "2021Q5", "2021W54", "2021W0", "2021S3", "baseline", "2021-08"])("%s is not a DHIS2 period id", (id) => {
    expect(dhis2PeriodStart(id)).toBeUndefined();
  });
});

describe("DHIS2 period display names", () => {
  // Intl.DateTimeFormat carries CLDR's month names; DHIS2's multi-calendar-dates builds its labels
  // with the same call (toLocaleString(locale, { month: "long", year: "numeric" })).
  const months = (locale: string, month: "long" | "short") =>
    Array.from({ length: 12 }, (_, index) => new Intl.DateTimeFormat(locale, { month, timeZone: "UTC" }).format(new Date(Date.UTC(2022, index, 15))));

  it.each(["en", "fr", "rw"])("the month names and abbreviations of CLDR's %s locale (Intl.DateTimeFormat) give their months", (locale) => {
    for (const style of ["long", "short"] as const) {
      expect(months(locale, style).map(monthOfName)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    }
  });

  it("CLDR rw's months are the Kinyarwanda names the parser was written from", () => {
    expect(months("rw", "long")).toEqual(["Mutarama", "Gashyantare", "Werurwe", "Mata", "Gicurasi", "Kamena", "Nyakanga", "Kanama", "Nzeri", "Ukwakira", "Ugushyingo", "Ukuboza"]);
  });

  it("DHIS2's French short month names (i18n_global_fr.properties) and names without accents give their months", () => {
    const short = ["Janv.", "Fev", "Mars", "Avr", "Mai", "Juin", "Juil", "Aou", "Sept", "oct.", "nov.", "Déc"];
    expect(short.map(monthOfName)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(["Fevrier", "FÉVRIER", "Aout", "août", "Decembre", "JANVIER", "sept."].map(monthOfName)).toEqual([2, 2, 8, 8, 12, 1, 9]);
  });

  it.each(["Jui", "jui.", "Ma", "Ju", "Juni", "Mart", "marzo", "Okt", "Q1", ""])("%j is no month: ambiguous, too short or another language", (word) => {
    expect(monthOfName(word)).toBeUndefined();
  });

  it.each([
    ["January 2022", "2022-01-01"],
    ["Janvier 2022", "2022-01-01"],
    ["Juin 2022", "2022-06-01"],
    ["JUIN 2022", "2022-06-01"],
    ["Février 2022", "2022-02-01"],
    ["Fevrier 2022", "2022-02-01"],
    ["Août 2021", "2021-08-01"],
    ["Aout 2021", "2021-08-01"],
    ["Jan 2022", "2022-01-01"],
    ["janv. 2022", "2022-01-01"],
    ["févr. 2022", "2022-02-01"],
    ["Mutarama 2022", "2022-01-01"],
    ["Ukuboza 2021", "2021-12-01"],
    ["January - March 2022", "2022-01-01"],
    ["Janvier - Mars 2022", "2022-01-01"],
    ["Jan to Mar 2022", "2022-01-01"],
    ["Oct to Dec 2022", "2022-10-01"],
    ["Juillet - Décembre 2021", "2021-07-01"],
    ["April 2021 - March 2022", "2021-04-01"],
    ["October 2014 - March 2015", "2014-10-01"],
    ["November - April 2022", "2021-11-01"],
    ["Week 5 2022-01-31 - 2022-02-06", "2022-01-31"],
    ["Week 27 - 2014-06-30 - 2014-07-06", "2014-06-30"],
    ["Semaine 1 - 2013-12-30 - 2014-01-05", "2013-12-30"],
  ])("%s starts on %s", (name, start) => {
    expect(periodNameStart(name)).toBe(start);
  });

  it.each(["Jui 2022", "2022 Janvier", "Janvier 2022 2023", "March 2023 - January 2022", "January 2021 - January 2022", "Mars", "Q1 2022", "baseline", "Juni 2022", "Week 5 2022-02-30 - 2022-03-06", "Janvier – Mars 2022"])(
    "%j has no start date",
    (name) => {
      expect(periodNameStart(name)).toBeUndefined();
    },
  );

  it.each([
    ["Q1 2022", "2022-01-01"],
    ["q3 2022", "2022-07-01"],
    ["2022 Q4", "2022-10-01"],
    ["2022-Q2", "2022-04-01"],
    ["T4 2021", "2021-10-01"],
    ["H1 2023", "2023-01-01"],
    ["Qtr1 2022", "2022-01-01"],
    ["quarter 2 2022", "2022-04-01"],
    ["2022 Qtr. 3", "2022-07-01"],
    ["Trimestre 4 2021", "2021-10-01"],
  ])("the quarter or half-year label %s starts on %s", (label, start) => {
    expect(partOfYearStart(label)).toBe(start);
  });

  it.each(["Q5 2022", "H3 2022", "S1 2022", "Q1 22", "Q1 2022 2023", "H2O 2022", "Qtr5 2022", "Quarterly 1 2022", "Qtr  1 2022", "Half 1 2022"])("%j is no quarter or half-year", (label) => {
    expect(partOfYearStart(label)).toBeUndefined();
  });

  it("names of every month, quarter and six-month period of 2021-2022 in en, fr and rw start where their DHIS2 ids do", () => {
    const long = (locale: string, year: number, month: number) => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 15)));
    for (const locale of ["en", "fr", "rw"]) {
      for (const year of [2021, 2022]) {
        for (let month = 1; month <= 12; month++) {
          const name = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 15)));
          expect(periodNameStart(name), name).toBe(dhis2PeriodStart(`${year}${String(month).padStart(2, "0")}`));
        }
        for (let quarter = 1; quarter <= 4; quarter++) {
          const name = `${long(locale, year, 3 * quarter - 2)} - ${long(locale, year, 3 * quarter)} ${year}`;
          expect(periodNameStart(name), name).toBe(dhis2PeriodStart(`${year}Q${quarter}`));
        }
        for (let half = 1; half <= 2; half++) {
          const name = `${long(locale, year, 6 * half - 5)} - ${long(locale, year, 6 * half)} ${year}`;
          expect(periodNameStart(name), name).toBe(dhis2PeriodStart(`${year}S${half}`));
        }
      }
    }
  });
});

describe("dhis2.json (analytics API response) in place of scores.csv", () => {
  it("maps org units and data items through the dhis2 columns, by id or by name, and orders periods by start date", async () => {
    const network = await loadNetwork(example);
    expect(network.periodIds).toEqual(["2021Q3", "2022Q4"]);
    expect(network.warnings).toEqual([]);
    expect(network.scores).toHaveLength(16);
    expect(network.score("masaka-hospital", "anc4", "2022Q4")).toBe(49);
    expect(network.score("ruhengeri-hospital", "csection-ssi", "2021Q3")).toBe(9.7);
    expect(network.institution("kibagabaga-hospital")?.dhis2).toBe("qLXvbVqZvWe");
  });

  it("an org unit no institution maps is an issue naming it", () => {
    const institutions = read("institutions.csv").replace(",hHCFLq2rrMa", ",");
    const result = safeParseNetwork({ ...files(), "institutions.csv": institutions, "dhis2.json": read("dhis2.json") });
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(4);
    expect(issues[0]).toMatchObject({ code: "unknown-institution", file: "dhis2.json", column: "ou", value: "hHCFLq2rrMa" });
    expect(issues[0]?.message).toContain('named "Kibuye RH" in the export');
  });

  it("an org unit or data element near a dhis2 value (by the export's id or name) gets the did-you-mean plain ids get; one near nothing gets none", () => {
    const unknown = (institutions: string, topics = read("topics.csv")) => {
      const result = safeParseNetwork({ ...files(), "institutions.csv": institutions, "topics.csv": topics, "dhis2.json": read("dhis2.json") });
      return result.ok ? [] : result.issues.map((issue) => [issue.code, issue.value, issue.message.replace(/^.*\(named/, "(named")]);
    };
    const institutions = read("institutions.csv");
    // The dhis2 column's id with one letter in another case: the export's id is near it.
    expect(unknown(institutions.replace("hHCFLq2rrMa", "hHCFLq2rrMA"))[0]).toEqual(["unknown-institution", "hHCFLq2rrMa", '(named "Kibuye RH" in the export; did you mean "hHCFLq2rrMA"?)']);
    // The dhis2 column names the org unit: the export's name is near it.
    expect(unknown(institutions.replace("Masaka DH", "Masaka D.H."))[0]).toEqual(["unknown-institution", "ZxcvMasaka1", '(named "Masaka DH" in the export; did you mean "Masaka D.H."?)']);
    expect(unknown(institutions, read("topics.csv").replace("ANC 4th visit coverage", "ANC 4th visit coverge"))[0]).toEqual(["unknown-topic", "kPqZgUoVb7r", '(named "ANC 4th visit coverage" in the export; did you mean "ANC 4th visit coverge"?)']);
    // The org unit's id in interests.csv, a plain id: no DHIS2 value is suggested for it.
    const interests = `${read("interests.csv")}hHCFLq2rrMa,anc4,1\n`;
    const both = safeParseNetwork({ ...files(), "institutions.csv": institutions.replace("hHCFLq2rrMa", "hHCFLq2rrMA"), "interests.csv": interests, "dhis2.json": read("dhis2.json") });
    expect(both.ok ? [] : both.issues.filter((issue) => issue.file === "interests.csv").map((issue) => [issue.code, issue.message.includes("did you mean")])).toEqual([["unknown-institution", false]]);
    // Nothing near: no suggestion at all.
    expect(unknown(institutions.replace(",hHCFLq2rrMa", ","))[0]).toEqual(["unknown-institution", "hHCFLq2rrMa", '(named "Kibuye RH" in the export)']);
  });

  it("an org unit whose institution row was refused (its kind empty) is no further issue: the row's issue says why, as for plain ids", () => {
    const institutions = read("institutions.csv").replace("kibuye-hospital,Kibuye Hospital,hospital", "kibuye-hospital,Kibuye Hospital,");
    const result = safeParseNetwork({ ...files(), "institutions.csv": institutions, "dhis2.json": read("dhis2.json") });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file, issue.line, issue.column])).toEqual([["empty-value", "institutions.csv", 5, "kind"]]);
  });

  it("a refused row's org unit written as a plain id in interests is still an unknown institution (the org unit is not an id; review)", () => {
    const data = {
      institutions: [{ id: "a", kind: "", dhis2: "zz9" }, { id: "c", kind: "hospital" }],
      topics: [{ id: "t" }],
      interests: [{ institution: "zz9", topic: "t" }, { institution: "zz8", topic: "t" }, { institution: "a", topic: "t" }],
    };
    const result = safeParseNetwork({ "institutions.json": JSON.stringify(data.institutions), "topics.json": JSON.stringify(data.topics), "interests.json": JSON.stringify(data.interests), "scores.json": "[]" });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.value ?? null])).toEqual([
      ["empty-value", ""],
      ["unknown-institution", "zz9"],
      ["unknown-institution", "zz8"],
    ]);
  });

  it("parseDHIS2Analytics returns the score rows with DHIS2 ids and names", () => {
    const rows = parseDHIS2Analytics(read("dhis2.json"));
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ institution: "qLXvbVqZvWe", topic: "Kv3Ut1vYjPe", period: "2022Q4", value: 5.1, institutionName: "Kibagabaga DH", topicName: "C-section SSI rate" });
    expect(parseDHIS2Analytics(JSON.parse(read("dhis2.json")))).toEqual(rows);
  });

  it("parseDHIS2Analytics refuses what is not an analytics response", () => {
    expect(() => parseDHIS2Analytics("[]")).toThrow(TwinningInputError);
    expect(() => parseDHIS2Analytics('{"headers":[{"name":"dx"}],"rows":[]}')).toThrow(/headers named ou, dx, pe, value/);
    expect(() => parseDHIS2Analytics(null as never)).toThrow(TwinningInputError);
  });
});

describe("dhis2.csv (Data Visualizer download) in place of scores.csv", () => {
  it("reads Data, Period, Organisation unit and Value by name", () => {
    const csv = readFileSync(join(import.meta.dirname, "..", "fixtures", "dhis2", "data-visualizer.csv"), "utf8");
    const institutions = "id,kind,dhis2\nkibagabaga-hospital,hospital,Kibagabaga DH\nmasaka-hospital,hospital,Masaka DH\nruhengeri-hospital,hospital,Ruhengeri RH\n";
    const topics = "id,unit,dhis2\ncsection-ssi,%,C-section SSI rate\nanc4,%,ANC 4th visit coverage\n";
    const network = parseNetwork({ ...files(), "institutions.csv": institutions, "topics.csv": topics, "dhis2.csv": csv });
    expect(network.periodIds).toEqual(["2021Q3", "2022Q4"]);
    expect(network.scores.map((s) => [s.institution, s.topic, s.period, s.value])).toEqual([
      ["kibagabaga-hospital", "csection-ssi", "2021Q3", 8.4],
      ["kibagabaga-hospital", "csection-ssi", "2022Q4", 5.1],
      ["masaka-hospital", "anc4", "2021Q3", 38.5],
      ["masaka-hospital", "anc4", "2022Q4", 49],
      ["ruhengeri-hospital", "csection-ssi", "2021Q3", 9.7],
      ["ruhengeri-hospital", "csection-ssi", "2022Q4", 6.2],
    ]);
  });

  it("period names of a download with names become period ids, with a warning", () => {
    const csv = "Data,Period,Organisation unit,Value\nC-section SSI rate,July - September 2021,Kibagabaga DH,8.4\nC-section SSI rate,October - December 2022,Kibagabaga DH,5.1\nC-section SSI rate,August 2021,Kibagabaga DH,7\n";
    const institutions = "id,kind,dhis2\nkibagabaga-hospital,hospital,Kibagabaga DH\nmasaka-hospital,hospital,Masaka DH\nruhengeri-hospital,hospital,Ruhengeri RH\n";
    const topics = "id,unit,dhis2\ncsection-ssi,%,C-section SSI rate\nanc4,%,ANC 4th visit coverage\n";
    const network = parseNetwork({ ...files(), "institutions.csv": institutions, "topics.csv": topics, "dhis2.csv": csv });
    expect(network.periodIds).toEqual(["2021Q3", "202108", "2022Q4"]);
    expect(network.warnings).toEqual([
      'dhis2.csv: period names read as DHIS2 period ids ("July - September 2021" -> 2021Q3, "October - December 2022" -> 2022Q4, "August 2021" -> 202108); download with ids to avoid this',
    ]);
  });

  it("French period names of a download with names become period ids too, with a warning", () => {
    const csv = "Data,Period,Organisation unit,Value\nC-section SSI rate,Octobre - Décembre 2022,Kibagabaga DH,5.1\nC-section SSI rate,Juillet - Septembre 2021,Kibagabaga DH,8.4\nC-section SSI rate,Août 2021,Kibagabaga DH,7\n";
    const institutions = "id,kind,dhis2\nkibagabaga-hospital,hospital,Kibagabaga DH\n";
    const topics = "id,unit,dhis2\ncsection-ssi,%,C-section SSI rate\n";
    const network = parseNetwork({ ...files(), "institutions.csv": institutions, "topics.csv": topics, "interests.csv": "institution,topic\n", "dhis2.csv": csv });
    expect(network.periodIds).toEqual(["2021Q3", "202108", "2022Q4"]);
    expect(network.warnings).toEqual([
      'dhis2.csv: period names read as DHIS2 period ids ("Octobre - Décembre 2022" -> 2022Q4, "Juillet - Septembre 2021" -> 2021Q3, "Août 2021" -> 202108); download with ids to avoid this',
    ]);
  });

  it("a quarter and a month starting on the same day (2021Q3 and 202107) are an issue naming the download's line", () => {
    const csv = "Data,Period,Organisation unit,Value\nC-section SSI rate,2021Q3,Kibagabaga DH,8.4\nC-section SSI rate,2022Q4,Kibagabaga DH,5.1\nC-section SSI rate,202107,Ruhengeri RH,7\n";
    const institutions = "id,kind,dhis2\nkibagabaga-hospital,hospital,Kibagabaga DH\nruhengeri-hospital,hospital,Ruhengeri RH\n";
    const topics = "id,unit,dhis2\ncsection-ssi,%,C-section SSI rate\n";
    const result = safeParseNetwork({ ...files(), "institutions.csv": institutions, "topics.csv": topics, "interests.csv": "institution,topic\n", "dhis2.csv": csv });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file, issue.line, issue.message])).toEqual([
      [
        "invalid-value",
        "dhis2.csv",
        4,
        'dhis2.csv line 4, column "Period" (2): periods "2021Q3" (first in dhis2.csv line 2), "202107" (first in dhis2.csv line 4) both start on 2021-07-01 (periods of different types, such as a quarter and a month?); their time order cannot be told from their ids. Use one period type, or declare the periods in their order in periods.csv',
      ],
    ]);
  });

  it("scores.csv and a DHIS2 export together are one file too many", () => {
    const result = safeParseNetwork({ ...files(), "dhis2.json": read("dhis2.json"), "scores.csv": "institution,topic,period,value\n" });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file])).toEqual([["duplicate-file", "scores.csv"]]);
  });
});
