import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { MAX_MATTERS, ROUTINGS, TIME_RE } from './receptions.rules.ts';

// Labels are global: names other areas already label (place 地点, content 内容 …) are left as they are;
// this module's own messages use its own labels (receptionIssueMessage).
registerFieldLabels({
  visitorName: '来访人姓名',
  visitorPhone: '来访人电话',
  visitorCount: '来访人数',
  villageId: '村(社区)',
  routing: '去向',
  routingNote: '去向说明',
  matters: '接待事项',
});

const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Time = z.string().regex(TIME_RE, '时间格式应为 HH:MM');
const Version = z.number().int().positive();

// No .default() in input schemas (the project's convention); the service fills the defaults.
export const MatterInput = z.object({
  /** A stored matter of this reception keeps its id (and its suggestion); without one the matter is new. */
  id: IdField.nullish(),
  visitorName: Text(50).nullish(),
  visitorPhone: z
    .string()
    .trim()
    .max(30, '不能超过 30 个字符')
    .regex(/^[0-9+\-\s()]*$/, '电话只能包含数字、空格和 + - ( )')
    .nullish(),
  visitorCount: z.number().int('应为整数').min(1, '至少 1 人').max(999, '不能超过 999 人').nullish(),
  villageId: IdField.nullish(),
  category: NonEmpty(20),
  content: NonEmpty(2000),
  routing: z.enum(ROUTINGS, { error: '去向应为：当场答复、转村(居)委会、转为建议、转县人大代表或不予受理' }),
  routingNote: Text(1000).nullish(),
});

export const ReceptionInput = z.object({
  stationId: IdField,
  date: DateStr,
  startTime: Time.nullish(),
  endTime: Time.nullish(),
  place: Text(200).nullish(),
  activityId: IdField.nullish(),
  deputyIds: z.array(IdField).min(1, '至少选择一名值班代表').max(50, '最多 50 名值班代表'),
  notes: Text(2000).nullish(),
  matters: z.array(MatterInput).max(MAX_MATTERS, `一次接待最多登记 ${MAX_MATTERS} 项事项`),
});
export const ReceptionUpdate = ReceptionInput.extend({ version: Version });
export const VersionInput = z.object({ version: Version });

export const ReceptionQuery = PageQuery.extend({
  stationId: IdField.optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
  q: z.string().trim().max(50).optional(),
});
export const StatsQuery = z.object({ from: DateStr.optional(), to: DateStr.optional(), stationId: IdField.optional() });

const Named = z.object({ id: z.string(), name: z.string() });
const RoutingCounts = z.object({
  on_spot: z.number().int(),
  village: z.number().int(),
  suggestion: z.number().int(),
  county_deputy: z.number().int(),
  not_accepted: z.number().int(),
});

export const ReceptionItem = z.object({
  id: z.string(),
  /** R0001…, unique in the town, never reused. */
  code: z.string(),
  station: Named.extend({ code: z.string() }),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  deputies: z.array(Named),
  matterCount: z.number().int(),
  /** The sum of the matters' visitor counts (a group of villagers counts as several). */
  visitorCount: z.number().int(),
  routingCounts: RoutingCounts,
  activityId: z.string().nullable(),
  version: z.number().int(),
});
export const ReceptionPage = pageOf(ReceptionItem);

export const MatterOut = z.object({
  id: z.string(),
  seq: z.number().int(),
  visitorName: z.string(),
  /** Masked (138****5678) unless the caller is an admin or the station's liaison. */
  visitorPhone: z.string().nullable(),
  visitorCount: z.number().int(),
  village: Named.nullable(),
  category: z.string(),
  content: z.string(),
  routing: z.enum(ROUTINGS),
  routingNote: z.string(),
  /** The suggestion made from this matter (POST /suggestions with sourceType 'reception'), once there is one. */
  suggestion: z.object({ id: z.string(), code: z.string(), state: z.string() }).nullable(),
});

export const ReceptionDetail = ReceptionItem.extend({
  place: z.string(),
  notes: z.string(),
  activity: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  matters: z.array(MatterOut),
  createdBy: Named.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller sees visitors' phones in full. */
  phonesVisible: z.boolean(),
  /** What the caller may do now, so the page shows only buttons that work. */
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});

const Figures = z.object({ receptions: z.number().int(), visitors: z.number().int(), matters: z.number().int() });
export const StatsOut = Figures.extend({
  from: z.string(),
  to: z.string(),
  byRouting: RoutingCounts,
  byCategory: z.array(z.object({ category: z.string(), matters: z.number().int(), visitors: z.number().int() })),
  byStation: z.array(Figures.extend({ station: Named.extend({ code: z.string() }) })),
  byMonth: z.array(Figures.extend({ month: z.string() })),
});
