/** Shared test helpers: reading the example and a small valid network to break on purpose. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type NetworkData, SeededRandom } from "../src/index.js";

export const EXAMPLE_FOLDER = join(import.meta.dirname, "..", "examples", "data", "rwanda");

/** The example's files as `{ name: text }`. */
export function exampleFiles(): Record<string, string> {
  return Object.fromEntries(readdirSync(EXAMPLE_FOLDER).filter((name) => name.endsWith(".csv")).map((name) => [name, readFileSync(join(EXAMPLE_FOLDER, name), "utf8")]));
}

/** A small valid network as objects. */
export function smallNetwork(): NetworkData {
  return {
    institutions: [
      { id: "H1", kind: "hospital", group: "North", beds: 120 },
      { id: "H2", kind: "hospital", group: "South", beds: 300 },
      { id: "D1", kind: "district", group: "North", population: 400_000 },
    ],
    topics: [
      { id: "acc", kinds: ["hospital"], unit: "score", min: 0, max: 100 },
      { id: "cbhi", kinds: ["district"], unit: "%", min: 0, max: 100 },
    ],
    scores: [
      { institution: "H1", topic: "acc", period: "2021", value: 50 },
      { institution: "H2", topic: "acc", period: "2021", value: 80 },
      { institution: "D1", topic: "cbhi", period: "2021", value: 85 },
      { institution: "H1", topic: "acc", period: "2022", value: 58 },
    ],
    interests: [{ institution: "H1", topic: "acc", priority: 1 }],
    partnerships: [{ mentor: "H2", mentee: "H1", topic: "acc" }],
    activities: [
      { type: "exchange-visit", from: "H2", to: "H1", topic: "acc", date: "2021-10-01" },
      { type: "learning-event", participants: ["H1", "H2", "D1"], date: "2022-03-01" },
    ],
  };
}

/** A seeded uniform generator for tests: the library's own SeededRandom. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}
