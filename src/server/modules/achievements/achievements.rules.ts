/*
 * The achievements ledger (成效台账), pure: the categories, how an entry is worded in a report
 * (「新增税收 1,967 万元」), the next code and the totals per unit.
 */

export const ACHIEVEMENT_CATEGORIES = ['economy', 'project', 'livelihood', 'environment', 'governance', 'other'] as const;
export type AchievementCategory = (typeof ACHIEVEMENT_CATEGORIES)[number];

export const CATEGORY_LABEL: Record<AchievementCategory, string> = {
  economy: '经济发展',
  project: '项目建设',
  livelihood: '民生实事',
  environment: '生态环境',
  governance: '基层治理',
  other: '其他',
};

/** The units staff pick from; any other short text is allowed too. */
export const COMMON_UNITS = ['万元', '个', '件', '人', '公里', '亩'] as const;

/** 1967 → "1,967"; 12.5 → "12.5" (at most two decimals, as the ledger keeps them). */
export function formatAmount(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * 「{title} {amount} {unit}」 when there is an amount, else the title: how a report lists the entry, as
 * docs/report-facts.md writes it (「新增税收 1,967 万元」「引进千万元以上项目 3 个」).
 */
export function achievementText(a: { title: string; amount: number | null; unit: string }): string {
  if (a.amount === null || a.amount === undefined) return a.title;
  return `${a.title} ${formatAmount(Number(a.amount))} ${a.unit ?? ''}`.trimEnd();
}

/** The next code after the town's codes: CX00001, CX00002 … (never reused: the highest plus one). */
export function nextAchievementCode(codes: readonly string[]): string {
  const max = codes.reduce((m, c) => Math.max(m, /^CX\d+$/.test(c) ? Number(c.slice(2)) : 0), 0);
  return `CX${String(max + 1).padStart(5, '0')}`;
}

export type UnitTotal = { unit: string; amount: number; count: number };

/**
 * Amounts summed per unit (万元 with 万元, 公里 with 公里: different units are never added), in the order
 * the units are first met; entries without an amount are left out. Sums are rounded to two decimals so
 * that 0.1 + 0.2 reads 0.3.
 */
export function totalsByUnit(rows: readonly { amount: number | null; unit: string }[]): UnitTotal[] {
  const m = new Map<string, UnitTotal>();
  for (const r of rows) {
    if (r.amount === null) continue;
    const t = m.get(r.unit) ?? { unit: r.unit, amount: 0, count: 0 };
    t.amount = Math.round((t.amount + Number(r.amount)) * 100) / 100;
    t.count += 1;
    m.set(r.unit, t);
  }
  return [...m.values()];
}
