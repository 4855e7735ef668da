/** `twinning-network plan`: a high-performing partner for every chosen topic; writes plan.csv. */
import { textTable } from "../../core/display.js";
import { nearest, unknownName } from "../../core/options.js";
import type { TwinningNetwork } from "../../model/network.js";
import { latestPeriod } from "../../model/highPerformers.js";
import { FIRST_APPEARANCE } from "../../model/readers/periods.js";
import { assignPartners } from "../../plan/assignPartners.js";
import { type AssignPartnersOptions, type PairRef, explainedShortfalls } from "../../plan/planOptions.js";
import type { TwinningPlan } from "../../plan/TwinningPlan.js";
import type { Relaxation } from "../../plan/types.js";
import { COMMON_HELP, type Command, type NumberRule, type OptionValues, UsageError, numberOption, stringOption, unknownPeriod } from "../command.js";
import { type FilePair, type PairFile, type PairOption, checkPairFile, pairFileError, pairFileWarnings, pinExclusionConflicts, readPairFile } from "../pairFiles.js";
import { CAPACITY_SPEC, GROUPS_SPEC, HIGH_PERFORMERS_SPEC, TOPIC_CAPACITY_SPEC, capacityRecord, keyedEntries, keyedValues, ruleText, shellWord } from "../keyedOptions.js";
import type { PinLimits } from "../pinLimits.js";

/** Pairs counted once each (a row given twice is one pair, as the plan's note counts them; review). */
const distinctPairs = (pairs: readonly { mentor: string; mentee: string; topic?: string }[]): number => new Set(pairs.map((pair) => JSON.stringify([pair.mentor, pair.mentee, pair.topic]))).size;

/** The plan options of the command line, shared by `plan` and `report`. */
export const PLAN_CLI_OPTIONS = {
  // Repeatable: a value for every mentor or topic, and others for one each (keyedOptions.ts).
  capacity: { type: "string", multiple: true },
  period: { type: "string" },
  backups: { type: "string" },
  groups: { type: "string", multiple: true },
  "topic-capacity": { type: "string", multiple: true },
  "high-performers": { type: "string", multiple: true },
  "explain-shortfalls": { type: "string" },
  pin: { type: "string" },
  exclude: { type: "string" },
  previous: { type: "string" },
  "keep-threshold": { type: "string" },
} as const;

export const PLAN_CLI_HELP = `Plan options:
  --capacity N          needs one mentor takes in total (default 3); also ID=K for one mentor, or
                        FILE, a CSV with columns institution and capacity; repeat the option to
                        give several (a later value for the same mentor replaces an earlier one):
                        --capacity 2 --capacity kibuye-hospital=4
  --period P            period whose scores decide high performers (default: the latest per topic;
                        when the periods' order is only their first appearance: report's
                        endline, and plan asks for it)
  --backups N           distinct backup mentors per need besides the primary (default 0); backups
                        never cost a need its primary mentor
  --groups RULE         any (default), same or different group (the institutions' group column:
                        province, region...) for mentor and mentee; also TOPIC=RULE for one topic
  --topic-capacity N    needs one mentor takes per topic (default: no limit beyond --capacity);
                        also TOPIC=K for one topic, or FILE, a CSV with columns topic and capacity
  --high-performers RULE
                        who may mentor: top-share:S, the best share S of the kind (default
                        top-share:1/3; S also as 25%), top-k:K, the best K, threshold:V, a score
                        of V or better, or margin:M:ID, better than institution ID by M; also
                        TOPIC=RULE for one topic (--high-performers stunting=top-share:0.5)
  --explain-shortfalls N
                        shortfalls given the fixes that would meet their needs (default 20)
  --pin FILE            CSV of pairs that must be in the plan (columns mentor, mentee, topic); they
                        count against the capacities, and a pinned mentor needs a score on the
                        topic in the plan's period
  --exclude FILE        CSV of pairs never to form (columns mentor, mentee, topic; topic empty:
                        all topics)
  --previous SOURCE     the previous round's pairs, kept unless a change gains more than the keep
                        threshold: an earlier plan.csv, any CSV with mentor, mentee, topic, the
                        word "partnerships" (the folder's partnerships, the default when the
                        folder has some) or "none"; without --backups an earlier plan's backup rows
                        are not kept
  --keep-threshold X    cost units a change must gain before a previous pair is replaced (0.25)`;

