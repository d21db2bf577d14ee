import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isMainlandMobile, isValidUsername } from '../../accounts/accounts.rules.ts';
import type { DB } from '../../../db/schema.ts';
import { IssueList, checkUniqueValue } from '../workbook.check.ts';
import { Key, Name } from '../workbook.schemas.ts';
import { sortByKey } from '../workbook.rules.ts';
import { type ExportOptions, type Loaded, defineSection } from '../workbook.types.ts';
import { bool, chunks, flag, insertMany, upsertRecords } from '../workbook.write.ts';

/** The stored form of lib/password.ts, or the marker of an account that has no usable password. */
const HASH_RE = /^(scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+|unusable\$[A-Za-z0-9_-]+)$/;

export const UserRecord = z
  .strictObject({
    username: z.string().refine(isValidUsername, '应为 3–32 位字母、数字或 _ . -，或手机号').meta({ description: '用户名，在整个系统内唯一（不区分大小写）' }),
    displayName: Name(50),
    phone: z.string().refine(isMainlandMobile, '应为 11 位手机号').nullable().meta({ description: '手机号，在整个系统内唯一，也可用来登录' }),
    role: z
      .enum(['county_admin', 'town_admin', 'liaison', 'deputy', 'handler'])
      .meta({ description: 'county_admin 县人大 / town_admin 镇人大 / liaison 联络员 / deputy 代表 / handler 承办单位' }),
    deputy: Key.nullable().meta({ description: '代表账号对应的代表编码' }),
    unit: Key.nullable().meta({ description: '承办单位账号对应的单位编码' }),
    station: Key.nullable().meta({ description: '联络员账号对应的联络站编码' }),
    active: z.boolean(),
    passwordHash: z
      .string()
      .regex(HASH_RE, '不是本系统的密码哈希（不要在此填写明文密码）')
      .optional()
      .meta({ description: '仅在 renda export --include-password-hashes 时导出；没有时导入的账号须由管理员重设密码' }),
  })
  .superRefine((u, ctx) => {
    const need = (field: 'deputy' | 'unit' | 'station', message: string) => {
      if (u[field] === null) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (u.role === 'deputy') need('deputy', '代表账号需对应一名代表');
    if (u.role === 'handler') need('unit', '承办单位账号需对应一个承办单位');
    if (u.role === 'liaison') need('station', '联络员账号需对应一个联络站');
    if (u.role === 'county_admin') {
      for (const f of ['deputy', 'unit', 'station'] as const) {
        if (u[f] !== null) ctx.addIssue({ code: 'custom', path: [f], message: '县级管理员账号不属于某个乡镇，此项应为 null' });
      }
    }
  })
  .meta({ title: '账号', description: '按 username 匹配。县级管理员（county_admin）属于县，随该县每个乡镇的工作簿导出' });
export type UserRecord = z.infer<typeof UserRecord>;

/** An account imported without a hash cannot log in until an administrator sets its password. */
function unusableHash(): string {
  return `unusable$${randomBytes(18).toString('base64url')}`;
}

// The town's own accounts, and the county's administrators, who work in every town of the county.
async function loadUsers(db: Kysely<DB>, townId: string, opts: ExportOptions): Promise<Loaded<UserRecord>[]> {
  const rows = await db
    .selectFrom('appUser as u')
    .leftJoin('deputy as d', 'd.id', 'u.deputyId')
    .leftJoin('handlingUnit as h', 'h.id', 'u.unitId')
    .leftJoin('station as s', 's.id', 'u.stationId')
    .select([
      'u.id',
      'u.username',
      'u.displayName',
      'u.phone',
      'u.role',
      'd.code as deputy',
      'h.code as unit',
      's.code as station',
      'u.active',
      'u.passwordHash',
    ])
    .where((eb) =>
      eb.or([eb('u.townId', '=', townId), eb.and([eb('u.role', '=', 'county_admin'), eb('u.countyId', '=', opts.countyId), eb('u.townId', 'is', null)])]),
    )
    .execute();
  const loaded = rows.map((r) => ({
    id: r.id,
    record: {
      username: r.username,
      displayName: r.displayName,
      phone: r.phone,
      role: r.role,
      deputy: r.deputy ?? null,
      unit: r.unit ?? null,
      station: r.station ?? null,
      active: bool(r.active),
      passwordHash: r.passwordHash,
    } as UserRecord,
  }));
  return sortByKey(loaded, (l) => l.record.username);
}

export const usersSection = defineSection<'users', UserRecord>({
  key: 'users',
  label: '账号',
  kind: 'user',
  keyField: 'username',
  sortKey: (r) => r.username,
  keyOf: (r: UserRecord) => r.username,
  record: UserRecord,

  load: loadUsers,

  async export(db, townId, opts) {
    const loaded = await loadUsers(db, townId, opts);
    return loaded.map(({ record: { passwordHash, ...rest } }) => (opts.includePasswordHashes ? { ...rest, passwordHash } : rest));
  },

  // Usernames and phone numbers are unique across the whole installation, not just the town.
  async check(data, cx) {
    const out = new IssueList();
    data.forEach((u, i) => {
      out.ref(cx.known, 'deputy', u.deputy, `users[${i}].deputy`);
      out.ref(cx.known, 'unit', u.unit, `users[${i}].unit`);
      out.ref(cx.known, 'station', u.station, `users[${i}].station`);
    });
    // Usernames are unique without regard to case, and no username may be another account's phone.
    const mine = new Set(cx.existing.map((e) => e.id));
    const lower = (x: string) => x.toLowerCase();
    const names = [...new Set(data.map((u) => lower(u.username)))];
    const phones = [...new Set([...data.map((u) => u.phone).filter((p): p is string => p !== null), ...data.map((u) => u.username)])];
    const byName: { id: string; username: string }[] = [];
    for (const part of chunks(names, 1000)) {
      byName.push(
        ...(await cx.db
          .selectFrom('appUser')
          .select(['id', 'username'])
          .where((eb) => eb(eb.fn('lower', ['username']), 'in', part))
          .execute()),
      );
    }
    const byPhone: { username: string; phone: string | null }[] = [];
    for (const part of chunks(phones, 1000))
      byPhone.push(...(await cx.db.selectFrom('appUser').select(['username', 'phone']).where('phone', 'in', part).execute()));
    const docNames = new Set(data.map((u) => u.username));
    const phoneOwner = new Map<string, string>();
    for (const h of byPhone) if (h.phone && !docNames.has(h.username)) phoneOwner.set(h.phone, h.username);
    for (const u of data) if (u.phone) phoneOwner.set(u.phone, u.username);
    const seen = new Map<string, number>();
    data.forEach((u, i) => {
      const at = `users[${i}].username`;
      for (const h of byName.filter((x) => lower(x.username) === lower(u.username))) {
        if (h.username === u.username) {
          if (!mine.has(h.id)) out.add(at, `用户名 “${u.username}” 已被其他乡镇或其他县的账号使用`);
        } else if (!docNames.has(h.username)) {
          out.add(at, `用户名与已有账号 “${h.username}” 只有大小写不同`);
        }
      }
      const j = seen.get(lower(u.username));
      if (j !== undefined) out.add(at, `用户名与 users[${j}] 只有大小写不同`);
      seen.set(lower(u.username), i);
      const owner = phoneOwner.get(u.username);
      if (owner && owner !== u.username) out.add(at, `用户名与账号 “${owner}” 的手机号相同（手机号也可用来登录）`);
    });
    checkUniqueValue(out, {
      section: 'users',
      field: 'phone',
      noun: '手机号',
      data,
      keyOf: (u) => u.username,
      valueOf: (u) => u.phone,
      existing: byPhone.map((h) => ({ key: h.username, value: h.phone, label: `账号 ${h.username}` })),
    });
    // A deputy has at most one account.
    checkUniqueValue(out, {
      section: 'users',
      field: 'deputy',
      noun: '代表',
      data,
      keyOf: (u) => u.username,
      valueOf: (u) => u.deputy,
      existing: cx.existing.map((e) => ({ key: e.record.username, value: e.record.deputy, label: `账号 ${e.record.username}` })),
    });
    return out.issues;
  },

  async import(trx, ictx, data, keys) {
    const { townId, countyId, now } = ictx;
    const fields = (r: UserRecord) => ({
      townId: r.role === 'county_admin' ? null : townId,
      displayName: r.displayName,
      phone: r.phone,
      role: r.role,
      deputyId: keys.idOrNull('deputy', r.deputy),
      unitId: keys.idOrNull('unit', r.unit),
      stationId: keys.idOrNull('station', r.station),
      active: flag(r.active),
    });
    const endSessions: string[] = [];
    const counts = await upsertRecords(ictx, data, keys, {
      kind: 'user',
      keyOf: (r) => r.username,
      entity: 'user',
      noun: '账号',
      nameOf: (r) => `${r.displayName}（${r.username}）`,
      // A document without hashes says nothing about passwords: compare only what it carries.
      view: (e, r) => {
        if (r.passwordHash !== undefined) return e;
        const { passwordHash: _h, ...rest } = e;
        return rest;
      },
      insert: (rows) =>
        insertMany(
          trx,
          'appUser',
          rows.map(({ id, record: r }) => ({
            id,
            countyId,
            username: r.username,
            ...fields(r),
            passwordHash: r.passwordHash ?? unusableHash(),
            mustChangePassword: r.passwordHash ? 0 : 1,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })),
        ),
      async update(rows) {
        for (const { id, before, after: r } of rows) {
          const hash = r.passwordHash !== undefined && r.passwordHash !== before.passwordHash ? { passwordHash: r.passwordHash } : {};
          await trx
            .updateTable('appUser')
            .set((eb) => ({ ...fields(r), ...hash, countyId, version: eb('version', '+', 1), updatedAt: now }))
            .where('countyId', '=', countyId)
            .where('id', '=', id)
            .execute();
          // A disabled account or a new password ends the sessions the old state allowed.
          if (hash.passwordHash || (before.active && !r.active)) endSessions.push(id);
        }
      },
    });
    for (const part of chunks(endSessions, 1000)) await trx.deleteFrom('session').where('userId', 'in', part).execute();
    return counts;
  },
});
