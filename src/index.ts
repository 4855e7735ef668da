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
} from "./core/errors.js";
export type {
  Activity,
  ActivityInput,
  AttributeValue,
  Institution,
  InstitutionInput,
  Interest,
  InterestInput,
  Loose,
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
export { REQUIRED_FILES, parseNetwork, safeParseNetwork } from "./io/read/parseNetwork.js";
export type { ColumnInfo, RawRow, RawTable, TableName } from "./model/table.js";
export type { Tables } from "./model/validate.js";
export { loadNetwork, safeLoadNetwork } from "./io/read/loadNetwork.js";
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
} from "./model/highPerformers.js";
export type { Candidate, GroupRule, NeedEligibility, RemovalReason, Removed, SimilarityOptions } from "./plan/eligibility.js";
export { DEFAULT_ASSIGN_PARTNERS_OPTIONS, type AssignPartnersOptions, type PairRef, type PlanWeights } from "./plan/planOptions.js";
export { assignPartners } from "./plan/assignPartners.js";
export { TwinningPlan, type PlanInstitution, type TwinningPlanData } from "./plan/TwinningPlan.js";
export type { Need, Pair, Relaxation, RelaxationKind, Shortfall, UncoveredNeed } from "./plan/types.js";
export { withdrawalImpact, type WithdrawalImpact } from "./plan/withdrawalImpact.js";
export { auditStability, type BlockingPair, type StabilityAudit } from "./plan/auditStability.js";
export { DEFAULT_TEST_OPTIONS, type Alternative, type TestOptions } from "./effects/checks.js";
export { normalCdf, normalQuantile, normalSurvival } from "./effects/distributions/normal.js";
export { tCdf, tQuantile, tSurvival } from "./effects/distributions/studentT.js";
export { noncentralTCdf } from "./effects/distributions/noncentralT.js";
export { welchTTest, type WelchResult } from "./effects/welchTTest.js";
export { cohensD, glassDelta, hedgesG, hedgesJ, noncentralityInterval, unpooledD, type StandardizedResult } from "./effects/standardized.js";
export { cliffsDelta, type CliffsDeltaResult } from "./effects/cliffsDelta.js";
export { mannWhitney, type MannWhitneyOptions, type MannWhitneyResult } from "./effects/mannWhitney.js";
export { adjustPValues } from "./effects/adjustPValues.js";
export { DEFAULT_PERMUTATION_OPTIONS, permutationTest, type PermutationOptions, type PermutationResult } from "./effects/resampling/permutationTest.js";
export { DEFAULT_BOOTSTRAP_OPTIONS, bcaInterval, bootstrapCI, type BootstrapOptions, type BootstrapResult, type Statistic } from "./effects/resampling/bootstrapCI.js";
export { SeededRandom } from "./core/random.js";
export { robustOLS, type Covariance, type RobustFit } from "./effects/regression.js";
export { EffectEstimate, formatP, type EffectEstimateData, type RegressionEstimate } from "./effects/EffectEstimate.js";
export { DEFAULT_COMPARE_CHANGES_OPTIONS, compareChanges, type CompareChangesOptions, type GroupChanges } from "./effects/compareChanges.js";
export {
  EffectEstimates,
  selectionEffect,
  selectionEffects,
  type SelectionEffectOptions,
  type SelectionEffectsOptions,
  type SelectionEffectsResult,
} from "./effects/selectionEffect.js";
export { betweenness, type BetweennessOptions } from "./flow/betweenness.js";
export { closeness, harmonic, type ClosenessOptions } from "./flow/closeness.js";
export { eigenvector, hits, pagerank, type PageRankOptions, type PowerOptions } from "./flow/spectral.js";
export { brokerage, type BrokerageOptions } from "./flow/brokerage.js";
export { coreness } from "./flow/coreness.js";
export { DEFAULT_KNOWLEDGE_FLOW_OPTIONS, knowledgeFlow, type AnyGraph, type KnowledgeFlowOptions } from "./flow/knowledgeFlow.js";
export { FLOW_COLUMNS, FlowReport, type FlowGraphFigures, type FlowLink, type FlowRow, type NumericMetric } from "./flow/FlowReport.js";
export { modularity } from "./flow/modularity.js";
export { interestProjection, type ProjectionEdgeAttributes } from "./flow/interestProjection.js";
export { INSPECT, JUPYTER_DISPLAY, registerPictures, type Displayable, type MimeBundle, type Picture, type PictureKind, type PictureMaker } from "./core/display.js";
export { DEFAULT_CSV_OPTIONS, type CsvOptions } from "./core/csv.js";
export { graphPositions, seededLayout, type LayoutLink, type LayoutNode } from "./flow/layout.js";
export { toGEXF, toGraphML, type GraphExportOptions } from "./io/write/graphExports.js";
