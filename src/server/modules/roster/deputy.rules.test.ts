import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  ETHNICITIES,
  ageAt,
  ageBand,
  applyStatusChange,
  autoCodeCounter,
  birthDateProblem,
  canRevealIdNumber,
  canSeePhone,
  deputyProblems,
  detailLevel,
  idCheckChar,
  idConsistencyProblems,
  idNumberInfo,
  idNumberProblem,
  levelFlags,
  levelOf,
  levelProblem,
  normalizeIdNumber,
  parseTermNumber,
  phoneProblem,
  termName,
} from './deputy.rules.ts';

const TODAY = '2026-11-28';

describe('ID numbers (GB 11643-1999)', () => {
  it('accepts the worked examples of the standard, including an X check character', () => {
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    // The standard's other example is valid by its check digit, but no deputy was born in 1880.
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idNumberProblem('440524188001010014')).toMatch(/出生日期/);
    expect(idNumberProblem('430102197503020012', TODAY)).toBeNull();
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('normalises a lower-case x and spaces', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });

  it('rejects a wrong check digit, a bad length, letters, an unknown province and an impossible date', () => {
    expect(idNumberProblem('110105194912310021', TODAY)).toMatch(/校验位/);
    expect(idNumberProblem('11010519491231002', TODAY)).toMatch(/18 位/);
    expect(idNumberProblem('1101051949123100AX', TODAY)).toMatch(/18 位/);
    expect(idNumberProblem('110105491231002', TODAY)).toMatch(/15 位/);
    const badProvince = `99010519491231002`;
    expect(idNumberProblem(badProvince + idCheckChar(badProvince), TODAY)).toMatch(/地区码/);
    const feb30 = '43010219750230001';
    expect(idNumberProblem(feb30 + idCheckChar(feb30), TODAY)).toMatch(/出生日期/);
    const future = '43010220300101001';
    expect(idNumberProblem(future + idCheckChar(future), TODAY)).toMatch(/出生日期/);
  });

  it('reads the birth date and the gender (odd 17th digit = male)', () => {
    expect(idNumberInfo('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
    expect(idNumberInfo('440524188001010014')).toEqual({ birthDate: '1880-01-01', gender: 'male' });
  });

  it('names the field that contradicts the ID number', () => {
    expect(idConsistencyProblems('11010519491231002X', '1949-12-31', 'female')).toEqual([]);
    expect(idConsistencyProblems('11010519491231002X', null, undefined)).toEqual([]);
    const p = idConsistencyProblems('11010519491231002X', '1950-01-01', 'male');
    expect(p.map((x) => x.field)).toEqual(['birthDate', 'gender']);
    expect(p[0].message).toContain('1949-12-31');
    expect(p[1].message).toContain('女');
  });
});

describe('phones', () => {
  it('accepts mainland mobiles and landlines with an area code', () => {
    for (const ok of ['13800001111', '19912345678', '0731-12345678', '010-1234567', '07311234567', '138 0000 1111']) expect(phoneProblem(ok), ok).toBeNull();
  });
  it('rejects others', () => {
    for (const bad of ['12800001111', '1380000111', '138000011112', '12345678', 'abc', '0731-123']) expect(phoneProblem(bad), bad).not.toBeNull();
  });
});

describe('ages and age bands', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageAt('1975-03-02', '2026-03-01')).toBe(50);
    expect(ageAt('1975-03-02', '2026-03-02')).toBe(51);
    expect(ageAt('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageAt('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageAt(null, TODAY)).toBeNull();
  });
  it('bands at their edges', () => {
    expect([35, 36, 45, 46, 55, 56, 90].map(ageBand)).toEqual(['35岁以下', '36-45岁', '36-45岁', '46-55岁', '46-55岁', '56岁以上', '56岁以上']);
    expect(ageBand(null)).toBe('未知');
    expect(AGE_BANDS).toHaveLength(5);
  });
  it('a deputy is an adult and was not born in the future', () => {
    expect(birthDateProblem('1975-03-02', TODAY)).toBeNull();
    expect(birthDateProblem('2008-11-28', TODAY)).toBeNull();
    expect(birthDateProblem('2008-11-29', TODAY)).toMatch(/18/);
    expect(birthDateProblem('2027-01-01', TODAY)).toMatch(/今天/);
  });
});

