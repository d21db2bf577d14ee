import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { CodeField, DateStr, IdField, NonEmpty, OptText } from '../../http/schemas.ts';
import { ScheduleRuleSchema } from './schedule.rules.ts';

/** 联络站 / 代表之家 / 代表工作室 */
export const STATION_KINDS = ['station', 'home', 'studio'] as const;

registerFieldLabels({
  headDeputyId: '站长',
  scheduleRule: '接待日安排',
  description: '简介',
  villageIds: '覆盖村(社区)',
  deputyIds: '代表',
  days: '日期',
  nth: '第几个',
  weekday: '星期',
  weekdays: '星期',
});

export const StationInput = z.object({
  code: CodeField.optional(),
  name: NonEmpty(100),
  kind: z.enum(STATION_KINDS),
  address: z.string().trim().max(200).optional(),
  phone: OptText(30),
  headDeputyId: IdField.nullish(),
  description: z.string().trim().max(2000).optional(),
  scheduleRule: ScheduleRuleSchema.nullish(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.

export const StationUpdate = StationInput.partial().extend({ version: z.number().int().positive() });

export const StationVillagesInput = z.object({
  villageIds: z.array(IdField).max(500),
  /** The record's version the editor started from: a stale list answers 409 instead of overwriting. Optional for scripts. */
  version: z.number().int().positive().optional(),
});
export const StationDeputiesInput = z.object({
  deputyIds: z.array(IdField).max(1000),
  /** The record's version the editor started from: a stale list answers 409 instead of overwriting. Optional for scripts. */
  version: z.number().int().positive().optional(),
});

export const ReceptionDaysQuery = z.object({ from: DateStr.optional(), to: DateStr.optional() });

export const StationSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(STATION_KINDS),
  address: z.string(),
  phone: z.string().nullable(),
  headDeputyId: z.string().nullable(),
  headDeputyName: z.string().nullable(),
  villageCount: z.number().int(),
  deputyCount: z.number().int(),
  liaisonCount: z.number().int(),
  scheduleText: z.string(),
});

export const StationDetail = StationSummary.extend({
  description: z.string(),
  scheduleRule: ScheduleRuleSchema.nullable(),
  villages: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  deputies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), isTownLevel: z.boolean(), isCountyLevel: z.boolean(), status: z.string() })),
  liaisons: z.array(z.object({ id: z.string(), displayName: z.string(), phone: z.string().nullable() })),
  nextReceptionDays: z.array(z.string()),
  version: z.number().int(),
});

export const StationList = z.array(StationSummary);

export const ReceptionDays = z.object({ rule: ScheduleRuleSchema.nullable(), text: z.string(), dates: z.array(z.string()) });
