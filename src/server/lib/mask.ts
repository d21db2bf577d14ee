/**
 * Masking of personal numbers for display. Pure functions, unit-tested.
 * Phone: keep the first 3 and last 4 digits (138****5678). ID number: keep the first 4 (province and
 * city) and the last 2, so staff can tell two people apart without seeing the birth date.
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
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 6)}${s.slice(-2)}`;
}

/** A Chinese name shown to the public or in anonymous contexts: 李明华 -> 李*华, 张三 -> 张*. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
