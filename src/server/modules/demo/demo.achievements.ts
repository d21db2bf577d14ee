import type { AchievementRecord } from '../achievements/achievements.workbook.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { chinaDay } from './demo.records.context.ts';

/*
 * The demo town's achievements ledger (成效台账) for the current year: the figures a year-end report
 * quotes under 取得的成效. The tax figure is linked to the first held inspection (an inspection of the
 * economy led to it), the drinking water entry to a closed suggestion when there is one. Entries dated
 * after the seeding day are left out, so the same moment always gives the same ledger.
 */

type Entry = Omit<AchievementRecord, 'code' | 'date' | 'activity' | 'suggestion'> & { day: string; link?: 'inspection' | 'suggestion' };

const ENTRIES: readonly Entry[] = [
  { day: '03-20', title: '引进千万元以上项目', category: 'project', amount: 3, unit: '个', description: '招商引资签约落地项目。' },
  { day: '05-12', title: '新修村道', category: 'livelihood', amount: 12.5, unit: '公里', description: '通村公路硬化工程完工。' },
  {
    day: '06-18',
    title: '新增税收',
    category: 'economy',
    amount: 1967,
    unit: '万元',
    description: '代表视察园区企业后推动落实减税降费、助企纾困措施。',
    link: 'inspection',
  },
  { day: '07-09', title: '解决群众饮水问题', category: 'livelihood', amount: 1, unit: '件', description: '代表建议推动的安全饮水改造。', link: 'suggestion' },
  { day: '08-26', title: '完成高标准农田建设', category: 'economy', amount: 2600, unit: '亩', description: '' },
  { day: '09-15', title: '建成便民服务中心', category: 'governance', amount: null, unit: '', description: '镇村两级便民服务中心全部建成。' },
  { day: '10-22', title: '治理河道', category: 'environment', amount: 8.3, unit: '公里', description: '' },
  { day: '11-05', title: '新增城镇就业', category: 'livelihood', amount: 1240, unit: '人', description: '' },
];

export function buildAchievements(doc: WorkbookDocument, asOf: Date): AchievementRecord[] {
  const today = chinaDay(asOf.getTime());
  const year = today.slice(0, 4);
  const inspections = new Set((doc.activityKinds ?? []).filter((k) => k.countsAs === 'inspection').map((k) => k.code));
  const inspection = (doc.activities ?? []).find((a) => a.status === 'held' && inspections.has(a.kind))?.code ?? null;
  const suggestion = (doc.suggestions ?? []).find((s) => s.state === 'closed')?.code ?? null;
  return ENTRIES.filter((e) => `${year}-${e.day}` <= today).map(({ day, link, ...e }, i) => ({
    code: `CX${String(i + 1).padStart(5, '0')}`,
    date: `${year}-${day}`,
    ...e,
    activity: link === 'inspection' ? inspection : null,
    suggestion: link === 'suggestion' ? suggestion : null,
  }));
}
