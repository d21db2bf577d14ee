import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { type FieldIssue, ValidationError } from '../../http/errors.ts';
import type { Ctx } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { recordAudits } from '../audit/audit.repo.ts';
import { Header, WORKBOOK_FORMAT_VERSION, type WorkbookDocument, WorkbookSchema, canonicalWorkbook } from './workbook.document.ts';
import { type Counts, duplicateKeys, formatPath } from './workbook.rules.ts';
import { SECTIONS } from './workbook.sections.ts';
import { type AuditEntry, type ExportOptions, type ImportCtx, type KeyKind, KeyMaps, type Loaded, type WorkbookSection } from './workbook.types.ts';

/** Who runs the import, for the audit log: a signed-in administrator, or the CLI. */
export type WorkbookActor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  requestId?: string;
  ip?: string;
};

/** `renda import`: the operator at the server's console acts as a county administrator. */
export const CLI_ACTOR: WorkbookActor = { userId: 'cli', username: 'cli', displayName: 'cli', role: 'county_admin' };

export type RecordStatus = 'created' | 'updated' | 'unchanged';
export type SectionKey = (typeof SECTIONS)[number]['key'];

export type ImportResult = {
  county: { code: string; name: string; status: RecordStatus };
  town: { code: string; name: string; status: RecordStatus };
  /** Per section, in import order. */
  sections: Record<SectionKey, Counts>;
};

/** A workbook that cannot be imported; `details.issues` lists every problem with its JSON path. */
export class WorkbookError extends ValidationError {
  constructor(issues: FieldIssue[]) {
    super(`工作簿有 ${issues.length} 处问题，未导入任何数据`, issues);
  }

  get issues(): FieldIssue[] {
    return (this.details as { issues: FieldIssue[] }).issues;
  }
}

/** The document from JSON text; bad JSON is a workbook error like any other. */
export function readWorkbookText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new WorkbookError([{ field: '', message: `不是有效的 JSON：${(e as Error).message}` }]);
  }
}

type AnySection = WorkbookSection<string, any>;
const sectionData = (doc: WorkbookDocument, s: AnySection): any[] => (doc as Record<string, any>)[s.key] ?? [];

/**
 * Validate the document's shape (format, types, dates, enumerations) and that keys are unique
 * within it. References to other records are checked later, against the document and the database.
 */
export function parseWorkbook(input: unknown): WorkbookDocument {
  // A file that is not a workbook (or a newer version) gets one clear message, not hundreds.
  const head = Header.safeParse(input);
  if (!head.success) throw new WorkbookError(head.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message })));
  const parsed = WorkbookSchema.safeParse(input);
  if (!parsed.success) throw new WorkbookError(parsed.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message })));
  const doc = parsed.data as WorkbookDocument;
  const issues: FieldIssue[] = [];
  for (const s of SECTIONS as readonly AnySection[]) {
    for (const [i, j] of duplicateKeys(sectionData(doc, s), (r) => s.keyOf(r))) {
      issues.push({ field: `${s.key}[${i}].${s.keyField}`, message: `与 ${s.key}[${j}] 重复：同一个键只能出现一次` });
    }
  }
  if (issues.length) throw new WorkbookError(issues);
  return doc;
}

// Loads with this town id find nothing: a town that is not in the database yet has no records,
// though its county may already have administrators.
const NO_TOWN = '';

/**
 * Import one town's workbook: validate everything, then upsert by external key in ONE transaction.
 * New records are created, changed ones updated, unchanged ones left alone; nothing is deleted.
 * Any problem throws a WorkbookError before anything is written.
 */
