/**
 * assignPartners: a high-performing partner for every topic an institution chose, within mentor
 * capacities: the most needs covered, then the most backups, then the least total cost, with a
 * reason for every pair and a certificate for every need left short (docs/guides/plan.md).
 */
import { TwinningArgumentError } from "../core/errors.js";
import { showArgument } from "../core/options.js";
import { TwinningNetwork } from "../model/network.js";
import { EligibilityContext } from "./eligibility.js";
import { explainPlan } from "./explanations.js";
import { type AssignPartnersOptions, resolveOptions } from "./planOptions.js";
import { solveCore } from "./solvePlan.js";
import type { TwinningPlan } from "./TwinningPlan.js";

/**
 * Gives every institution a high-performing partner for every topic it chose (where it is not a
 * high performer itself), within mentor capacities, covering as many needs as possible at the
 * least total cost; explains every pair and every uncovered need.
 * @example
 * const plan = assignPartners(network, { capacity: 3, groups: "any" });
 * plan.pairs[0].reason; // "Kabgayi Hospital scores 81.2 vs 55.0 on Accreditation score (+26.2 score better); ..."
 */
export function assignPartners(network: TwinningNetwork, options: AssignPartnersOptions = {}): TwinningPlan {
  if (!(network instanceof TwinningNetwork)) {
    throw new TwinningArgumentError("assignPartners", `expected a TwinningNetwork (from loadNetwork, parseNetwork or TwinningNetwork.from), got ${showArgument(network)}`);
  }
  const resolved = resolveOptions(options, "assignPartners");
  const context = new EligibilityContext(network);
  const core = solveCore(network, resolved, "assignPartners", context);
  return explainPlan(network, resolved, core, "assignPartners", context);
}