/**
 * The numeric plan options and what each accepts, as assignPartners does: capacities are whole
 * numbers up to 2^53 - 1 (0: a mentor takes none), backups whole numbers up to 2^31 - 1, the keep threshold
 * any finite number; none negative.
 */
const NUMBER_RULES: Readonly<Record<string, NumberRule>> = {
  // assignPartners' own range (planOptions.ts).
  backups: { integer: true, min: 0, max: 2 ** 31 - 1 },
  "keep-threshold": { min: 0 },
  "explain-shortfalls": { integer: true, min: 0 },
};


/** A numeric plan option, checked against its rule; undefined when absent. */
const planNumber = (command: string, values: OptionValues, name: string) => numberOption(command, values, name, NUMBER_RULES[name]);

/** The --previous values that name no file. */
const PREVIOUS_WORDS = ["partnerships", "none"];

/** Checks the plan options' values before the data are read, the pair files' paths included. */
export function checkPlanValues(command: string, values: OptionValues): void {
  for (const name of Object.keys(NUMBER_RULES)) planNumber(command, values, name);
  // The options with a value for every mentor or topic and others per id (keyedOptions.ts).
  keyedEntries(command, CAPACITY_SPEC, values);
  keyedEntries(command, TOPIC_CAPACITY_SPEC, values);
  keyedEntries(command, GROUPS_SPEC, values);
  keyedEntries(command, HIGH_PERFORMERS_SPEC, values);
  for (const option of ["pin", "exclude", "previous"] as const) {
    const path = stringOption(values, option);
    if (path === undefined || (option === "previous" && PREVIOUS_WORDS.includes(path))) continue;
    try {
      checkPairFile(command, option, path);
    } catch (error) {
      // "--previous Partnerships" is a word mistyped more likely than a missing file (review).
      const word = option === "previous" ? nearest(path, PREVIOUS_WORDS) : undefined;
      if (error instanceof UsageError && word !== undefined) throw new UsageError(`${error.message}; did you mean the word ${word}?`);
      throw error;
    }
  }
}

/** The --period value, when it is a period of the data; else a UsageError with the nearest period. */
function periodOption(command: string, values: OptionValues, network: TwinningNetwork): string | undefined {
  const period = stringOption(values, "period");
  if (period === undefined || network.periodIds.includes(period)) return period;
  throw unknownPeriod(command, "period", period, network.periodIds);
}

/** The pairs as the library takes them: those with a topic, without their lines. */
const withTopic = (pairs: readonly FilePair[]): PairRef[] => pairs.flatMap(({ mentor, mentee, topic }) => (topic === undefined ? [] : [{ mentor, mentee, topic }]));

/**
 * The assignPartners options a command line asks for, a line on where the previous pairs came
 * from, and warnings (previous pairs naming unknown ids, with their lines). Problems in the pair
 * files throw one DataFileError listing them all.
 */
