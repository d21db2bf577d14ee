import { describe, expect, it } from 'vitest';
import { achievementText, formatAmount, nextAchievementCode, totalsByUnit } from './achievements.rules.ts';

describe('achievement wording', () => {
  it('writes the amount with thousands separators and its unit', () => {
    expect(achievementText({ title: '新增税收', amount: 1967, unit: '万元' })).toBe('新增税收 1,967 万元');
    expect(achievementText({ title: '新修村道', amount: 12.5, unit: '公里' })).toBe('新修村道 12.5 公里');
    expect(achievementText({ title: '引进项目', amount: 1234567.891, unit: '' })).toBe('引进项目 1,234,567.89');
  });
  it('is the title alone without an amount, and keeps a zero', () => {
    expect(achievementText({ title: '建成便民服务中心', amount: null, unit: '个' })).toBe('建成便民服务中心');
    expect(achievementText({ title: '安全事故', amount: 0, unit: '起' })).toBe('安全事故 0 起');
    expect(formatAmount(999)).toBe('999');
    expect(formatAmount(1000)).toBe('1,000');
  });
});

describe('codes and totals', () => {
  it('takes the highest code plus one, ignoring other shapes', () => {
    expect(nextAchievementCode([])).toBe('CX00001');
    expect(nextAchievementCode(['CX00002', 'CX00010', 'X9', 'CXA'])).toBe('CX00011');
  });
  it('sums per unit, never across units, and leaves out entries without an amount', () => {
    const t = totalsByUnit([
      { amount: 0.1, unit: '万元' },
      { amount: 3, unit: '个' },
      { amount: 0.2, unit: '万元' },
      { amount: null, unit: '万元' },
    ]);
    expect(t).toEqual([
      { unit: '万元', amount: 0.3, count: 2 },
      { unit: '个', amount: 3, count: 1 },
    ]);
  });
});
