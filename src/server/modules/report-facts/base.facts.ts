import type { AreaFacts } from './area.ts';

/** The town's name and the period: words of the report rather than counts. */
export const baseFacts: AreaFacts = async (db, townId, range) => {
  const town = await db.selectFrom('town').select(['id', 'name']).where('id', '=', townId).executeTakeFirst();
  return {
    'town.name': { value: town?.name ?? '', ids: [], label: '乡镇名称' },
    'period.from': { value: range.from, ids: [], label: '期间起' },
    'period.to': { value: range.to, ids: [], label: '期间止' },
  };
};
