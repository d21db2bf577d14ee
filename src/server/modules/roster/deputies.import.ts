/**
 * The Excel import of the roster, as a background job: the upload is checked and answered with 202
 * and a job id; the job reads every row, validates all of them against the town (loaded once), and
 * either writes everything in one transaction or nothing at all, with every error listed.
 */
import type ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, DeputyTable } from '../../db/schema.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { type Ctx, townOf } from '../../http/principal.ts';
import { newId } from '../../lib/ids.ts';
import { maskMatches } from '../../lib/mask.ts';
import { addMinutes, nowIso, todayInChina } from '../../lib/time.ts';
import { type AuditInput, recordAudits } from '../audit/audit.repo.ts';
import { HEADER_OF, type ImportIssue, type ParsedRow, loadWorkbook, parseRow, readRosterSheet } from './deputies.excel.ts';
import { type DeputyRow, type ImportJobRow, type ImportRefs, findImportJob, findRunningJob, insertDeputies, loadImportRefs } from './deputies.repo.ts';
import { type DeputyProblem, STATUS_LABELS, autoCodeCounter, deputyProblems, idNumberInfo, termName } from './deputy.rules.ts';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** processed_rows is written this often, so the page can show progress without a write per row. */
const PROGRESS_EVERY = 200;
/** A job stuck in "running" (the server stopped mid-way) stops blocking new imports after this. */
const STALE_AFTER_MINUTES = 10;
/** More errors than this are summarised: nobody reads ten thousand lines, and the job row stays small. */
const MAX_ERRORS = 1000;

export type ImportResult = { created: number; updated: number; unchanged: number; errors: ImportIssue[] };

// ---------------------------------------------------------------------------------------------
// The upload

/** Check the upload is a real .xlsx within the size limit, record the job, and start it. */
export async function startDeputyImport(ctx: Ctx, file: { fileName: string; bytes: Buffer }, log: FastifyBaseLogger): Promise<{ jobId: string }> {
  const townId = townOf(ctx);
  if (file.bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 413, '文件不能超过 10 MB', { issues: [{ field: 'file', message: '不能超过 10 MB' }] });
  }
  const wb = await loadWorkbook(file.bytes);
  if (!wb) throw ValidationError.field('file', '文件不是有效的 Excel (.xlsx) 文件');
  const running = await findRunningJob(ctx.db, townId, 'deputies', addMinutes(nowIso(), -STALE_AFTER_MINUTES));
  if (running) throw new ConflictError('本镇已有代表名册导入正在进行，请等它完成后再导入', { jobId: running.id });
  const job = {
    id: newId(),
    townId,
    kind: 'deputies' as const,
    fileName: file.fileName.slice(0, 200) || '代表名册.xlsx',
    status: 'running' as const,
    totalRows: 0,
    processedRows: 0,
    result: null,
    createdBy: ctx.principal.userId,
    createdAt: nowIso(),
    finishedAt: null,
  };
  await ctx.db.insertInto('importJob').values(job).execute();
  // After the response: the job reports through its row, which GET /imports/:jobId reads.
  setImmediate(() => {
    runDeputyImport(ctx, job.id, wb).catch((err) => log.error({ err, jobId: job.id }, 'deputy import crashed'));
  });
  return { jobId: job.id };
}

// ---------------------------------------------------------------------------------------------
// The job

async function finishFailed(db: Kysely<DB>, townId: string, jobId: string, errors: ImportIssue[], processedRows?: number) {
  const shown = errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), { row: null, column: null, field: 'file', message: `另有 ${errors.length - MAX_ERRORS} 处错误未列出` }] : errors;
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, errors: shown };
  await db
    .updateTable('importJob')
    .set({ status: 'failed', result: JSON.stringify(result), finishedAt: nowIso(), ...(processedRows === undefined ? {} : { processedRows }) })
    .where('townId', '=', townId)
    .where('id', '=', jobId)
    .execute();
}

