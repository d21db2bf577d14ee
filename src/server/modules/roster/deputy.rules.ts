/**
 * Rules of the deputy roster: enumerations, ID numbers, phones, ages, levels, status changes and who
 * may see what. Pure functions (no I/O), unit-tested in deputy.rules.test.ts; the API and the Excel
 * import both call them so a record is judged the same way whichever door it comes through.
 */
import type { DeputyStatus, Gender, Role } from '../../db/schema.ts';
import { codeCounter } from '../../lib/auto-code.ts';
import { isValidDate } from '../../lib/time.ts';

export const GENDERS = ['male', 'female'] as const satisfies readonly Gender[];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const STATUSES = ['serving', 'resigned', 'recalled', 'terminated', 'transferred'] as const satisfies readonly DeputyStatus[];
export const STATUS_LABELS: Record<DeputyStatus, string> = {
  serving: '在任',
  resigned: '辞职',
  recalled: '罢免',
  terminated: '终止',
  transferred: '调离',
};

export const PARTIES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;
export type Party = (typeof PARTIES)[number];

export const OCCUPATIONS = ['村(社区)干部', '企业负责人', '企业职工', '机关事业单位', '农民', '专业技术人员', '个体工商户', '其他'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** The 56 recognised ethnic groups, in the order of the national standard GB/T 3304. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];
/** Most deputies of a town are Han; the column is NOT NULL, so an unstated ethnicity is stored as this. */
export const DEFAULT_ETHNICITY: Ethnicity = '汉族';

