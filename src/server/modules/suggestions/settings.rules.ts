import { DEFAULT_DEADLINES, type DeadlineSettings, settingsProblems } from './deadlines.rules.ts';

/*
 * A town's settings for suggestion handling, pure: the categories offered on the form, the reply grades
 * (A–D by default; some places use three), and the deadline numbers. Absent a stored row the defaults
 * below apply; the bounds of the deadline numbers are the law's (deadlines.rules.ts).
 */

export type Grade = { code: string; label: string; followUp: boolean };

export type SuggestionSettings = DeadlineSettings & {
  categories: string[];
  grades: Grade[];
  /** Calendar days before the due date in which an item counts as due soon (the supervision list). */
  dueSoonDays: number;
};

export const DEFAULT_CATEGORIES = ['交通', '卫生', '城建', '民政', '国土', '教育', '环保', '农业农村', '安全生产', '社会保障', '其他'];

export const DEFAULT_GRADES: Grade[] = [
  { code: 'A', label: '已解决或基本解决', followUp: false },
  { code: 'B', label: '正在解决或列入规划', followUp: true },
  { code: 'C', label: '因条件限制待以后解决', followUp: false },
  { code: 'D', label: '留作参考', followUp: false },
];

export const DEFAULT_SETTINGS: SuggestionSettings = {
  ...DEFAULT_DEADLINES,
  categories: DEFAULT_CATEGORIES,
  grades: DEFAULT_GRADES,
  dueSoonDays: 14,
};

export type Problem = { field: string; message: string };

const GRADE_CODE = /^[A-Za-z0-9]{1,4}$/;

/**
 * Every problem with settings an administrator wants to save, by field (`categories`, `grades.1.code` …),
 * in Chinese; empty when they can be saved. Text is expected trimmed.
 */
export function allSettingsProblems(s: SuggestionSettings): Problem[] {
  const out: Problem[] = settingsProblems(s).map((p) => ({ field: p.field, message: p.message }));
  if (!Number.isInteger(s.dueSoonDays) || s.dueSoonDays < 1 || s.dueSoonDays > 60) out.push({ field: 'dueSoonDays', message: '临期提醒天数应为 1 到 60 天' });

  if (s.categories.length === 0) out.push({ field: 'categories', message: '至少需要一个类别' });
  if (s.categories.length > 50) out.push({ field: 'categories', message: '类别最多 50 个' });
  const seenCat = new Set<string>();
  s.categories.forEach((c, i) => {
    if (!c) out.push({ field: `categories.${i}`, message: '类别名称不能为空' });
    else if ([...c].length > 20) out.push({ field: `categories.${i}`, message: '类别名称不能超过 20 个字' });
    else if (seenCat.has(c)) out.push({ field: `categories.${i}`, message: `类别“${c}”重复` });
    seenCat.add(c);
  });

  if (s.grades.length === 0) out.push({ field: 'grades', message: '至少需要一个答复等次' });
  if (s.grades.length > 10) out.push({ field: 'grades', message: '答复等次最多 10 个' });
  const seenCode = new Set<string>();
  s.grades.forEach((g, i) => {
    if (!GRADE_CODE.test(g.code)) out.push({ field: `grades.${i}.code`, message: '等次代码应为 1 到 4 位字母或数字' });
    else if (seenCode.has(g.code)) out.push({ field: `grades.${i}.code`, message: `等次代码“${g.code}”重复` });
    seenCode.add(g.code);
    if (!g.label) out.push({ field: `grades.${i}.label`, message: '等次名称不能为空' });
    else if ([...g.label].length > 30) out.push({ field: `grades.${i}.label`, message: '等次名称不能超过 30 个字' });
  });
  return out;
}

/** The grade with `code` in the town's set, or undefined (a reply must use one of them). */
export function gradeOf(s: Pick<SuggestionSettings, 'grades'>, code: string): Grade | undefined {
  return s.grades.find((g) => g.code === code);
}

/** The label of a stored grade; a grade since removed from the settings shows as its code. */
export function gradeLabel(s: Pick<SuggestionSettings, 'grades'>, code: string | null): string {
  if (!code) return '';
  return gradeOf(s, code)?.label ?? code;
}

export type HolidayItem = { date: string; kind: 'holiday' | 'workday'; name: string };

/**
 * Problems with a year's holiday list (dates are valid calendar dates already): each date in that year,
 * listed once, and a make-up working day (调休上班) on a Saturday or Sunday, since a weekday is a working
 * day anyway and listing it is a typing slip.
 */
export function holidayProblems(year: number, items: readonly HolidayItem[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  items.forEach((h, i) => {
    if (!h.date.startsWith(`${year}-`)) out.push({ field: `items.${i}.date`, message: `日期应在 ${year} 年内` });
    else if (seen.has(h.date)) out.push({ field: `items.${i}.date`, message: `日期 ${h.date} 重复` });
    else if (h.kind === 'workday') {
      const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) out.push({ field: `items.${i}.kind`, message: `${h.date} 是工作日，无需设为调休上班` });
    }
    seen.add(h.date);
  });
  return out;
}
