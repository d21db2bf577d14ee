import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMatches, maskName, maskPhone } from './mask.ts';

describe('maskIdNumber', () => {
  it('keeps only the first 4 characters (province and city) of an 18-character number', () => {
    expect(maskIdNumber('430102197503020113')).toBe('4301**************');
    expect(maskIdNumber('43010219750302011X')).toBe('4301**************');
  });

  it('shows nothing of the birth date, the sequence or the check character', () => {
    const masked = maskIdNumber('430102197503020113') as string;
    expect(masked).toHaveLength(18);
    expect(masked.slice(4)).toMatch(/^\*+$/);
  });

  it('masks short or odd values entirely, and trims', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('430102750302011')).toBe('4301***********');
    expect(maskIdNumber('  430102197503020113 ')).toBe('4301**************');
  });

  it('passes null, undefined and empty through', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile, less of a short number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0731-12345678')).toBe('073******5678');
    expect(maskPhone('123456')).toBe('1***56');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('maskMatches', () => {
  it('matches a stored value by the characters the mask kept, under the current or an older mask', () => {
    const id = '430102197503020113';
    expect(maskMatches(maskIdNumber(id) as string, id)).toBe(true);
    expect(maskMatches('4301************13', id)).toBe(true);
    expect(maskMatches('4301************12', id)).toBe(false);
    expect(maskMatches('4302**************', id)).toBe(false);
    expect(maskMatches('4301*************', id)).toBe(false);
    expect(maskMatches(maskPhone('0731-12345678') as string, '0731-12345678')).toBe(true);
    expect(maskMatches('138****5678', '13800001111')).toBe(false);
    expect(maskMatches('138****5678', null)).toBe(false);
  });
});

describe('maskName', () => {
  it('keeps the first and last character', () => {
    expect(maskName('李明华')).toBe('李*华');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明华')).toBe('欧**华');
    expect(maskName('李')).toBe('李');
  });
});