/** Levels are three exclusive kinds, the same in the list filter, the stats and the Excel column. */
export const LEVELS = ['town', 'county', 'both'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { town: '镇级', county: '县级', both: '县镇两级' };

export const AGE_BANDS = ['35岁以下', '36-45岁', '46-55岁', '56岁以上', '未知'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A problem with one field of a deputy; `field` is the bare field name (the caller adds `body.` or a row). */
export type DeputyProblem = { field: string; message: string };

// ---------------------------------------------------------------------------------------------
// ID numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
// sequence (odd = male), 1 check character (ISO 7064 MOD 11-2; 10 is written X).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
// First two digits: the province-level codes of GB/T 2260 (71 Taiwan, 81/82 Hong Kong/Macao, 83 residence permits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** Upper-case the X and drop spaces people type in to group the digits. */
export function normalizeIdNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Why an ID number is not valid (Chinese, for the user), or null when it is. Expects a normalised number. */
export function idNumberProblem(id: string, today?: string): string | null {
  if (/^\d{15}$/.test(id)) return '这是旧的 15 位身份证号，请填写 18 位身份证号';
  if (!/^\d{17}[\dX]$/.test(id)) return '应为 18 位，前 17 位为数字，最后一位为数字或 X';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return '前两位地区码无效';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidDate(birth) || birth < '1900-01-01' || (today !== undefined && birth > today)) return `其中的出生日期 ${id.slice(6, 14)} 无效`;
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '校验位不正确，请核对是否输错';
  return null;
}

/** Birth date and gender written in a valid ID number. */
export function idNumberInfo(id: string): { birthDate: string; gender: Gender } {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Problems where the entered birth date or gender contradict a (valid) ID number. */
export function idConsistencyProblems(id: string, birthDate: string | null | undefined, gender: Gender | null | undefined): DeputyProblem[] {
  const info = idNumberInfo(id);
  const out: DeputyProblem[] = [];
  if (birthDate && birthDate !== info.birthDate) out.push({ field: 'birthDate', message: `与身份证号不一致（身份证号中为 ${info.birthDate}）` });
  if (gender && gender !== info.gender) out.push({ field: 'gender', message: `与身份证号不一致（身份证号中为${GENDER_LABELS[info.gender]}）` });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phones

const MOBILE_RE = /^1[3-9]\d{9}$/;
// Area code 3-4 digits starting with 0, number 7-8 digits, optional extension.
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** Why a phone number is not valid, or null. Mainland mobiles (13800001111) or landlines (0731-12345678). */
export function phoneProblem(phone: string): string | null {
  const s = phone.replace(/\s+/g, '');
  if (MOBILE_RE.test(s) || LANDLINE_RE.test(s)) return null;
  return '应为 11 位手机号（如 13800001111）或带区号的固定电话（如 0731-12345678）';
}

export function normalizePhone(phone: string): string {
  return phone.replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Ages

/** Whole years of age on `today` (both YYYY-MM-DD); null without a birth date. */
export function ageAt(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate) return null;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // String comparison of MM-DD: someone born on 02-29 turns a year older on 03-01 in common years.
  if (today.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** The band used in the statistics ("35岁以下" includes 35, as in the usual reports). */
export function ageBand(age: number | null): AgeBand {
  if (age === null) return '未知';
  if (age <= 35) return '35岁以下';
  if (age <= 45) return '36-45岁';
  if (age <= 55) return '46-55岁';
  return '56岁以上';
}

/** A deputy must be at least 18 (选举法 Art. 4); a birth date in the future is a typing error. */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (birthDate > today) return '不能晚于今天';
  if (birthDate < '1900-01-01') return '早于 1900 年，请核对';
  const age = ageAt(birthDate, today) ?? 0;
  if (age < 18) return '代表须年满 18 周岁';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Levels

export function levelProblem(isTownLevel: boolean, isCountyLevel: boolean): string | null {
  return isTownLevel || isCountyLevel ? null : '镇级代表和县级代表至少选择一项';
}

export function levelOf(isTownLevel: boolean, isCountyLevel: boolean): Level {
  if (isTownLevel && isCountyLevel) return 'both';
  return isCountyLevel ? 'county' : 'town';
}

export function levelFlags(level: Level): { isTownLevel: boolean; isCountyLevel: boolean } {
  return { isTownLevel: level !== 'county', isCountyLevel: level !== 'town' };
}

// ---------------------------------------------------------------------------------------------
// The whole record

export type DeputyFacts = {
  gender: Gender | null | undefined;
  birthDate: string | null | undefined;
  idNumber: string | null | undefined;
  isTownLevel: boolean;
  isCountyLevel: boolean;
};

/** Every rule that spans fields, for a record as it would be saved. The ID number must already be valid. */
export function deputyProblems(d: DeputyFacts, today: string): DeputyProblem[] {
  const out: DeputyProblem[] = [];
  const lp = levelProblem(d.isTownLevel, d.isCountyLevel);
  if (lp) out.push({ field: 'isTownLevel', message: lp });
  if (d.birthDate) {
    const bp = birthDateProblem(d.birthDate, today);
    if (bp) out.push({ field: 'birthDate', message: bp });
  }
  if (d.idNumber) out.push(...idConsistencyProblems(d.idNumber, d.birthDate, d.gender));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Status

export type StatusChange = { status: DeputyStatus; statusDate: string | null; statusReason: string | null };

/**
 * The status fields after a change. Leaving office (辞职、罢免、终止、调离) is recorded with the date and
 * the reason, which the law requires to be published; returning to 在任 clears both.
 */
export function applyStatusChange(
  input: { status: DeputyStatus; date?: string | null; reason?: string | null },
  today: string,
): { value: StatusChange; problems: DeputyProblem[] } {
  if (input.status === 'serving') return { value: { status: 'serving', statusDate: null, statusReason: null }, problems: [] };
  const problems: DeputyProblem[] = [];
  const date = input.date || null;
  const reason = input.reason?.trim() || null;
  const label = STATUS_LABELS[input.status];
  if (!date) problems.push({ field: 'date', message: `状态为“${label}”时必须填写日期` });
  else if (date > today) problems.push({ field: 'date', message: '不能晚于今天' });
  if (!reason) problems.push({ field: 'reason', message: `状态为“${label}”时必须填写原因` });
  return { value: { status: input.status, statusDate: date, statusReason: reason }, problems };
}

// ---------------------------------------------------------------------------------------------
// Automatic codes

/** Automatic codes D001, D002…, after the largest D-number in use (see codeCounter). */
export function autoCodeCounter(codesInUse: Iterable<string>): () => string {
  return codeCounter('D', 3, codesInUse);
}

// ---------------------------------------------------------------------------------------------
// Who sees what

export type Viewer = { role: Role; deputyId: string | null };

/** Deputies see other deputies' phones masked (their own in full); handling offices never need them. */
export function canSeePhone(viewer: Viewer, deputyId: string): boolean {
  if (viewer.role === 'handler') return false;
  if (viewer.role === 'deputy') return viewer.deputyId === deputyId;
  return true;
}

/**
 * How much of a deputy's personal record a viewer sees, beyond the phone:
 * - `full`: staff, and a deputy on their own record (the ID number is still masked);
 * - `peer`: another deputy: no birth date and no ID number. The age is enough, and a birth date beside
 *   even a masked ID number narrows the number down;
 * - `names`: a handling office, which only needs to know who a deputy is: no birth date, ID number,
 *   status reason, hardship flag or notes.
 */
export type DetailLevel = 'full' | 'peer' | 'names';

export function detailLevel(viewer: Viewer, deputyId: string): DetailLevel {
  if (viewer.role === 'handler') return 'names';
  if (viewer.role === 'deputy' && viewer.deputyId !== deputyId) return 'peer';
  return 'full';
}

/** Only administrators may reveal a full ID number, and every reveal is audited. */
export function canRevealIdNumber(role: Role): boolean {
  return role === 'town_admin' || role === 'county_admin';
}

// ---------------------------------------------------------------------------------------------
// Terms: 18 <-> 第十八届

const DIGITS = '零一二三四五六七八九';

// Term names are owned by the regions rules; re-exported for the roster's Excel texts.
export { termName } from '../regions/regions.rules.ts';

/** A term as people write it: 18, "18", "第18届", "第十八届", "十八". Null when it is none of these. */
export function parseTermNumber(s: string): number | null {
  const t = s.trim().replace(/^第/, '').replace(/届$/, '');
  if (/^\d{1,3}$/.test(t)) return Number(t);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || t === '') return null;
  const d = (c: string | undefined) => (c ? DIGITS.indexOf(c) : 0);
  if (m[2]) return (m[1] ? d(m[1]) : 1) * 10 + d(m[3]);
  if (m[1] && !m[3]) return d(m[1]);
  return null;
}
