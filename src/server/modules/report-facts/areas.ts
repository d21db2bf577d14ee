import type { AreaFacts } from './area.ts';
import { achievementsFacts } from './achievements.facts.ts';
import { activitiesFacts } from './activities.facts.ts';
import { baseFacts } from './base.facts.ts';
import { deputiesFacts } from './deputies.facts.ts';
import { evaluationFacts } from './evaluation.facts.ts';
import { oversightFacts } from './oversight.facts.ts';
import { presidiumDocumentsFacts } from './presidium-documents.facts.ts';
import { researchFacts } from './research.facts.ts';
import { sessionsFacts } from './sessions.facts.ts';
import { stationsReceptionsFacts } from './stations-receptions.facts.ts';
import { suggestionsFacts } from './suggestions.facts.ts';

/*
 * Every area that contributes facts to a report. Each file computes its own keys; townFacts runs them
 * together and merges. Add an area by adding its function here and its keys to docs/report-facts.md.
 */
export const AREAS: readonly AreaFacts[] = [
  baseFacts,
  deputiesFacts,
  stationsReceptionsFacts,
  suggestionsFacts,
  activitiesFacts,
  presidiumDocumentsFacts,
  researchFacts,
  sessionsFacts,
  oversightFacts,
  evaluationFacts,
  achievementsFacts,
];