export async function importWorkbook(db: Kysely<DB>, input: unknown, actor: WorkbookActor): Promise<ImportResult> {
  const doc = parseWorkbook(input);
  return db.transaction().execute(async (trx) => {
    const county = await trx.selectFrom('county').selectAll().where('code', '=', doc.county.code).executeTakeFirst();
    const town = await trx.selectFrom('town').selectAll().where('code', '=', doc.town.code).executeTakeFirst();
    if (town && town.countyId !== county?.id) {
      throw new WorkbookError([{ field: 'town.code', message: `乡镇编码 “${doc.town.code}” 已属于其他县，不能导入到 ${doc.county.code}` }]);
    }

    // What the database has: each section's records in workbook form, and key -> id for references.
    const sections = SECTIONS as readonly AnySection[];
    const loadOpts: ExportOptions = { countyId: county?.id ?? '', includePasswordHashes: true };
    const existing = new Map<string, Loaded<any>[]>();
    for (const s of sections) existing.set(s.key, county ? await s.load(trx, town?.id ?? NO_TOWN, loadOpts) : []);
    const keys = new KeyMaps();
    for (const s of sections) for (const e of existing.get(s.key) ?? []) keys.set(s.kind, s.keyOf(e.record), e.id);
    const inDoc = new Map<KeyKind, Set<string>>();
    for (const s of sections) inDoc.set(s.kind, new Set(sectionData(doc, s).map((r) => s.keyOf(r))));
    const known = (kind: KeyKind, key: string) => keys.has(kind, key) || (inDoc.get(kind)?.has(key) ?? false);

    const issues: FieldIssue[] = [];
    for (const s of sections) {
      if (!s.check) continue;
      issues.push(
        ...(await s.check(sectionData(doc, s), {
          db: trx,
          townId: town?.id ?? null,
          countyId: county?.id ?? null,
          existing: existing.get(s.key) ?? [],
          known,
          other: (key) => ({ inDoc: (doc as Record<string, any>)[key] ?? [], existing: existing.get(key) ?? [] }),
        })),
      );
    }
    if (issues.length) throw new WorkbookError(issues);

    // Writes start here; a failure from now on rolls the whole import back.
    const now = nowIso();
    const countyId = county?.id ?? newId();
    const townId = town?.id ?? newId();
    const ctx: Ctx = {
      db: trx,
      principal: {
        userId: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        countyId,
        townId,
        deputyId: null,
        unitId: null,
        stationId: null,
        sessionId: '',
        csrfToken: '',
        mustChangePassword: false,
      },
      // One request id for the whole import lets the audit log show its events together.
      requestId: actor.requestId ?? randomUUID(),
      ip: actor.ip ?? '',
    };
    const entries: AuditEntry[] = [];

    let countyStatus: RecordStatus = 'unchanged';
    if (!county) {
      await trx.insertInto('county').values({ id: countyId, code: doc.county.code, name: doc.county.name, createdAt: now }).execute();
      entries.push({ entity: 'county', entityId: countyId, action: 'create', summary: `工作簿导入：新增县 ${doc.county.name}`, after: doc.county });
      countyStatus = 'created';
    } else if (county.name !== doc.county.name) {
      await trx.updateTable('county').set({ name: doc.county.name }).where('id', '=', countyId).execute();
      entries.push({
        entity: 'county',
        entityId: countyId,
        action: 'update',
        summary: `工作簿导入：修改县 ${doc.county.name}`,
        before: { code: county.code, name: county.name },
        after: doc.county,
      });
      countyStatus = 'updated';
    }

    let townStatus: RecordStatus = 'unchanged';
    const t = doc.town;
    if (!town) {
      await trx
        .insertInto('town')
        .values({ id: townId, countyId, code: t.code, name: t.name, population: t.population, createdAt: now, updatedAt: now })
        .execute();
      entries.push({ entity: 'town', entityId: townId, action: 'create', summary: `工作簿导入：新增乡镇 ${t.name}`, after: t });
      townStatus = 'created';
    } else if (town.name !== t.name || town.population !== t.population) {
      await trx.updateTable('town').set({ name: t.name, population: t.population, updatedAt: now }).where('id', '=', townId).execute();
      const before = { code: town.code, name: town.name, population: town.population };
      entries.push({ entity: 'town', entityId: townId, action: 'update', summary: `工作簿导入：修改乡镇 ${t.name}`, before, after: t });
      townStatus = 'updated';
    }

    const ictxOf = (s: AnySection): ImportCtx<any> => ({ ctx, townId, countyId, now, existing: existing.get(s.key) ?? [], audit: (e) => entries.push(e) });
    // Compared in export form, so a document that lists the same things in another order is unchanged.
    const canonical = canonicalWorkbook(doc);
    const counts = {} as Record<SectionKey, Counts>;
    for (const s of sections) counts[s.key as SectionKey] = await s.import(trx, ictxOf(s), sectionData(canonical, s), keys);
    for (const s of sections) if (s.link) await s.link(trx, ictxOf(s), sectionData(canonical, s), keys);

    await recordAudits(trx, ctx, entries);
    const total = (k: keyof Counts) => Object.values(counts).reduce((n, c) => n + c[k], 0);
    await recordAudit(trx, ctx, {
      entity: 'town',
      entityId: townId,
      action: 'workbook_import',
      summary: `导入工作簿：${t.name}（新增 ${total('created')}，修改 ${total('updated')}，未变 ${total('unchanged')}）`,
      after: { formatVersion: WORKBOOK_FORMAT_VERSION, county: countyStatus, town: townStatus, ...counts },
    });

    return {
      county: { code: doc.county.code, name: doc.county.name, status: countyStatus },
      town: { code: t.code, name: t.name, status: townStatus },
      sections: counts,
    };
  });
}
