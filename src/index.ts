/**
 * twinning-network: plan and evaluate twinning partnership networks of health institutions.
 * The public barrel: named exports only.
 */
export {
  TwinningArgumentError,
  TwinningConvergenceError,
  TwinningError,
  TwinningInfeasibleError,
  TwinningInputError,
  type InputIssue,
  type InputIssueCode,
} from "./errors.js";
export type {
  Activity,
  ActivityInput,
  AttributeValue,
  Institution,
  InstitutionInput,
  Interest,
  InterestInput,
  NetworkContents,
  NetworkData,
  NetworkJSON,
  Partnership,
  PartnershipInput,
  Period,
  PeriodInput,
  Score,
  ScoreInput,
  Topic,
  TopicInput,
} from "./model/types.js";
export { TwinningNetwork, type SafeResult } from "./model/network.js";
export {
  DEFAULT_CONTACT_WEIGHTS,
  buildPeerGraph,
  buildBipartiteGraph,
  institutionIdOf,
  institutionKey,
  peerNodeKey,
  topicKey,
  type BipartiteEdgeAttributes,
  type BipartiteGraph,
  type BipartiteNodeAttributes,
  type PeerEdgeAttributes,
  type PeerGraph,
  type PeerNodeAttributes,
} from "./model/graphs.js";
export { REQUIRED_FILES, parseNetwork, safeParseNetwork } from "./io/parseNetwork.js";
export { loadNetwork, safeLoadNetwork } from "./io/loadNetwork.js";
export {
  solveAssignment,
  type AssignmentCandidate,
  type AssignmentNeed,
  type AssignmentProblem,
  type AssignmentShortfall,
  type AssignmentSolution,
} from "./plan/solveAssignment.js";
export {
  DEFAULT_HIGH_PERFORMER_RULE,
  highPerformers,
  latestPeriod,
  type HighPerformer,
  type HighPerformerRule,
  type HighPerformersOptions,
  type HighPerformersResult,
} from "./plan/highPerformers.js";
export type { Candidate, GroupRule, NeedEligibility, RemovalReason, SimilarityOptions } from "./plan/eligibility.js";
export { DEFAULT_ASSIGN_PARTNERS_OPTIONS, type AssignPartnersOptions, type PairRef, type PlanWeights } from "./plan/assignPartners.js";
export { assignPartners } from "./plan/planPartners.js";
export { TwinningPlan, type TwinningPlanData } from "./plan/TwinningPlan.js";
export type { Need, Pair, Relaxation, RelaxationKind, Shortfall, UncoveredNeed } from "./plan/types.js";
export { withdrawalImpact, type WithdrawalImpact } from "./plan/withdrawalImpact.js";
export { auditStability, type BlockingPair, type StabilityAudit } from "./plan/auditStability.js";
