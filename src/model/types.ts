/**
 * The entities of a twinning network, as validated and frozen by {@link TwinningNetwork}, and the
 * looser input shapes accepted from callers and files.
 */

/** A numeric or text attribute of an institution (beds, population, budget, ownership...). */
export type AttributeValue = number | string;

/** A health institution: id, kind, optional name, group (province) and attributes. */
export interface Institution {
  readonly id: string;
  /** Display name; the id when none was given. */
  readonly name: string;
  /** Institution kind, e.g. `hospital` or `district`: only like institutions are paired by default. */
  readonly kind: string;
  /** Province or region, when known. */
  readonly group?: string;
  /** The DHIS2 organisation unit (id or name) whose values are this institution's, when mapped. */
  readonly dhis2?: string;
  /** Every other column. A column is numeric when all its non-empty values are numbers. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** A topic with its indicator: unit, direction (higherIsBetter), range and the kinds it applies to. */
export interface Topic {
  readonly id: string;
  readonly name: string;
  /** Institution kinds the topic applies to; `undefined` means every kind. */
  readonly kinds?: readonly string[];
  /** Whether a larger indicator value is better (accreditation score) or worse (stock-out days). */
  readonly higherIsBetter: boolean;
  /** Unit of the indicator: `%` (so differences are percentage points), `score`, `days`... */
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** The DHIS2 data element or indicator (id or name) whose values are this topic's, when mapped. */
  readonly dhis2?: string;
}

/** A period label with an optional date. */
export interface Period {
  readonly id: string;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when known; it orders the periods. */
  readonly date?: string;
}

/** One indicator value: institution, topic, period, value in the topic's unit. */
export interface Score {
  readonly institution: string;
  readonly topic: string;
  readonly period: string;
  readonly value: number;
}

/** "This institution chose to work on this topic." Priority 1 is the most important. */
export interface Interest {
  readonly institution: string;
  readonly topic: string;
  readonly priority?: number;
}

/** An existing or planned twinning pair; knowledge flows from mentor to mentee. */
export interface Partnership {
  readonly mentor: string;
  readonly mentee: string;
  readonly topic?: string;
  readonly period?: string;
}

/**
 * A knowledge-flow event. Either directed (`from` teaches `to`, e.g. an exchange visit or a
 * coaching session) or a group event among `participants` (a workshop).
 */
export interface Activity {
  readonly id?: string;
  /** `exchange-visit`, `coaching`, `virtual-event`, `learning-event`, `co-design`, or any label. */
  readonly type: string;
  readonly from?: string;
  readonly to?: string;
  readonly participants?: readonly string[];
  readonly topic?: string;
  /** ISO date, YYYY-MM-DD (YYYY-MM and YYYY are accepted too). */
  readonly date?: string;
  /** How many times the event happened (default 1). */
  readonly count: number;
}

/** Any fields of T, with unchecked values. */
export type Loose<T> = { [K in keyof T]?: unknown };

/** An institution as a caller may write it: extra keys become attributes. */
export type InstitutionInput = Loose<Institution> & { id: unknown; kind: unknown } & Record<string, unknown>;
/** A topic as given. */
export type TopicInput = Loose<Topic> & { id: unknown };
/** A period as given: a label or an object. */
export type PeriodInput = string | Loose<Period>;
/** A score as given. */
export type ScoreInput = Loose<Score>;
/** An interest as given. */
export type InterestInput = Loose<Interest>;
/** A partnership as given. */
export type PartnershipInput = Loose<Partnership>;
/** An activity as given (values are checked when the network is built). */
export type ActivityInput = Loose<Activity>;

/**
 * Everything a network is made of, as plain data. Numbers may be given as numeric strings (as
 * they come from spreadsheets); they are converted exactly or reported, never guessed.
 */
export interface NetworkData {
  institutions: readonly InstitutionInput[];
  topics: readonly TopicInput[];
  /** Optional declaration of the periods and their order (else ISO dates, else first seen). */
  periods?: readonly PeriodInput[];
  scores?: readonly ScoreInput[];
  interests?: readonly InterestInput[];
  partnerships?: readonly PartnershipInput[];
  activities?: readonly ActivityInput[];
  /** A saved network's warnings (toJSON), kept: a period order guessed from first appearance stays a guess. */
  warnings?: readonly string[];
}

/** The validated, canonical form of {@link NetworkData}: what `network.toJSON()` returns. */
export interface NetworkJSON {
  institutions: Institution[];
  topics: Topic[];
  periods: Period[];
  scores: Score[];
  interests: Interest[];
  partnerships: Partnership[];
  activities: Activity[];
  /**
   * What the loader did that a reader of the results should know (periods ordered by first
   * appearance, columns ignored, rows skipped). Optional: older JSON has none.
   */
  warnings?: string[];
}

/** Read-only view of a network's contents: what graph builders and algorithms read. */
export interface NetworkContents {
  readonly institutions: readonly Institution[];
  readonly topics: readonly Topic[];
  readonly periods: readonly Period[];
  readonly scores: readonly Score[];
  readonly interests: readonly Interest[];
  readonly partnerships: readonly Partnership[];
  readonly activities: readonly Activity[];
}