export async function planOptionsFrom(
  command: string,
  values: OptionValues,
  network: TwinningNetwork,
  endline?: string,
): Promise<{ options: AssignPartnersOptions; previousNote: string | undefined; warnings: string[]; periodSource: string | undefined }> {
  const options: Record<string, unknown> = {};
  let period = periodOption(command, values, network);
  let periodSource: string | undefined;
  const orderWarnings: string[] = [];
  // The plan's default is each topic's latest period; with the periods ordered only by their
  // first appearance in the files that is a guess for a topic scored in several, and a file
  // listing the endline's rows first planned on the baseline's scores without a word (review of
  // stop 19). `report` plans on the endline it was given when every chosen topic with scores has
  // some there (a topic scored only elsewhere lost every mentor; review); otherwise the period is
  // asked for. A topic scored in one period only is no guess.
  if (period === undefined && network.warnings.some((warning) => warning.startsWith(FIRST_APPEARANCE))) {
    const scored = new Map<string, Set<string>>();
    for (const score of network.scores) scored.set(score.topic, (scored.get(score.topic) ?? new Set()).add(score.period));
    const chosen = [...new Set(network.interests.map((interest) => interest.topic))].sort();
    const several = chosen.find((topic) => (scored.get(topic)?.size ?? 0) > 1);
    if (several !== undefined) {
      // The topic that stops the endline from standing in for every topic is the one named (review).
      const unscored = endline === undefined ? undefined : chosen.find((topic) => scored.has(topic) && !scored.get(topic)?.has(endline));
      if (endline === undefined || unscored !== undefined) {
        const why = unscored === undefined ? `${several} is scored in ${[...(scored.get(several) ?? [])].join(", ")}, so its latest is not known` : `${unscored} has no score in ${endline}, so the endline cannot stand in for the latest period of every topic`;
        throw new UsageError(`${command}: the periods' time order is only the order they first appear in the files (${network.periodIds.join(", ")}), and ${why}; give --period P, or list the periods in periods.csv`);
      }
      period = endline;
      periodSource = "the endline given, as the periods' time order is not known";
      orderWarnings.push(`the plan uses the scores of ${endline}, the endline given (the periods' time order is not known); --period P to plan on another`);
    }
  }
  if (period !== undefined) options.period = period;
  const backups = planNumber(command, values, "backups");
  if (backups !== undefined) options.backups = backups;
  const keepThreshold = planNumber(command, values, "keep-threshold");
  if (keepThreshold !== undefined) options.keepThreshold = keepThreshold;
  const explainShortfalls = planNumber(command, values, "explain-shortfalls");
  if (explainShortfalls !== undefined) options.explainShortfalls = explainShortfalls;
  const encoding = stringOption(values, "encoding");
  // Values for all and per id; their files are read here, and their problems listed with the pair files'.
  const capacities = await keyedValues(command, CAPACITY_SPEC, values, network);
  const topicCapacities = await keyedValues(command, TOPIC_CAPACITY_SPEC, values, network);
  const groups = await keyedValues(command, GROUPS_SPEC, values, network);
  const rules = await keyedValues(command, HIGH_PERFORMERS_SPEC, values, network);
  const capacity = capacities.values;
  const topicCapacity = topicCapacities.values;
  const capacityOption = capacityRecord(capacity, () => network.institutions.map((institution) => institution.id));
  if (capacityOption !== undefined) options.capacity = capacityOption;
  const topicCapacityOption = capacityRecord(topicCapacity, () => network.topics.map((topic) => topic.id));
  if (topicCapacityOption !== undefined) options.topicCapacity = topicCapacityOption;
  if (groups.values?.fallback !== undefined) options.groups = groups.values.fallback.value;
  if (rules.values?.fallback !== undefined) options.rule = rules.values.fallback.value;
  // A margin rule compares with one institution: a typo there would stop the plan with the
  // library's words, not the option's.
  for (const setting of [rules.values?.fallback, ...(rules.values?.byId.values() ?? [])]) {
    const rule = setting?.value;
    if (rule?.type === "margin" && network.institution(rule.relativeTo) === undefined) {
      throw new UsageError(`${command}: ${setting?.source}: ${unknownName("institution", rule.relativeTo, network.institutions.map((institution) => institution.id))}`);
    }
  }
  // Per-topic groups and rules are the library's topicRules, built from entries so a topic called "__proto__" stays data.
  const ruleTopics = [...new Set([...(groups.values?.byId.keys() ?? []), ...(rules.values?.byId.keys() ?? [])])].sort();
  if (ruleTopics.length > 0) {
    options.topicRules = Object.fromEntries(
      ruleTopics.map((topic) => {
        const group = groups.values?.byId.get(topic);
        const rule = rules.values?.byId.get(topic);
        return [topic, { ...(group !== undefined ? { groups: group.value } : {}), ...(rule !== undefined ? { rule: rule.value } : {}) }];
      }),
    );
  }
  const valueFiles = [...capacities.files, ...topicCapacities.files];
  // Pins are checked against the options they must respect, so what the library would refuse
  // after the files are read (no score, over a capacity) is reported with the pin file's lines.
  // Pins are not held to capacities that their own files got wrong: the count would mislead.
  const limits: PinLimits = { period, ...(periodSource !== undefined ? { periodSource } : {}), capacity, topicCapacity };
  const limitsKnown = valueFiles.every((file) => file.problemCount === 0);
  const read = (option: PairOption, path: string) => readPairFile(command, option, path, network, encoding, option === "pin" && limitsKnown ? limits : undefined);
  const pin = stringOption(values, "pin");
  const exclude = stringOption(values, "exclude");
  const source = stringOption(values, "previous") ?? (network.partnerships.length > 0 ? "partnerships" : "none");
  // Every file is read before any is refused, so one run lists the problems of all three.
  const files: PairFile[] = [];
  if (pin !== undefined) files.push(await read("pin", pin));
  if (exclude !== undefined) files.push(await read("exclude", exclude));
  if (!PREVIOUS_WORDS.includes(source)) files.push(await read("previous", source));
  const fileOf = (option: PairOption) => files.find((file) => file.option === option);
  const pinFile = fileOf("pin");
  const excludeFile = fileOf("exclude");
  const error = pairFileError(command, [...valueFiles, ...files]) ?? (pinFile && excludeFile ? pinExclusionConflicts(command, pinFile, excludeFile) : undefined);
  if (error !== undefined) throw error;
  const pairsOf = (option: PairOption) => fileOf(option)?.pairs;
  if (pin !== undefined) options.pin = withTopic(pairsOf("pin") ?? []);
  if (exclude !== undefined) options.exclude = (pairsOf("exclude") ?? []).map(({ mentor, mentee, topic }) => ({ mentor, mentee, ...(topic !== undefined ? { topic } : {}) }));
  let previousNote: string | undefined;
  if (source === "partnerships") {
    const previous = withTopic(network.partnerships.map(({ mentor, mentee, topic }) => ({ mentor, mentee, ...(topic !== undefined ? { topic } : {}) })));
    options.previous = previous;
    // A pair is kept per topic: partnerships without one were left out without a word (adversarial review).
    const untopical = network.partnerships.length - previous.length;
    previousNote = `keeping ${distinctPairs(previous)} earlier pair(s) from the folder's partnerships unless a change gains more than ${keepThreshold ?? 0.25}${untopical > 0 ? `; ${untopical} partnership(s) without a topic are not kept (a pair is kept per topic)` : ""} (--previous none to plan afresh)`;
  } else if (source !== "none") {
    // A plan without backups keeps an earlier plan's primaries only: an old backup kept as the new
    // primary read "kept from the previous plan" while the mentee's mentor changed (new-user trial).
    const rows = pairsOf("previous") ?? [];
    const primaries = (backups ?? 0) === 0 ? rows.filter((pair) => pair.role !== "backup") : rows;
    const previous = withTopic(primaries);
    options.previous = previous;
    const skipped = rows.length - primaries.length;
    previousNote = `keeping ${distinctPairs(previous)} earlier pair(s) from ${source} unless a change gains more than ${keepThreshold ?? 0.25}${skipped > 0 ? ` (its ${skipped} backup pair(s) are not kept: this plan has no backups)` : ""}`;
  }
  return { options: options as AssignPartnersOptions, previousNote, warnings: [...orderWarnings, ...valueFiles.flatMap((file) => file.notes), ...pairFileWarnings(files)], periodSource: period === undefined ? undefined : (periodSource ?? "--period") };
}