describe('levels', () => {
  it('needs at least one of town and county', () => {
    expect(levelProblem(true, false)).toBeNull();
    expect(levelProblem(false, true)).toBeNull();
    expect(levelProblem(true, true)).toBeNull();
    expect(levelProblem(false, false)).toMatch(/至少/);
  });
  it('maps flags to the three exclusive levels and back', () => {
    expect(levelOf(true, false)).toBe('town');
    expect(levelOf(false, true)).toBe('county');
    expect(levelOf(true, true)).toBe('both');
    expect(levelFlags('both')).toEqual({ isTownLevel: true, isCountyLevel: true });
    expect(levelFlags('county')).toEqual({ isTownLevel: false, isCountyLevel: true });
  });
  it('deputyProblems gathers the cross-field rules', () => {
    const ok = { gender: 'female' as const, birthDate: '1949-12-31', idNumber: '11010519491231002X', isTownLevel: true, isCountyLevel: false };
    expect(deputyProblems(ok, TODAY)).toEqual([]);
    const bad = deputyProblems({ ...ok, isTownLevel: false, gender: 'male' }, TODAY);
    expect(bad.map((p) => p.field)).toEqual(['isTownLevel', 'gender']);
  });
});

describe('status changes', () => {
  it('leaving office needs a date and a reason', () => {
    const r = applyStatusChange({ status: 'resigned' }, TODAY);
    expect(r.problems.map((p) => p.field)).toEqual(['date', 'reason']);
    expect(r.problems[0].message).toContain('辞职');
    const ok = applyStatusChange({ status: 'transferred', date: '2026-05-01', reason: '工作调动' }, TODAY);
    expect(ok.problems).toEqual([]);
    expect(ok.value).toEqual({ status: 'transferred', statusDate: '2026-05-01', statusReason: '工作调动' });
  });
  it('a blank reason does not count, nor a future date', () => {
    const r = applyStatusChange({ status: 'recalled', date: '2027-01-01', reason: '   ' }, TODAY);
    expect(r.problems.map((p) => p.field)).toEqual(['date', 'reason']);
  });
  it('serving clears the date and the reason', () => {
    expect(applyStatusChange({ status: 'serving', date: '2026-05-01', reason: 'x' }, TODAY)).toEqual({
      value: { status: 'serving', statusDate: null, statusReason: null },
      problems: [],
    });
  });
});

describe('autoCodeCounter', () => {
  it('counts up from the largest D-number in use, ignoring other codes', () => {
    const next = autoCodeCounter(['D001', 'D010', 'X99', 'D5', 'd200', 'D01a']);
    expect([next(), next(), next()]).toEqual(['D011', 'D012', 'D013']);
    expect(autoCodeCounter([])()).toBe('D001');
    const wide = autoCodeCounter(['D999']);
    expect([wide(), wide()]).toEqual(['D1000', 'D1001']);
  });
});

describe('masking', () => {
  it('deputies see only their own phone, handlers none, staff all', () => {
    expect(canSeePhone({ role: 'deputy', deputyId: 'd1' }, 'd1')).toBe(true);
    expect(canSeePhone({ role: 'deputy', deputyId: 'd1' }, 'd2')).toBe(false);
    expect(canSeePhone({ role: 'handler', deputyId: null }, 'd2')).toBe(false);
    for (const role of ['town_admin', 'county_admin', 'liaison'] as const) expect(canSeePhone({ role, deputyId: null }, 'd2')).toBe(true);
  });

  it('shows a deputy the full record only on their own; a handler only names', () => {
    expect(detailLevel({ role: 'deputy', deputyId: 'd1' }, 'd1')).toBe('full');
    expect(detailLevel({ role: 'deputy', deputyId: 'd1' }, 'd2')).toBe('peer');
    expect(detailLevel({ role: 'handler', deputyId: null }, 'd2')).toBe('names');
    for (const role of ['town_admin', 'county_admin', 'liaison'] as const) expect(detailLevel({ role, deputyId: null }, 'd2')).toBe('full');
  });

  it('only administrators reveal ID numbers', () => {
    expect(canRevealIdNumber('town_admin')).toBe(true);
    expect(canRevealIdNumber('county_admin')).toBe(true);
    for (const role of ['liaison', 'deputy', 'handler'] as const) expect(canRevealIdNumber(role)).toBe(false);
  });
});

describe('enumerations and term names', () => {
  it('has the 56 ethnic groups, each once', () => {
    expect(new Set(ETHNICITIES).size).toBe(56);
    expect(ETHNICITIES.every((e) => e.endsWith('族'))).toBe(true);
  });
  it('writes and reads term numbers', () => {
    expect(termName(18)).toBe('第十八届');
    expect(['18', '第18届', '第十八届', '十八', '十', '八', '二十一'].map(parseTermNumber)).toEqual([18, 18, 18, 18, 10, 8, 21]);
    expect(parseTermNumber('')).toBeNull();
    expect(parseTermNumber('一八')).toBeNull();
    expect(parseTermNumber('本届')).toBeNull();
  });
});
