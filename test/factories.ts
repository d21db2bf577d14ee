import type { Insertable, Kysely } from 'kysely';
import type { AppUserTable, DB, DeputyTable, Role } from '../src/server/db/schema.ts';
import { newId } from '../src/server/lib/ids.ts';
import { hashPassword } from '../src/server/lib/password.ts';
import { nowIso } from '../src/server/lib/time.ts';

export const TEST_PASSWORD = 'Test-pass-123';
let cachedHash: Promise<string> | null = null;
/** Hashing is slow on purpose; tests share one hash of the common password. */
export function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function makeCounty(db: Kysely<DB>, code = 'C01', name = '测试县') {
  const row = { id: newId(), code, name, createdAt: nowIso() };
  await db.insertInto('county').values(row).execute();
  return row;
}

export async function makeTown(db: Kysely<DB>, countyId: string, code: string, name: string) {
  const ts = nowIso();
  const row = { id: newId(), countyId, code, name, population: 30000, createdAt: ts, updatedAt: ts };
  await db.insertInto('town').values(row).execute();
  return row;
}

export async function makeTerm(db: Kysely<DB>, townId: string, number = 18) {
  const row = { id: newId(), townId, number, startDate: '2021-12-01', endDate: null };
  await db.insertInto('term').values(row).execute();
  return row;
}

export async function makeVillage(db: Kysely<DB>, townId: string, code: string, name: string, kind: 'village' | 'community' = 'village') {
  const row = { id: newId(), townId, code, name, kind };
  await db.insertInto('village').values(row).execute();
  return row;
}

export async function makeStation(db: Kysely<DB>, townId: string, code: string, name: string) {
  const ts = nowIso();
  const row = { id: newId(), townId, code, name, kind: 'station' as const, createdAt: ts, updatedAt: ts };
  await db.insertInto('station').values(row).execute();
  return row;
}

export async function makeUnit(db: Kysely<DB>, townId: string, code: string, name: string) {
  const ts = nowIso();
  const row = { id: newId(), townId, code, name, kind: 'town_office' as const, createdAt: ts, updatedAt: ts };
  await db.insertInto('handlingUnit').values(row).execute();
  return row;
}

export async function makeDeputy(db: Kysely<DB>, townId: string, termId: string, over: Partial<Insertable<DeputyTable>> = {}) {
  const ts = nowIso();
  const row: Insertable<DeputyTable> = {
    id: newId(),
    townId,
    termId,
    code: over.code ?? `D${Math.floor(Math.random() * 1e9)}`,
    name: '李明华',
    gender: 'male',
    birthDate: '1975-03-02',
    party: '中共党员',
    occupation: '村(社区)干部',
    createdAt: ts,
    updatedAt: ts,
    ...over,
  };
  await db.insertInto('deputy').values(row).execute();
  return row as Insertable<DeputyTable> & { id: string; code: string };
}

export async function makeUser(
  db: Kysely<DB>,
  over: Partial<Insertable<AppUserTable>> & { countyId: string; role: Role; username: string },
) {
  const ts = nowIso();
  const row: Insertable<AppUserTable> = {
    id: newId(),
    townId: null,
    displayName: over.username,
    passwordHash: await testPasswordHash(),
    createdAt: ts,
    updatedAt: ts,
    ...over,
  };
  await db.insertInto('appUser').values(row).execute();
  return row as Insertable<AppUserTable> & { id: string };
}

export async function makeGroup(db: Kysely<DB>, townId: string, code: string, name: string, stationId: string | null = null) {
  const ts = nowIso();
  const row = { id: newId(), townId, code, name, stationId, createdAt: ts, updatedAt: ts };
  await db.insertInto('deputyGroup').values(row).execute();
  return row;
}

export async function makePresidiumMember(
  db: Kysely<DB>,
  townId: string,
  termId: string,
  deputyId: string,
  over: { position?: 'chair' | 'vice_chair' | 'member'; startDate?: string; endDate?: string | null; sortOrder?: number } = {},
) {
  const row = { id: newId(), townId, termId, deputyId, position: 'member' as const, startDate: '2021-12-01', endDate: null, sortOrder: 0, ...over };
  await db.insertInto('presidiumMember').values(row).execute();
  return row;
}

export async function makeConstituency(db: Kysely<DB>, townId: string, termId: string, code: string, name: string) {
  const row = { id: newId(), townId, termId, code, name };
  await db.insertInto('constituency').values(row).execute();
  return row;
}

/** A multipart/form-data request carrying one file, for upload routes (app.inject has no form builder). */
export function multipartFile(bytes: Buffer, fileName: string, field = 'file', contentType = 'application/octet-stream') {
  const boundary = `----renda-test-${newId()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function makeActivityKind(db: Kysely<DB>, townId: string, code: string, name: string, countsAs: import('../src/server/db/schema.ts').ActivityCountsAs = 'other') {
  const ts = nowIso();
  const row = { id: newId(), townId, code, name, countsAs, createdAt: ts, updatedAt: ts };
  await db.insertInto('activityKind').values(row).execute();
  return row;
}

/** An activity straight in the table (e.g. another town's, or one long past); times are UTC ISO. */
export async function makeActivity(db: Kysely<DB>, townId: string, kindId: string, over: Partial<Insertable<import('../src/server/db/schema.ts').ActivityTable>> & { startAt: string; endAt: string }) {
  const ts = nowIso();
  const row = {
    id: newId(),
    townId,
    kindId,
    title: '测试活动',
    organiserType: 'town' as const,
    code: `X${newId()}`,
    signInCode: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
    createdAt: ts,
    updatedAt: ts,
    ...over,
  };
  await db.insertInto('activity').values(row).execute();
  return row;
}

export async function makeInvitation(db: Kysely<DB>, townId: string, activityId: string, deputyId: string, over: Partial<Insertable<import('../src/server/db/schema.ts').ActivityInvitationTable>> = {}) {
  const row = { id: newId(), townId, activityId, deputyId, invitedAt: nowIso(), ...over };
  await db.insertInto('activityInvitation').values(row).execute();
  return row;
}