/** At most `limit` ids, then how many more. */
const someOf = (ids: readonly string[], limit = 5): string => ids.slice(0, limit).join(", ") + (ids.length > limit ? ` and ${ids.length - limit} more` : "");

/**
 * The period whose scores decided high performers and gaps, in one line: `period` as given
 * (`source`: how it was chosen), else each chosen topic's latest period with scores, as
 * assignPartners takes it. The plan did not say, and a user could not tell which scores made
 * its mentors (new-user trial).
 */
export function planPeriodText(network: TwinningNetwork, period: string | undefined, source: string | undefined): string {
  if (period !== undefined) return `Period: ${period} (${source ?? "--period"}).`;
  const byPeriod = new Map<string, string[]>();
  const unscored: string[] = [];
  for (const topic of [...new Set(network.interests.map((interest) => interest.topic))].sort()) {
    const latest = latestPeriod(network, topic);
    if (latest === undefined) unscored.push(topic);
    else byPeriod.set(latest, [...(byPeriod.get(latest) ?? []), topic]);
  }
  const none = unscored.length > 0 ? `; no scores at all: ${someOf(unscored)}` : "";
  const listed = network.periodIds.flatMap((id) => (byPeriod.has(id) ? [`${id} (${someOf(byPeriod.get(id) ?? [])})`] : [])).join(", ");
  // The command refuses to guess a latest period from first appearance (planOptionsFrom): here every
  // chosen topic has scores in one period only, so the order decides nothing, and that is said.
  if (network.warnings.some((warning) => warning.startsWith(FIRST_APPEARANCE))) {
    return `Period: each chosen topic's only period with scores: ${listed}${none}; the periods' order, only their first appearance in the files, decides nothing here.`;
  }
  const [first] = byPeriod.keys();
  if (first === undefined) return `Period: none, no chosen topic has scores${none}.`;
  if (byPeriod.size === 1) return `Period: ${first}, the latest with scores on every chosen topic${none} (--period P to plan on another).`;
  return `Periods: each chosen topic's latest with scores: ${listed}${none} (--period P to plan on one).`;
}

