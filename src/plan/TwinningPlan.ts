/** The result of assignPartners: pairs, what is uncovered and why, the certificate, and exports. */
import type { Need, Pair, Shortfall, UncoveredNeed } from "./types.js";

export interface TwinningPlanData {
  pairs: Pair[];
  uncovered: UncoveredNeed[];
  shortfalls: Shortfall[];
  /** Chosen topics where the institution is itself a high performer: no mentor needed. */
  selfSufficient: Need[];
  /** Sum of the pairs' costs: the value the solver minimised among plans of maximum coverage. */
  objective: number;
  /** True when the plan is proven optimal for its objective (false when a heuristic option was used). */
  optimal: boolean;
  /** Needs assigned per mentor (primary and backup pairs). */
  load: Record<string, number>;
  /** Capacity per mentor used by the plan. */
  capacity: Record<string, number>;
  /** Notes on how the plan was made (heuristic options, periods used). */
  notes: string[];
}

const csvField = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export class TwinningPlan implements TwinningPlanData {
  readonly pairs: Pair[];
  readonly uncovered: UncoveredNeed[];
  readonly shortfalls: Shortfall[];
  readonly selfSufficient: Need[];
  readonly objective: number;
  readonly optimal: boolean;
  readonly load: Record<string, number>;
  readonly capacity: Record<string, number>;
  readonly notes: string[];

  constructor(data: TwinningPlanData) {
    this.pairs = data.pairs;
    this.uncovered = data.uncovered;
    this.shortfalls = data.shortfalls;
    this.selfSufficient = data.selfSufficient;
    this.objective = data.objective;
    this.optimal = data.optimal;
    this.load = data.load;
    this.capacity = data.capacity;
    this.notes = data.notes;
  }

  /** Needs covered by a primary mentor. */
  get covered(): number {
    return this.pairs.filter((pair) => pair.role === "primary").length;
  }

  /** The primary mentor of an institution on a topic, if any. */
  mentorOf(institution: string, topic: string): string | undefined {
    return this.pairs.find((pair) => pair.mentee === institution && pair.topic === topic && pair.role === "primary")?.mentor;
  }

  /** One row per pair: mentee, topic, mentor, role, scores, gap, distance, cost, reason. */
  toCSV(): string {
    const header = ["mentee", "topic", "mentor", "role", "mentee_score", "mentor_score", "gap", "distance", "cost", "pinned", "kept", "reason"];
    const rows = this.pairs.map((pair) =>
      [pair.mentee, pair.topic, pair.mentor, pair.role, pair.menteeScore, pair.mentorScore, pair.gap, pair.distance, pair.cost, pair.pinned, pair.kept, pair.reason].map(csvField).join(","),
    );
    const uncovered = this.uncovered.map((need) => [need.institution, need.topic, "", "uncovered", "", "", "", "", "", "", "", need.reason].map(csvField).join(","));
    return `${[header.join(","), ...rows, ...uncovered].join("\n")}\n`;
  }

  /** Plain data (what JSON.stringify writes). */
  toJSON(): TwinningPlanData {
    return structuredClone({
      pairs: this.pairs,
      uncovered: this.uncovered,
      shortfalls: this.shortfalls,
      selfSufficient: this.selfSufficient,
      objective: this.objective,
      optimal: this.optimal,
      load: this.load,
      capacity: this.capacity,
      notes: this.notes,
    });
  }
}
