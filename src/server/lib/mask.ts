/**
 * Masking of personal numbers for display. Pure functions, unit-tested.
 * Phone: keep the first 3 and last 4 digits (138****5678). ID number: keep only the first 4 (province and
 * city). Any kept tail would be a hint: with the birth date known, the last two characters (one of them
 * the check character) leave about nine candidates for the whole number.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const s = phone.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  if (s.length < 8) return `${s.slice(0, 1)}${'*'.repeat(s.length - 3)}${s.slice(-2)}`;
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  const s = id.trim();
  if (s.length <= 6) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 4)}`;
}

/**
 * Whether a masked value (from an export) could be this stored value: same length, and every character
 * that is not * the same. Files exported under an older mask (which kept more characters) still match.
 */
export function maskMatches(masked: string, value: string | null | undefined): boolean {
  const v = value?.trim();
  if (!v || masked.length !== v.length) return false;
  for (let i = 0; i < masked.length; i++) if (masked[i] !== '*' && masked[i] !== v[i]) return false;
  return true;
}

/** A Chinese name shown to the public or in anonymous contexts: 李明华 -> 李*华, 张三 -> 张*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
