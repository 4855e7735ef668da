/**
 * twinning-network: plan and evaluate twinning partnership networks of health institutions.
 * The public barrel: named exports only.
 * @module twinning-network
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
export { DEFAULT_PARSE_NETWORK_OPTIONS, REQUIRED_FILES, parseNetwork, safeParseNetwork, type ParseNetworkOptions } from "./io/read/parseNetwork.js";
export type { FileContent } from "./io/read/decode.js";
export type { ColumnInfo, RawRow, RawTable, TableName } from "./model/table.js";
export type { Tables } from "./model/validate.js";
export type { DecimalMark, ReadingOptions } from "./model/fields.js";
export { ISSUES_PER_CODE } from "./model/issueLog.js";
export { dhis2PeriodStart } from "./model/dhis2Periods.js";
export { DEFAULT_LOAD_NETWORK_OPTIONS, MEMORY_PER_FILE_BYTE, loadNetwork, safeLoadNetwork, type LoadNetworkOptions } from "./io/read/loadNetwork.js";
export { parseDHIS2Analytics, type DHIS2ScoreRow } from "./io/read/dhis2.js";
export { parseWorkbook, safeParseWorkbook } from "./io/read/parseWorkbook.js";
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
export { DEFAULT_TEST_OPTIONS, NotEstimableError, type Alternative, type TestOptions } from "./effects/checks.js";
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
export { robustOLS, type Covariance, type RobustFit, type RobustOLSOptions } from "./effects/regression.js";
export { EffectEstimate, formatP, unitLabel, type ComparedPeriods, type EffectEstimateData, type NotEstimable, type RegressionEstimate } from "./effects/EffectEstimate.js";
export { DEFAULT_COMPARE_CHANGES_OPTIONS, compareChanges, type CompareChangesOptions, type GroupChanges } from "./effects/compareChanges.js";
export {
  EffectEstimates,
  selectionEffect,
  selectionEffects,
  type EffectEstimatesData,
  type PeriodChoice,
  type SelectionEffectOptions,
  type SelectionEffectsOptions,
  type SelectionEffectsResult,
} from "./effects/selectionEffect.js";
// Designing an evaluation: power and the minimum detectable effect (issue 17).
export { DEFAULT_DESIGN, POWER_TESTS, resolveDesign, type EvaluationDesign, type PowerTest, type ResolvedDesign } from "./effects/power/design.js";
export {
  DEFAULT_POWER_OPTIONS,
  DetectableEffect,
  EvaluationPower,
  WELCH_FORMULA_MINIMUM,
  evaluationPower,
  minimumDetectableEffect,
  type DetectableEffectData,
  type EvaluationPowerOptions,
  type MinimumDetectableEffectOptions,
  type PowerData,
  type PowerMethod,
} from "./effects/power/evaluationPower.js";
export { pooledTTestPower } from "./effects/power/exactPower.js";
export { DEFAULT_NOTE_OPTIONS, detectableEffectNote, type DetectableEffectNoteOptions, type EstimateLike } from "./effects/power/detectableEffectNote.js";
export { designFromNetwork, type DesignEstimate, type DesignFromNetworkOptions } from "./effects/power/designFromNetwork.js";
export { betweenness, type BetweennessOptions } from "./flow/betweenness.js";
export { closeness, harmonic, type ClosenessOptions } from "./flow/closeness.js";
export { eigenvector, hits, pagerank, type PageRankOptions, type PowerOptions } from "./flow/spectral.js";
export { brokerage, type BrokerageOptions } from "./flow/brokerage.js";
export { coreness } from "./flow/coreness.js";
export { APPROXIMATE_ABOVE, DEFAULT_KNOWLEDGE_FLOW_OPTIONS, canonicalCommunities, knowledgeFlow, type AnyGraph, type KnowledgeFlowOptions } from "./flow/knowledgeFlow.js";
export { FLOW_COLUMNS, FlowReport, type BackboneFigures, type BackboneLink, type BetweennessMethod, type FlowBackbone, type FlowGraphFigures, type FlowLink, type FlowReportData, type FlowRow, type NumericMetric } from "./flow/FlowReport.js";
export { DEFAULT_BACKBONE_OPTIONS, backbone, type Backbone, type BackboneOptions } from "./flow/backbone.js";
export { modularity, type ModularityOptions } from "./flow/modularity.js";
export { interestProjection, type ProjectionEdgeAttributes } from "./flow/interestProjection.js";
export { INSPECT, JUPYTER_DISPLAY, registerPictures, type Displayable, type MimeBundle, type Picture, type PictureKind, type PictureMaker } from "./core/display.js";
export { DEFAULT_CSV_OPTIONS, type CsvOptions } from "./core/csv.js";
export { graphPositions, seededLayout, type LayoutLink, type LayoutNode } from "./flow/layout.js";
export { toGEXF, toGraphML, type GraphExportOptions } from "./io/write/graphExports.js";
