import dayjs, { type Dayjs } from 'dayjs';
import type { Deputy, DeputyInput, Gender } from '../../api/deputies.ts';
import { isMasked } from './deputyRules.ts';

/** The form's own shape: dates as dayjs, the two level flags as one checkbox group. */
export type DeputyFormValues = {
  code?: string;
  termId?: string;
  name?: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  ethnicity?: string;
  party?: string;
  levels?: ('town' | 'county')[];
  constituencyId?: string | null;
  stationId?: string | null;
  occupation?: string;
  workplace?: string;
  title?: string;
  phone?: string;
  idNumber?: string;
  hardship?: boolean;
  notes?: string;
};

export const FORM_FIELDS = [
  'code',
  'termId',
  'name',
  'gender',
  'birthDate',
  'ethnicity',
  'party',
  'levels',
  'constituencyId',
  'stationId',
  'occupation',
  'workplace',
  'title',
  'phone',
  'idNumber',
  'hardship',
  'notes',
] as const;

/** Server field -> form field, where the form groups or renames them. */
export const SERVER_FIELD_RENAME = { isTownLevel: 'levels', isCountyLevel: 'levels' };

export function toFormValues(d: Deputy | undefined, defaultTermId?: string): DeputyFormValues {
  if (!d) return { termId: defaultTermId, ethnicity: '汉族', levels: ['town'], hardship: false };
  return {
    code: d.code,
    termId: d.termId,
    name: d.name,
    gender: d.gender,
    birthDate: d.birthDate ? dayjs(d.birthDate) : null,
    ethnicity: d.ethnicity,
    party: d.party,
    levels: [...(d.isTownLevel ? (['town'] as const) : []), ...(d.isCountyLevel ? (['county'] as const) : [])],
    constituencyId: d.constituencyId,
    stationId: d.stationId,
    occupation: d.occupation,
    workplace: d.workplace,
    title: d.title,
    // A masked number cannot be edited meaningfully; the field then starts empty and is only sent when typed.
    phone: isMasked(d.phone) ? '' : (d.phone ?? ''),
    idNumber: '',
    hardship: d.hardship,
    notes: d.notes,
  };
}

const trimOrNull = (s: string | undefined | null) => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};

export function toInput(v: DeputyFormValues): DeputyInput {
  const levels = v.levels ?? [];
  const input: DeputyInput = {
    termId: v.termId!,
    name: (v.name ?? '').trim(),
    gender: v.gender!,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
    ethnicity: (v.ethnicity ?? '').trim(),
    party: v.party!,
    isTownLevel: levels.includes('town'),
    isCountyLevel: levels.includes('county'),
    constituencyId: v.constituencyId ?? null,
    stationId: v.stationId ?? null,
    occupation: v.occupation!,
    workplace: (v.workplace ?? '').trim(),
    title: (v.title ?? '').trim(),
    phone: trimOrNull(v.phone),
    hardship: !!v.hardship,
    notes: (v.notes ?? '').trim(),
  };
  const code = trimOrNull(v.code);
  if (code) input.code = code;
  const id = trimOrNull(v.idNumber);
  if (id) input.idNumber = id.toUpperCase();
  return input;
}

/** Only what changed, so a PATCH does not overwrite fields someone else edited meanwhile. */
export function changedFields(before: DeputyInput, after: DeputyInput, original: Deputy): Partial<DeputyInput> {
  const out: Partial<DeputyInput> = {};
  for (const k of Object.keys(after) as (keyof DeputyInput)[]) {
    if (k === 'idNumber') continue;
    if (k === 'phone' && isMasked(original.phone) && after.phone === null) continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) (out as Record<string, unknown>)[k] = after[k];
  }
  if (after.idNumber) out.idNumber = after.idNumber;
  return out;
}
