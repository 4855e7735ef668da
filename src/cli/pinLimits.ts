/**
 * What a pin needs beyond naming known ids, checked by the command line before the plan is made:
 * its mentor must have a score on the topic in the period the plan reads, and one mentor's pins
 * must fit its capacity (--capacity) and, per topic, --topic-capacity. assignPartners checks the
 * same (src/plan/solvePlan.ts) but stops at the first, in its own words, with no file or line,
 * which the command line could only pass on as a wrong command line. Here every offending row is
 * found, and pairFiles.ts reports each with its lines as a problem of the pin file.
 *
 * The rules follow the library's exactly, through its public data: the period is --period or else
 * the latest period with scores on the topic (latestPeriod, as the plan takes it), and a capacity
 * not given is DEFAULT_ASSIGN_PARTNERS_OPTIONS.capacity; a mentor's own --capacity ID=K (or file
 * row) wins over the value for every mentor, and a topic's own --topic-capacity over the value for
 * every topic, as in the records the library is given (keyedOptions.ts).
 */
import { quoteVisibly } from "../model/fields.js";
import { latestPeriod } from "../model/highPerformers.js";
import type { TwinningNetwork } from "../model/network.js";
import { DEFAULT_ASSIGN_PARTNERS_OPTIONS } from "../plan/planOptions.js";
import { type KeyedValues, settingOf } from "./keyedOptions.js";

/** The plan options a pin must respect, as the command line gives them (undefined: not given). */
export interface PinLimits {
  period: string | undefined;
  /** Where the period came from, when not from --period (report's endline). */
  periodSource?: string;
  capacity: KeyedValues<number> | undefined;
  topicCapacity: KeyedValues<number> | undefined;
}

/** The codes of these problems: kind-mismatch is the loader's; the others only a pin file has. */
export type PinProblemCode = "kind-mismatch" | "no-score" | "over-capacity" | "over-topic-capacity";

/** What is wrong, in the words of a problem line: "expected <expected>, got <got>". */
export interface PinProblem {
  code: PinProblemCode;
  expected: string;
  got: string;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

/**
 * Why a pinned mentor cannot teach the topic (it has no score there in the plan's period), or
 * undefined when it can. The ids are known to the network.
 */
export function pinnedMentorProblem(network: TwinningNetwork, limits: PinLimits, mentor: string, topic: string): PinProblem | undefined {
  const period = limits.period ?? latestPeriod(network, topic);
  if (period !== undefined && network.score(mentor, topic, period) !== undefined) return undefined;
  const kind = network.institution(mentor)?.kind ?? "";
  const kinds = network.topic(topic)?.kinds;
  // A hospital pinned on a district topic: its kind is the mistake, not a missing row of scores.
  if (kinds !== undefined && !kinds.includes(kind)) {
    return { code: "kind-mismatch", expected: `a mentor of a kind topic ${topic} applies to (${kinds.join(", ")})`, got: `${quoteVisibly(mentor)} (${article(kind)} ${kind}, without ${article(topic)} ${topic} score to mentor from)` };
  }
  if (period === undefined) return { code: "no-score", expected: `a mentor with ${article(topic)} ${topic} score`, got: `${quoteVisibly(mentor)} (no institution has a ${topic} score in any period)` };
  const which = limits.period !== undefined ? (limits.periodSource ?? `--period ${period}`) : `the latest period with ${topic} scores, which the plan reads; --period chooses another`;
  const scored = network.periodIds.filter((id) => network.score(mentor, topic, id) !== undefined);
  const has = scored.length === 0 ? `it has no ${topic} score in any period` : `it has ${topic} scores in ${scored.join(", ")} only`;
  return { code: "no-score", expected: `a mentor with ${article(topic)} ${topic} score in ${period} (${which})`, got: `${quoteVisibly(mentor)} (${has})` };
}

/** One pin that passed the row checks, with where it came from (a row of the file, say). */
export interface CheckedPin<Where> {
  mentor: string;
  topic: string;
  where: Where;
}

/**
 * The mentors whose pins exceed their capacity, and the mentors and topics whose pins exceed
 * --topic-capacity: one problem each, with the pins concerned (in file order). Each pin is one
 * need (the caller drops a row that repeats a pin).
 */
export function overloadedPins<Where>(pins: readonly CheckedPin<Where>[], limits: PinLimits): (PinProblem & { pins: Where[] })[] {
  const group = (key: (pin: CheckedPin<Where>) => string) => {
    const groups = new Map<string, CheckedPin<Where>[]>();
    for (const pin of pins) {
      const id = key(pin);
      const list = groups.get(id);
      if (list === undefined) groups.set(id, [pin]);
      else list.push(pin);
    }
    return [...groups.values()];
  };
  const pairs = (n: number) => `${n} pinned pair${n === 1 ? "" : "s"}`;
  const problems: (PinProblem & { pins: Where[] })[] = [];
  for (const list of group((pin) => pin.mentor)) {
    const { mentor } = list[0] as CheckedPin<Where>;
    const setting = settingOf(limits.capacity, mentor);
    const capacity = setting?.value ?? DEFAULT_ASSIGN_PARTNERS_OPTIONS.capacity;
    if (list.length <= capacity) continue;
    const capacityWord = setting?.source ?? "the default capacity; --capacity sets another";
    problems.push({ code: "over-capacity", expected: `at most ${pairs(capacity)} per mentor (${capacityWord})`, got: `${list.length} for ${quoteVisibly(mentor)}`, pins: list.map((pin) => pin.where) });
  }
  if (limits.topicCapacity === undefined) return problems;
  for (const list of group((pin) => JSON.stringify([pin.mentor, pin.topic]))) {
    const { mentor, topic } = list[0] as CheckedPin<Where>;
    const setting = settingOf(limits.topicCapacity, topic);
    if (setting === undefined || list.length <= setting.value) continue;
    problems.push({ code: "over-topic-capacity", expected: `at most ${pairs(setting.value)} per mentor and topic (${setting.source})`, got: `${list.length} for ${quoteVisibly(mentor)} on ${topic}`, pins: list.map((pin) => pin.where) });
  }
  return problems;
}
