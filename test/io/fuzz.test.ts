/**
 * Fuzzing the loader: thousands of random mutations of the example's files (cut lines, swapped
 * columns, stray quotes, binary bytes, huge numbers...). Loading must either succeed or report
 * TwinningInputError issues; nothing else may ever be thrown.
 */
import { describe, expect, it } from "vitest";
import { TwinningInputError, parseNetwork } from "../../src/index.js";
import { exampleFiles, seededRandom } from "../helpers.js";

const files = exampleFiles();
const names = Object.keys(files).sort();

type Mutation = (text: string, random: () => number) => string;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const position = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));
const lines = (text: string) => text.split("\n");

const MUTATIONS: Record<string, Mutation> = {
  "cut at a random byte": (text, random) => text.slice(0, position(text, random)),
  "delete a line": (text, random) => {
    const all = lines(text);
    all.splice(Math.floor(random() * all.length), 1);
    return all.join("\n");
  },
  "duplicate a line": (text, random) => {
    const all = lines(text);
    const index = Math.floor(random() * all.length);
    all.splice(index, 0, all[index] ?? "");
    return all.join("\n");
  },
  "swap two columns": (text, random) => {
    const rows = lines(text).map((line) => line.split(","));
    const width = rows[0]?.length ?? 1;
    const a = Math.floor(random() * width);
    const b = Math.floor(random() * width);
    return rows.map((row) => { [row[a], row[b]] = [row[b] ?? "", row[a] ?? ""]; return row.join(","); }).join("\n");
  },
  "stray quote": (text, random) => {
    const at = position(text, random);
    return `${text.slice(0, at)}"${text.slice(at)}`;
  },
  "binary bytes": (text, random) => {
    const at = position(text, random);
    const bytes = Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(Math.floor(random() * 65536)));
    return `${text.slice(0, at)}${bytes.join("")}${text.slice(at)}`;
  },
  "huge or odd number": (text, random) => {
    const odd = pick(["1e309", "-1e309", "NaN", "Infinity", "0x1F", "1_000", "9".repeat(400), "-0", "1e-400", "١٢", "", "  7  "], random);
    return text.replace(/\d+(\.\d+)?/g, (match) => (random() < 0.05 ? odd : match));
  },
  "change a delimiter": (text, random) => {
    const at = text.indexOf(",", position(text, random));
    return at < 0 ? text : `${text.slice(0, at)}${pick([";", "\t", "|", ""], random)}${text.slice(at + 1)}`;
  },
  "empty the file": () => "",
  "header only": (text) => lines(text)[0] ?? "",
  "CRLF and BOM": (text) => `\uFEFF${text.replace(/\n/g, "\r\n")}`,
  "random character flip": (text, random) => {
    let out = text;
    for (let i = 0; i < 5; i++) {
      const at = Math.floor(random() * out.length);
      out = `${out.slice(0, at)}${pick([",", "\n", "\r", '"', ";", " ", "\u0000", "-", "x"], random)}${out.slice(at + 1)}`;
    }
    return out;
  },
};
const mutationNames = Object.keys(MUTATIONS);

describe("fuzzing parseNetwork with mutations of the example", () => {
  it("loads or throws TwinningInputError, never anything else, over 10,000 mutations", () => {
    const random = seededRandom(42);
    const outcomes = { loaded: 0, rejected: 0 };
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const mutated = { ...files };
      const count = 1 + Math.floor(random() * 2);
      for (let k = 0; k < count; k++) {
        const name = pick(names, random);
        const mutation = pick(mutationNames, random);
        seen.add(mutation);
        mutated[name] = MUTATIONS[mutation]?.(mutated[name] ?? "", random) ?? "";
      }
      try {
        parseNetwork(mutated);
        outcomes.loaded++;
      } catch (error) {
        if (!(error instanceof TwinningInputError)) throw error;
        expect(error.issues.length).toBeGreaterThan(0);
        outcomes.rejected++;
      }
    }
    expect(seen.size).toBe(mutationNames.length);
    // Both outcomes occur: the fuzzer neither breaks everything nor nothing.
    expect(outcomes.loaded).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(5_000);
    // 10,000 loads take about a minute on a quiet machine and several on a shared, loaded one.
  }, 900_000);
});
