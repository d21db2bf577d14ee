import { z } from 'zod';
import { IdField } from '../../http/schemas.ts';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名或手机号').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});

export const SwitchTownBody = z.object({ townId: IdField });

export const TownRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const MeOut = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(['county_admin', 'town_admin', 'liaison', 'deputy', 'handler']),
    deputyId: z.string().nullable(),
    unitId: z.string().nullable(),
    stationId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    /** A deputy with a current presidium seat (always false for other roles). */
    onPresidium: z.boolean(),
  }),
  county: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  town: TownRef.nullable(),
  /** Towns the user may switch to (all towns of the county for a county_admin, else only their own). */
  towns: z.array(TownRef),
  csrfToken: z.string(),
});
