import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';
import { isMainlandMobile, isValidUsername } from './accounts.rules.ts';

registerFieldLabels({
  displayName: '姓名',
  role: '角色',
  deputyId: '关联代表',
  unitId: '所属承办单位',
  stationId: '所属联络站',
  q: '关键词',
});

// Spelled out (not ROLES) so that zod infers the Role union.
const RoleEnum = z.enum(['county_admin', 'town_admin', 'liaison', 'deputy', 'handler']);

export const Username = z.string().trim().refine(isValidUsername, '应为 3–32 位字母、数字、_ . -，或手机号');

/** '' and null both clear the phone; otherwise a mainland mobile number (it is also a login name). */
const Phone = z
  .string()
  .trim()
  .refine((s) => s === '' || isMainlandMobile(s), '应为 11 位手机号')
  .nullish();

const LinkId = z.string().max(64).nullish();

export const UserInput = z.object({
  username: Username,
  displayName: NonEmpty(50),
  phone: Phone,
  role: RoleEnum,
  deputyId: LinkId,
  unitId: LinkId,
  stationId: LinkId,
  // Only the length here: the policy (passwordProblem) is applied by the service, for the CLI too.
  password: z.string().min(1, '必填').max(128),
});

export const UserUpdate = z.object({
  displayName: NonEmpty(50).optional(),
  phone: Phone,
  role: RoleEnum.optional(),
  deputyId: LinkId,
  unitId: LinkId,
  stationId: LinkId,
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const ResetPasswordBody = z.object({ newPassword: z.string().min(1, '必填').max(128) });

export const UserQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  role: RoleEnum.optional(),
});

export const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: RoleEnum,
  /** null for county_admin accounts, which belong to the county. */
  townId: z.string().nullable(),
  deputyId: z.string().nullable(),
  deputyName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});

export const UserPage = pageOf(UserOut);