export async function runDeputyImport(ctx: Ctx, jobId: string, wb: ExcelJS.Workbook): Promise<void> {
  const townId = townOf(ctx);
  const db = ctx.db;
  try {
    const sheet = readRosterSheet(wb);
    if (!sheet.ok) return await finishFailed(db, townId, jobId, [sheet.issue]);
    const total = sheet.rows.length;
    await db.updateTable('importJob').set({ totalRows: total }).where('townId', '=', townId).where('id', '=', jobId).execute();

    const today = todayInChina();
    const parsed: ParsedRow[] = [];
    const errors: ImportIssue[] = [];
    for (let i = 0; i < total; i++) {
      const { value, issues } = parseRow(sheet.rows[i], today);
      if (value) parsed.push(value);
      errors.push(...issues);
      if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < total) {
        await db.updateTable('importJob').set({ processedRows: i + 1 }).where('townId', '=', townId).where('id', '=', jobId).execute();
      }
    }
    // Rows with unreadable cells are not matched against the town; the others are, so one run lists every error.
    const first = planImport(townId, parsed, await loadImportRefs(db, townId), today);
    errors.push(...first.errors);
    if (errors.length) {
      errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      return await finishFailed(db, townId, jobId, errors, total);
    }

    await db.transaction().execute(async (trx) => {
      // Planned again inside the transaction, against what is stored now: a deputy added meanwhile
      // (another admin, another import) is seen before anything is written.
      const plan = planImport(townId, parsed, await loadImportRefs(trx, townId), today);
      if (plan.errors.length) throw new ImportRejected(plan.errors);
      await insertDeputies(trx, plan.creates);
      // One UPDATE per changed deputy: each is guarded by that deputy's own version, which a multi-row
      // statement could not report per row. Unchanged rows cost nothing.
      for (const u of plan.updates) {
        const res = await trx
          .updateTable('deputy')
          .set(u.patch)
          .where('townId', '=', townId)
          .where('id', '=', u.before.id)
          .where('version', '=', u.before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) {
          throw new ImportRejected([{ row: u.row, column: null, field: 'code', message: `代表 ${u.before.name}（${u.before.code}）正被他人修改，请稍后重新导入` }]);
        }
      }
      const result: ImportResult = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, errors: [] };
      const job = await trx.selectFrom('importJob').select('fileName').where('townId', '=', townId).where('id', '=', jobId).executeTakeFirstOrThrow();
      const events: AuditInput[] = [
        ...plan.creates.map((c) => ({ entity: 'deputy', entityId: c.id, action: 'create', summary: `导入新增代表 ${c.name}`, after: auditFields(c) })),
        ...plan.updates.map((u) => ({
          entity: 'deputy',
          entityId: u.before.id,
          action: 'update',
          summary: `导入修改代表 ${u.after.name}`,
          before: auditFields(u.before),
          after: auditFields(u.after),
        })),
        {
          entity: 'import_job',
          entityId: jobId,
          action: 'import',
          summary: `导入代表名册 ${job.fileName}：新增 ${result.created} 人，修改 ${result.updated} 人，未变 ${result.unchanged} 人`,
        },
      ];
      await recordAudits(trx, ctx, events);
      await trx
        .updateTable('importJob')
        .set({ status: 'succeeded', processedRows: total, result: JSON.stringify(result), finishedAt: nowIso() })
        .where('townId', '=', townId)
        .where('id', '=', jobId)
        .execute();
    });
  } catch (err) {
    if (err instanceof ImportRejected) return await finishFailed(db, townId, jobId, err.errors);
    await finishFailed(db, townId, jobId, [{ row: null, column: null, field: 'file', message: '导入时发生内部错误，未写入任何数据，请稍后重试' }]).catch(() => {});
    throw err;
  }
}

class ImportRejected extends Error {
  constructor(readonly errors: ImportIssue[]) {
    super('import rejected');
  }
}

// ---------------------------------------------------------------------------------------------
// The plan: pure, given the rows and the town.

/** The stored fields an import sets; comparing them decides "updated" or "unchanged". */
const IMPORTED_FIELDS = [
  'termId',
  'name',
  'gender',
  'birthDate',
  'ethnicity',
  'party',
  'isTownLevel',
  'isCountyLevel',
  'constituencyId',
  'stationId',
  'occupation',
  'workplace',
  'title',
  'phone',
  'idNumber',
  'status',
  'statusDate',
  'statusReason',
  'hardship',
  'notes',
] as const;
type ImportedFields = Pick<DeputyRow, (typeof IMPORTED_FIELDS)[number]>;