/**
 * A flag and its value as typed: joined by "=" when the value starts with "-", which the parser
 * would otherwise read as a flag ("--capacity -gatsibo=11" failed when pasted; new-user trial).
 */
const flagWord = (flag: string, value: string): string => (value.startsWith("-") ? `${flag}=${shellWord(value)}` : `${flag} ${shellWord(value)}`);

/**
 * How to apply one relaxation: the option to add to the command line (a later value for the same
 * id replaces an earlier one, so it can be appended as it is), or, for the rules the command line
 * cannot set, the library option. Each fix printed used to be advice the command line could not
 * follow (new-user trial).
 */
export function fixOption(relaxation: Relaxation, plan: Pick<TwinningPlan, "capacity" | "options">): string {
  const { mentor, topic, by } = relaxation;
  const library = (change: string) => `assignPartners option topicRules: { ${JSON.stringify(topic)}: ${change} } (no command-line option)`;
  switch (relaxation.kind) {
    case "capacity": {
      const current = mentor === undefined ? undefined : plan.capacity[mentor];
      if (mentor === undefined || current === undefined || by === undefined) break;
      return `add ${flagWord("--capacity", `${mentor}=${current + by}`)}`;
    }
    case "topic-capacity": {
      const limits = plan.options?.topicCapacity;
      const current = topic === undefined ? undefined : typeof limits === "number" ? limits : limits !== undefined && Object.hasOwn(limits, topic) ? limits[topic] : undefined;
      if (topic === undefined || current === undefined || by === undefined) break;
      return `add ${flagWord("--topic-capacity", `${topic}=${current + by}`)}`;
    }
    case "groups":
      if (topic === undefined) break;
      return `add ${flagWord("--groups", `${topic}=any`)}`;
    case "high-performer-rule":
      if (topic === undefined || relaxation.rule === undefined) break;
      return `add ${flagWord("--high-performers", `${topic}=${ruleText(relaxation.rule)}`)}`;
    case "minimum-gap":
      return library("{ minimumGap: 0 }");
    case "similarity":
      return library("{ similarity: { maxDistance: undefined } }");
  }
  return `no command-line option applies it as written (${relaxation.kind})`;
}

