import { describe, expect, it } from 'vitest';
import { DateStr } from './schemas.ts';

const messages = (v: unknown) => {
  const r = DateStr.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('DateStr', () => {
  it('takes real calendar days from 1900 to 2100', () => {
    for (const s of ['1900-01-01', '2000-02-29', '2026-11-28', '2100-12-31']) expect(messages(s), s).toEqual([]);
  });

  it('refuses other years with one message naming the range', () => {
    for (const s of ['0000-02-29', '0001-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
      expect(messages(s), s).toEqual(['年份应在 1900 到 2100 之间']);
    }
  });

  it('refuses impossible days and other formats, one message each', () => {
    expect(messages('2026-02-30')).toEqual(['不是有效日期']);
    expect(messages('2100-02-29')).toEqual(['不是有效日期']);
    expect(messages('2026/01/01')).toEqual(['日期格式应为 YYYY-MM-DD']);
    expect(messages('26-1-1')).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
});
