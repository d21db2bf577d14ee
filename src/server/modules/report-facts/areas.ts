import type { AreaFacts } from './area.ts';
import { baseFacts } from './base.facts.ts';

/*
 * Every area that contributes facts to a report. Each file computes its own keys; townFacts runs them
 * together and merges. Add an area by adding its function here and its keys to docs/report-facts.md.
 */
export const AREAS: readonly AreaFacts[] = [baseFacts];