function auditFields(r: ImportedFields & { code: string }) {
  const out: Record<string, unknown> = { code: r.code };
  for (const f of IMPORTED_FIELDS) out[f] = r[f];
  return out;
}

export type ImportPlan = {
  creates: (Insertable<DeputyTable> & ImportedFields & { id: string; code: string; name: string })[];
  updates: { row: number; before: DeputyRow; after: ImportedFields & { code: string }; patch: Updateable<DeputyTable> }[];
  unchanged: number;
  errors: ImportIssue[];
};

const PROBLEM_COLUMN: Record<string, keyof typeof HEADER_OF> = { isTownLevel: 'level', isCountyLevel: 'level', birthDate: 'birthDate', gender: 'gender' };

export function planImport(townId: string, rows: ParsedRow[], refs: ImportRefs, today: string): ImportPlan {
  const errors: ImportIssue[] = [];
  const bad = (row: number, key: keyof typeof HEADER_OF, message: string) => errors.push({ row, column: HEADER_OF[key], field: key, message });

  const termByNumber = new Map(refs.terms.map((t) => [t.number, t]));
  const stationByKey = new Map<string, string>();
  // Codes first, then names: a station named like another's code is still found by its code.
  for (const s of refs.stations) if (!stationByKey.has(s.name)) stationByKey.set(s.name, s.id);
  for (const s of refs.stations) stationByKey.set(s.code, s.id);
  const byCode = new Map(refs.deputies.map((d) => [d.code, d]));
  const byIdNumber = new Map(refs.deputies.filter((d) => d.idNumber).map((d) => [d.idNumber as string, d]));

  const seenCode = new Map<string, number>();
  const seenId = new Map<string, number>();
  const matchedDeputy = new Map<string, number>();
  type Target = { row: ParsedRow; existing: DeputyRow | undefined; fields: ImportedFields };
  const targets: Target[] = [];

  for (const r of rows) {
    const before = errors.length;
    const term = termByNumber.get(r.termNumber);
    if (!term) bad(r.row, 'termId', `本镇没有${termName(r.termNumber)}（届次 ${r.termNumber}），请先建立届次`);

    let constituencyId: string | null = null;
    if (r.constituency && term) {
      const inTerm = refs.constituencies.filter((c) => c.termId === term.id);
      const c = inTerm.find((x) => x.code === r.constituency) ?? inTerm.find((x) => x.name === r.constituency);
      if (c) constituencyId = c.id;
      else bad(r.row, 'constituencyId', `${termName(r.termNumber)}没有名称或编码为“${r.constituency}”的选区`);
    }
    let stationId: string | null = null;
    if (r.station) {
      stationId = stationByKey.get(r.station) ?? null;
      if (!stationId) bad(r.row, 'stationId', `本镇没有名称或编码为“${r.station}”的联络站`);
    }

    // Which stored deputy this row is: by code; a row without a code, by its ID number.
    const existing = r.code ? byCode.get(r.code) : r.idNumber ? byIdNumber.get(r.idNumber) : undefined;
    if (existing) {
      const prev = matchedDeputy.get(existing.id);
      if (prev !== undefined) bad(r.row, r.code ? 'code' : 'idNumber', `与第 ${prev} 行是同一位代表（${existing.code} ${existing.name}）`);
      else matchedDeputy.set(existing.id, r.row);
    }

    if (r.code) {
      const prev = seenCode.get(r.code);
      if (prev !== undefined) bad(r.row, 'code', `编码“${r.code}”与第 ${prev} 行重复`);
      else seenCode.set(r.code, r.row);
    }

    let idNumber = r.idNumber;
    if (r.idNumberMasked) {
      // A masked number (from an export) keeps the stored one, if it is the same person's.
      if (existing?.idNumber && maskMatches(r.idNumberMasked, existing.idNumber)) idNumber = existing.idNumber;
      else bad(r.row, 'idNumber', '身份证号已脱敏（含 *），无法识别，请填写完整的 18 位号码');
    }
    if (idNumber) {
      const prev = seenId.get(idNumber);
      const holder = byIdNumber.get(idNumber);
      if (prev !== undefined) bad(r.row, 'idNumber', `与第 ${prev} 行的身份证号重复`);
      else seenId.set(idNumber, r.row);
      if (holder && holder.id !== existing?.id) bad(r.row, 'idNumber', `已被本镇代表 ${holder.name}（${holder.code}）使用`);
    }

    let phone = r.phone;
    if (r.phoneMasked) {
      if (existing?.phone && maskMatches(r.phoneMasked, existing.phone)) phone = existing.phone;
      else bad(r.row, 'phone', '联系电话已脱敏（含 *），无法识别，请填写完整号码');
    }

    // Birth date and gender may be left to the ID number; when both are given they must agree.
    const info = idNumber ? idNumberInfo(idNumber) : null;
    const gender = r.gender ?? info?.gender ?? null;
    const birthDate = r.birthDate ?? info?.birthDate ?? null;
    if (!gender) bad(r.row, 'gender', '必填（或填写身份证号，由身份证号确定）');
    const problems: DeputyProblem[] = deputyProblems(
      { gender: r.gender, birthDate, idNumber, isTownLevel: r.isTownLevel, isCountyLevel: r.isCountyLevel },
      today,
    );
    for (const p of problems) bad(r.row, PROBLEM_COLUMN[p.field] ?? 'name', p.message);

    // Leaving office is recorded with a date and a reason, which a roster row does not carry.
    let status = r.status ?? existing?.status ?? 'serving';
    let statusDate: string | null = null;
    let statusReason: string | null = null;
    if (status !== 'serving') {
      if (existing && existing.status === status) {
        statusDate = existing.statusDate;
        statusReason = existing.statusReason;
      } else {
        bad(r.row, 'status', `导入不能把代表设为“${STATUS_LABELS[status]}”：离任须在系统中办理状态变更并填写日期和原因`);
        status = 'serving';
      }
    }

    if (errors.length > before || !term || !gender) continue;
    targets.push({
      row: r,
      existing,
      fields: {
        termId: term.id,
        name: r.name,
        gender,
        birthDate,
        ethnicity: r.ethnicity,
        party: r.party,
        isTownLevel: r.isTownLevel ? 1 : 0,
        isCountyLevel: r.isCountyLevel ? 1 : 0,
        constituencyId,
        stationId,
        occupation: r.occupation,
        workplace: r.workplace,
        title: r.title,
        phone,
        idNumber,
        status,
        statusDate,
        statusReason,
        hardship: r.hardship ? 1 : 0,
        notes: r.notes,
      },
    });
  }

  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, errors };
  if (errors.length) return plan;

  // Automatic codes step past every code in use, stored or in the file.
  const nextCode = autoCodeCounter([...refs.deputies.map((d) => d.code), ...seenCode.keys()]);
  const ts = nowIso();
  for (const t of targets) {
    if (!t.existing) {
      const code = t.row.code ?? nextCode();
      plan.creates.push({ id: newId(), townId, code, ...t.fields, photo: null, version: 1, createdAt: ts, updatedAt: ts });
      continue;
    }
    const e = t.existing;
    const patch: Updateable<DeputyTable> = {};
    for (const f of IMPORTED_FIELDS) if (e[f] !== t.fields[f]) (patch as Record<string, unknown>)[f] = t.fields[f];
    if (Object.keys(patch).length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({ row: t.row.row, before: e, after: { code: e.code, ...t.fields }, patch: { ...patch, version: e.version + 1, updatedAt: ts } });
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Reading a job

export function presentJob(j: ImportJobRow) {
  const r = j.result ? (JSON.parse(j.result) as Partial<ImportResult>) : null;
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    fileName: j.fileName,
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    result: r ? { created: r.created ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0, errors: r.errors ?? [] } : null,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  };
}

export async function getImportJob(ctx: Ctx, jobId: string) {
  const j = await findImportJob(ctx.db, townOf(ctx), jobId);
  if (!j) throw new NotFoundError('导入任务');
  return presentJob(j);
}
