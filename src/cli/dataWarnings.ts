/**
 * effects.csv with the loader's warnings about the data beside each estimate's own. The loader's
 * warnings (network.warnings) are printed on standard error and in the report's header; a user who
 * opens effects.csv alone must see them too, above all those that change what an estimate means
 * (a % topic entered as fractions makes its effect 100 times too small).
 *
 * A warning concerns a topic when it names the topic's id as the loader writes ids in its
 * warnings, in double quotes (`topic "cbhi" is in % ...`, `(topics "anc4", "cbhi")`): it goes on
 * that topic's row. A warning that names no topic is about the data as a whole (period order,
 * ignored columns, skipped rows, a topic list cut short) and goes on every row, so nothing is lost.
 * Each is prefixed "data: " and comes before the estimate's own warnings.
 */
import type { CsvOptions } from "../core/csv.js";
import { EffectEstimate, estimatesCSV } from "../effects/EffectEstimate.js";
import type { EffectEstimates } from "../effects/selectionEffect.js";
import { quoteVisibly } from "../model/fields.js";
import type { TwinningNetwork } from "../model/network.js";

/** What marks a loader warning as the data's, in the warnings column of effects.csv. */
export const DATA_WARNING_PREFIX = "data: ";

/** The loader's warnings by the topics they name, and those that name none. */
export function warningsByTopic(warnings: readonly string[], topicIds: readonly string[]): { byTopic: Map<string, string[]>; general: string[] } {
  const byTopic = new Map<string, string[]>();
  const general: string[] = [];
  for (const warning of warnings) {
    const named = topicIds.filter((id) => warning.includes(JSON.stringify(id)) || warning.includes(quoteVisibly(id)));
    if (named.length === 0) general.push(warning);
    for (const id of named) {
      const list = byTopic.get(id);
      if (list === undefined) byTopic.set(id, [warning]);
      else list.push(warning);
    }
  }
  return { byTopic, general };
}

/**
 * effects.csv: one row per estimate, its warnings preceded by the loader's warnings on its topic and
 * on the data as a whole; then one row per skipped topic, with the same data warnings and the reason.
 */
export function effectsCSV(effects: EffectEstimates, network: TwinningNetwork, csv: CsvOptions): string {
  if (network.warnings.length === 0) return effects.toCSV(csv);
  const { byTopic, general } = warningsByTopic(network.warnings, network.topics.map((topic) => topic.id));
  const data = (topic: string) => [...(byTopic.get(topic) ?? []), ...general].map((warning) => `${DATA_WARNING_PREFIX}${warning}`);
  const estimates = effects.estimates.map((estimate) => {
    const warnings = data(estimate.label);
    return warnings.length === 0 ? estimate : EffectEstimate.fromJSON({ ...estimate.toJSON(), warnings: [...warnings, ...estimate.warnings] });
  });
  return estimatesCSV(estimates, csv, effects.skipped.map((skipped) => ({ ...skipped, warnings: data(skipped.topic) })));
}
