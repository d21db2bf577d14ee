/*
 * The sizes the bench generator writes (docs/design/scale.md). A size is a number of towns and of years;
 * what one town holds per year is the same at every size except `tiny`, so per-town work can be compared
 * across sizes (`county` ÷ `town`, `province` ÷ `town`).
 */

export type SizeName = 'tiny' | 'town' | 'county' | 'province';

/** What one town holds: its organisation, and its records per year. */
export type TownVolume = {
  deputies: number;
  /** Of the deputies, how many also sit in the county congress. */
  countyLevel: number;
  stations: number;
  villages: number;
  units: number;
  activitiesPerYear: number;
  /** Invited deputies per activity, inclusive. */
  invitations: readonly [number, number];
  receptionsPerYear: number;
  mattersPerReception: number;
  suggestionsPerYear: number;
  findingsPerYear: number;
};

export type Size = { towns: number; years: number; town: TownVolume };

/** The last year of every size: a size of N years covers LAST_YEAR − N + 1 … LAST_YEAR. */
export const LAST_YEAR = 2026;

/** One town's year as the design plans it (about the demo town 青石镇's size). */
export const TOWN_VOLUME: TownVolume = {
  deputies: 80,
  countyLevel: 12,
  stations: 3,
  villages: 12,
  units: 10,
  activitiesPerYear: 40,
  invitations: [12, 25],
  receptionsPerYear: 24,
  mattersPerReception: 4,
  suggestionsPerYear: 130,
  findingsPerYear: 8,
};

/** A few records of each section, quick in CI (the rarer histories, such as extension requests, may not occur). */
const TINY_VOLUME: TownVolume = {
  deputies: 12,
  countyLevel: 2,
  stations: 1,
  villages: 3,
  units: 3,
  activitiesPerYear: 4,
  invitations: [4, 8],
  receptionsPerYear: 2,
  mattersPerReception: 2,
  suggestionsPerYear: 10,
  findingsPerYear: 2,
};

export const SIZES: Record<SizeName, Size> = {
  tiny: { towns: 1, years: 1, town: TINY_VOLUME },
  town: { towns: 1, years: 1, town: TOWN_VOLUME },
  county: { towns: 30, years: 5, town: TOWN_VOLUME },
  province: { towns: 1500, years: 5, town: TOWN_VOLUME },
};

export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

export function isSizeName(s: string): s is SizeName {
  return Object.hasOwn(SIZES, s);
}

/** The years a size covers, oldest first (all within one term, which began at the end of 2021). */
export function yearsOf(size: SizeName): number[] {
  const n = SIZES[size].years;
  return Array.from({ length: n }, (_, i) => LAST_YEAR - n + 1 + i);
}

/** The code of the n-th town (0-based): BT0001, BT0002, … */
export function townCode(townIndex: number): string {
  return `BT${String(townIndex + 1).padStart(4, '0')}`;
}