/** The shortfalls with the relaxations that would fix them, as text, each with the option that applies it. */
export function shortfallText(plan: TwinningPlan): string {
  if (plan.shortfalls.length === 0) return "";
  const lines = [`\nShortfalls (${plan.shortfalls.length}) and what would fix them:`];
  const explained = explainedShortfalls(plan);
  for (const [index, shortfall] of plan.shortfalls.entries()) {
    const what = shortfall.level === "backup" ? `missing ${shortfall.deficit} backup mentor(s)` : `${shortfall.deficit} need(s) without a mentor`;
    const needs = shortfall.needs.slice(0, 5).map((need) => `${need.institution}/${need.topic}`).join(", ");
    const listed = `${shortfall.needs.length} need(s) (${needs}${shortfall.needs.length > 5 ? ", ..." : ""})`;
    const open = `${shortfall.mentors.length} eligible mentor(s) with ${shortfall.capacity} slot(s) open to them`;
    // A backup shortfall's needs want a mentor and their backups each: "46 needs share 72 slots",
    // short of 66, read as a contradiction (new-user trial).
    const backups = plan.options?.backups ?? 0;
    lines.push(shortfall.level === "backup" ? `  ${what}: ${listed} want ${shortfall.capacity + shortfall.deficit} slot(s), a mentor and ${backups} backup(s) each, from ${open}` : `  ${what}: ${listed} share ${open}`);
    // Past the first explainShortfalls, none was tried: "none helps" would be a confident wrong (new-user trial).
    if (shortfall.relaxations.length === 0) lines.push(index < explained ? "    no single relaxation tried helps" : `    not explained: only the first ${explained} shortfalls are (--explain-shortfalls N for more)`);
    for (const relaxation of shortfall.relaxations.slice(0, 5)) {
      // Both numbers; a need is met by a primary mentor or by becoming a high performer itself (a
      // lower high-performer bar), so neither gain is ever negative (see Relaxation).
      const count = (n: number, what: string) => (n >= 0 ? `${n} more ${what}` : `${-n} fewer ${what}`);
      // Units are primaries and backups: fewer units than needs gained is backups lost, said in words
      // ("+4 needs met, 0 more units" hid 4 backups lost; new-user trial). A lower bar can also
      // make needs self-sufficient (1 + backups units each), so the count is then a lower bound.
      const lost = (relaxation.primaryGain ?? 0) - relaxation.coverageGain;
      const fewer = lost > 0 ? `: ${relaxation.kind === "high-performer-rule" ? "at least " : ""}${lost} backup(s) fewer` : "";
      const gain = relaxation.primaryGain === undefined ? count(relaxation.coverageGain, "unit(s) met") : `${count(relaxation.primaryGain, "need(s) met")}, ${count(relaxation.coverageGain, "unit(s) met (pairs, or self-sufficient)")}${fewer}`;
      lines.push(`    fix: ${relaxation.description} (${gain}): ${fixOption(relaxation, plan)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export const planCommand: Command = {
  name: "plan",
  outputs: ["plan.csv"],
  summary: "a high-performing partner for every chosen topic; writes plan.csv",
  help: `Usage: twinning-network plan <folder> [plan options] [--out DIR]

Gives every institution a high-performing partner (top third of its kind) for every topic it
chose, within mentor capacities: the most needs covered, then the most backups, then the least
total cost. Prints the period whose scores it used, the pairs, every uncovered need with the
reason, and every shortfall with the relaxations that would fix it; writes plan.csv. Each fix
ends with the option that applies it, to add to the command line as it is (--capacity ID=K,
--topic-capacity TOPIC=K, --groups TOPIC=any or --high-performers TOPIC=RULE).

${PLAN_CLI_HELP}
${COMMON_HELP}`,
  options: PLAN_CLI_OPTIONS,
  check: (values) => checkPlanValues("plan", values),
  async run({ network, csv, values, io, progress, save }) {
    const { options, previousNote, warnings, periodSource } = await planOptionsFrom("plan", values, network);
    for (const warning of warnings) io.stderr(`twinning-network plan: warning: ${warning}\n`);
    if (previousNote !== undefined) progress(previousNote);
    progress("planning partners");
    const plan = assignPartners(network, options);
    const backups = plan.pairs.filter((pair) => pair.role === "backup").length;
    // Chosen topics an institution already leads in are no need: said, so no interest goes unmentioned (new-user trial).
    const selfSufficient = plan.selfSufficient.length > 0 ? ` ${plan.selfSufficient.length} chosen topic(s) need no mentor: the institution is a high performer there itself.` : "";
    io.stdout(`${plan.covered} of ${plan.covered + plan.uncovered.length} needs covered${plan.optimal ? " (optimal)" : ""}; ${plan.uncovered.length} uncovered${backups > 0 ? `; ${backups} backup pair(s)` : ""}.${selfSufficient}\n`);
    io.stdout(`${planPeriodText(network, options.period, periodSource)}\n\n`);
    io.stdout(`${textTable([{ label: "mentee", value: (p) => p.mentee }, { label: "topic", value: (p) => p.topic }, { label: "mentor", value: (p) => p.mentor }, { label: "role", value: (p) => p.role }, { label: "why", value: (p) => p.reason }], plan.pairs)}\n`);
    if (plan.uncovered.length > 0) io.stdout(`\nUncovered needs:\n${plan.uncovered.map((n) => `  ${n.institution} / ${n.topic}: ${n.reason}`).join("\n")}\n`);
    io.stdout(shortfallText(plan));
    if (plan.warnings.length > 0) io.stdout(`\nWarnings:\n${plan.warnings.map((warning) => `  ${warning}`).join("\n")}\n`);
    await save("plan.csv", plan.toCSV(csv));
  },
};
