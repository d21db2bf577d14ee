import { achievementText } from '../achievements/achievements.rules.ts';
import type { AreaFacts } from './area.ts';
import { count, labelOf, listFact, ref } from './facts.helpers.ts';

/** The achievements ledger (成效台账) by each entry's date: how many, their wording, the projects among them. */
export const achievementsFacts: AreaFacts = async (db, townId, range) => {
  const rows = await db
    .selectFrom('achievement')
    .select(['id', 'title', 'category', 'amount', 'unit'])
    .where('townId', '=', townId)
    .where('date', '>=', range.from)
    .where('date', '<=', range.to)
    .orderBy('date')
    .orderBy('code')
    .execute();
  const ids = rows.map((r) => ref('achievement', r.id));
  return {
    'achievements.count': count('achievements.count', ids),
    'achievements.items': listFact(labelOf('achievements.items'), rows.map(achievementText), ids),
    'achievements.projects': count(
      'achievements.projects',
      rows.filter((r) => r.category === 'project').map((r) => ref('achievement', r.id)),
    ),
  };
};
