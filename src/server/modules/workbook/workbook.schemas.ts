import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr } from '../../http/schemas.ts';
import { idNumberProblem } from '../roster/deputy.rules.ts';

/*
 * Field types shared by the workbook sections. The workbook is an interchange format, not an API
 * body: values are carried exactly as stored (no trimming, no defaults), every field is present,
 * and a missing value is null. That is what makes export -> import -> export give the same bytes.
 */

// The importer also runs outside the HTTP app (the `renda` CLI), where app.ts has not set the locale.
z.config(z.locales.zhCN());

/** An external key: what identifies a record across installations (codes, usernames). */
export const Key = z
  .string()
  .min(1, '必填')
  .max(64, '不能超过 64 个字符')
  .regex(/^\S+$/, '不能包含空白字符')
  .meta({ description: '外部键（编码、用户名）：导入时按它匹配记录，不是数据库内部编号' });

export const Name = (max: number) => z.string().min(1, '必填').max(max, `不能超过 ${max} 个字`);
export const Text = (max: number) => z.string().max(max, `不能超过 ${max} 个字`);
export const NullableText = (max: number) => Text(max).nullable();

export const DateField = DateStr.meta({ description: '日期 YYYY-MM-DD' });
export const NullableDate = DateStr.nullable();

export const Phone = z.string().min(1, '不能为空字符串，没有时请写 null').max(30, '不能超过 30 个字符').nullable();

export const TermNumber = z.number().int('应为整数').min(1, '应为正整数').max(99, '不能超过 99').meta({ description: '届次，如 18 表示第十八届' });

export const IdNumber = z
  .string()
  .superRefine((s, ctx) => {
    const problem = idNumberProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: '18 位居民身份证号码（地区码、出生日期、校验位有效；X 为大写）' });

export const SortOrder = z.number().int('应为整数').min(0, '不能为负数').max(1_000_000);

export const KeyList = z.array(Key);

// Only names that mean the same in every module: labels are global, and a generic name such as
// `title` is 职务 for a deputy but 标题 for an activity.
registerFieldLabels({
  format: '格式标记',
  formatVersion: '格式版本',
  county: '县',
  town: '乡镇',
  population: '人口',
  villages: '村（社区）',
  sortOrder: '排序',
  terms: '届次',
  term: '届次',
  startDate: '开始日期',
  endDate: '结束日期',
  constituencies: '选区',
  constituency: '选区',
  seats: '应选名额',
  stations: '联络站',
  station: '联络站',
  scheduleRule: '接待日规则',
  units: '承办单位',
  unit: '承办单位',
  deputies: '代表',
  deputy: '代表',
  gender: '性别',
  birthDate: '出生日期',
  ethnicity: '民族',
  party: '政治面貌',
  isTownLevel: '镇人大代表',
  isCountyLevel: '县人大代表',
  occupation: '职业类别',
  workplace: '工作单位',
  idNumber: '身份证号',
  statusDate: '状态变更日期',
  statusReason: '状态变更原因',
  hardship: '困难代表',
  photo: '照片',
  notes: '备注',
  groups: '代表小组',
  members: '成员',
  presidium: '主席团',
  liaisons: '联系代表',
  users: '账号',
  displayName: '姓名',
  passwordHash: '密码哈希',
});
