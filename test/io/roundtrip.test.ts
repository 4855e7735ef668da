import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TwinningNetwork, parseNetwork } from "../../src/index.js";
import { exampleFiles, seededRandom } from "../helpers.js";

/** Writes rows as CSV, quoting every field (quotes doubled), as a spreadsheet would on export. */
function toCsv(header: string[], rows: (string | number | undefined)[][]): string {
  const field = (value: string | number | undefined) => (value === undefined ? "" : `"${String(value).replace(/"/g, '""')}"`);
  return `${[header.map(field).join(","), ...rows.map((row) => row.map(field).join(","))].join("\r\n")}\r\n`;
}

// Ids: any clean text (trimmed, in Unicode normal form C: the loader trims and normalises) without
// a ";" (the list separator) and not blank; includes quotes, commas, line breaks, accents, other
// scripts and Object.prototype names.
const idArbitrary = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((id) => id.trim() !== "" && id === id.trim() && id === id.normalize("NFC") && !id.includes(";")),
  fc.constantFrom("__proto__", "constructor", "toString", "Hôpital", "ካብጋዪ", 'say "hi", twice', "a\nb"),
);

const networkArbitrary = fc
  .record({
    institutionIds: fc.uniqueArray(idArbitrary, { minLength: 2, maxLength: 8 }),
    topicIds: fc.uniqueArray(idArbitrary, { minLength: 1, maxLength: 4 }),
    periods: fc.uniqueArray(fc.constantFrom("2021", "2021-06", "2022-01-15", "2023"), { minLength: 1, maxLength: 3 }),
    values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 200, maxLength: 200 }),
    beds: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 8, maxLength: 8 }),
    chosen: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
  })
  .map(({ institutionIds, topicIds, periods, values, beds, chosen }) => {
    const institutions = institutionIds.map((id, i) => ({ id, kind: i % 2 === 0 ? "hospital" : "district", group: `G${i % 3}`, beds: beds[i] ?? 0 }));
    const topics = topicIds.map((id) => ({ id, unit: "%" }));
    const scores = institutions.flatMap((institution, i) =>
      topics.flatMap((topic, j) => periods.map((period, k) => ({ institution: institution.id, topic: topic.id, period, value: values[(i * 17 + j * 5 + k) % 200] ?? 0 }))),
    );
    const interests = institutions.flatMap((institution, i) => topics.filter((_, j) => chosen[(i * 4 + j) % 32]).map((topic) => ({ institution: institution.id, topic: topic.id })));
    const partnerships = institutions.slice(1).map((institution) => ({ mentor: institutions[0]?.id ?? "", mentee: institution.id }));
    return { institutions, topics, scores, interests, partnerships };
  });

describe("round trip through CSV (property)", () => {
  it("random valid data written as CSV loads with the same counts and values as the objects", () => {
    fc.assert(
      fc.property(networkArbitrary, (data) => {
        const fromObjects = TwinningNetwork.from(data);
        const fromCsv = parseNetwork({
          "institutions.csv": toCsv(["id", "kind", "group", "beds"], data.institutions.map((i) => [i.id, i.kind, i.group, i.beds])),
          "topics.csv": toCsv(["id", "unit"], data.topics.map((t) => [t.id, t.unit])),
          "scores.csv": toCsv(["institution", "topic", "period", "value"], data.scores.map((s) => [s.institution, s.topic, s.period, s.value])),
          "interests.csv": toCsv(["institution", "topic"], data.interests.map((i) => [i.institution, i.topic])),
          "partnerships.csv": toCsv(["mentor", "mentee"], data.partnerships.map((p) => [p.mentor, p.mentee])),
        });
        expect(fromCsv.scores.length).toBe(data.scores.length);
        expect(fromCsv.interests.length).toBe(data.interests.length);
        expect(fromCsv.toJSON()).toEqual(fromObjects.toJSON());
        // -0 is read as 0, the rest exactly.
        for (const score of data.scores) expect(fromCsv.score(score.institution, score.topic, score.period)).toBe(score.value + 0);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("input order does not matter", () => {
  it("the example with every file's rows shuffled loads as an equal network", () => {
    const files = exampleFiles();
    const original = parseNetwork(files);
    const random = seededRandom(3);
    for (let round = 0; round < 5; round++) {
      const shuffled = Object.fromEntries(
        Object.entries(files).map(([name, text]) => {
          const [header, ...rows] = text.trimEnd().split("\n");
          for (let i = rows.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [rows[i], rows[j]] = [rows[j] ?? "", rows[i] ?? ""];
          }
          return [name, [header, ...rows].join("\n")];
        }),
      );
      const reloaded = parseNetwork(shuffled);
      expect(reloaded.equals(original)).toBe(true);
      expect(JSON.stringify(reloaded.peers.export())).toBe(JSON.stringify(original.peers.export()));
    }
  });
});

describe("the example network", () => {
  it("loads with the published shape: 10 hospitals, 30 districts, 5 provinces, 2 to 3 topics each", () => {
    const network = parseNetwork(exampleFiles());
    expect(network.institutionsOfKind("hospital")).toHaveLength(10);
    expect(network.institutionsOfKind("district")).toHaveLength(30);
    expect(network.groups).toEqual(["Eastern", "Kigali City", "Northern", "Southern", "Western"]);
    for (const institution of network.institutions) {
      expect(network.chosenTopics(institution.id).length).toBeGreaterThanOrEqual(2);
      expect(network.chosenTopics(institution.id).length).toBeLessThanOrEqual(3);
    }
    expect(network.periodIds).toEqual(["baseline", "endline"]);
    const types = new Set(network.activities.map((activity) => activity.type));
    expect([...types].sort()).toEqual(["co-design", "coaching", "exchange-visit", "learning-event", "virtual-event"]);
    expect(network.activities.filter((a) => a.id?.startsWith("launch-")).map((a) => a.participants?.length)).toEqual([10, 10, 10, 10]);
    expect(network.activities.filter((a) => a.type === "virtual-event")).toHaveLength(4);
    expect(network.activities.filter((a) => a.id?.startsWith("provincial-"))).toHaveLength(4);
  });

  it("builds in the published headline differences (accreditation 5.6 points, CBHI 4.8 pp)", () => {
    const network = parseNetwork(exampleFiles());
    const difference = (topic: string, kind: string) => {
      const changes = (chose: boolean) =>
        network.institutionsOfKind(kind)
          .filter((institution) => network.hasChosen(institution.id, topic) === chose)
          .map((institution) => (network.score(institution.id, topic, "endline") ?? Number.NaN) - (network.score(institution.id, topic, "baseline") ?? Number.NaN));
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return mean(changes(true)) - mean(changes(false));
    };
    // Values are rounded to 0.1 after the shift, so the realised difference is within 0.05.
    expect(Math.abs(difference("accreditation", "hospital") - 5.6)).toBeLessThan(0.05);
    expect(Math.abs(difference("cbhi", "district") - 4.8)).toBeLessThan(0.05);
  });
});
