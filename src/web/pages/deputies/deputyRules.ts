import type { Deputy, Level } from '../../api/deputies.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Problem with a resident ID number (GB 11643): 'format', 'checksum', or null when valid. */
export function idNumberProblem(id: string): 'format' | 'checksum' | null {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return 'format';
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return ID_CHECK[sum % 11] === s[17] ? null : 'checksum';
}

/** A mobile number (11 digits starting with 1) or a landline with area code (0xx-xxxxxxx). */
export function isPhone(s: string): boolean {
  const v = s.trim().replace(/\s+/g, '');
  return /^1\d{10}$/.test(v) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v);
}

export function levelOf(d: Pick<Deputy, 'isTownLevel' | 'isCountyLevel'>): Level {
  if (d.isTownLevel && d.isCountyLevel) return 'both';
  return d.isCountyLevel ? 'county' : 'town';
}

/** Masked values from the server ('138****5678') must not be sent back as if the user typed them. */
export function isMasked(s: string | null | undefined): boolean {
  return !!s && s.includes('*');
}
