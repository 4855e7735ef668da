/**
 * The one unit word of the library, for differences and gaps on a topic's indicator: `%`
 * indicators give percentage points ("pp"), a missing unit or "score" gives "score points", any
 * other unit is kept. Plans (gaps between mentor and mentee) and estimates (differences in change)
 * both say it this way.
 */

/** The unit word when an indicator names none. */
export const DEFAULT_UNIT = "score points";

/**
 * The unit of a difference on an indicator with this unit.
 * @example unitLabel("%") // "pp"; unitLabel(undefined) // "score points"; unitLabel("days") // "days"
 */
export function unitLabel(unit: string | undefined): string {
  return unit === "%" ? "pp" : unit === undefined || unit === "" || unit === "score" || unit === "points" ? DEFAULT_UNIT : unit;
}
