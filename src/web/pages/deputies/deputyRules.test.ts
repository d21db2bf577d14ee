import { describe, expect, it } from 'vitest';
import { issueFieldPath } from '../../api/form-errors.ts';
import { idNumberProblem, isMasked, isPhone, levelOf } from './deputyRules.ts';

describe('idNumberProblem', () => {
  it('accepts a valid number, also with a lower-case x', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });
  it('rejects a wrong check digit and a wrong shape', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
  });
});

describe('isPhone', () => {
  it('accepts mobiles and landlines with area code', () => {
    expect(isPhone('13812345678')).toBe(true);
    expect(isPhone('0731-84567890')).toBe(true);
    expect(isPhone('12345')).toBe(false);
  });
});

describe('levelOf and isMasked', () => {
  it('derives the level from the two flags', () => {
    expect(levelOf({ isTownLevel: true, isCountyLevel: true })).toBe('both');
    expect(levelOf({ isTownLevel: false, isCountyLevel: true })).toBe('county');
    expect(levelOf({ isTownLevel: true, isCountyLevel: false })).toBe('town');
  });
  it('spots masked numbers', () => {
    expect(isMasked('138****5678')).toBe(true);
    expect(isMasked('13812345678')).toBe(false);
  });
});

describe('issueFieldPath', () => {
  it('turns server field paths into form name paths', () => {
    expect(issueFieldPath('body.birthDate')).toEqual(['birthDate']);
    expect(issueFieldPath('body.members[2].deputyId')).toEqual(['members', 2, 'deputyId']);
    expect(issueFieldPath('querystring.page')).toEqual(['page']);
  });
});
