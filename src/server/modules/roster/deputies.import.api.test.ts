import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestCtx, setupApi } from '../../../../test/app.ts';
import { makeConstituency, multipartFile } from '../../../../test/factories.ts';
import { COLUMNS } from './deputies.excel.ts';
import { idCheckChar } from './deputy.rules.ts';

let t: TestCtx;
let admin: Client;
beforeAll(async () => {
  t = await setupApi();
  admin = await t.as('town_admin');
  await makeConstituency(t.db, t.world.townA.id, t.world.termA.id, 'C01', '红星村选区');
});
afterAll(async () => t.close());

function idNo(birth: string, seq: string): string {
  const first = `430102${birth}${seq}`;
  return first + idCheckChar(first);
}

type Header = (typeof COLUMNS)[number]['header'];
const HEADERS: string[] = COLUMNS.map((c) => c.header);

/** A row in template order; unspecified cells get valid values. */
function row(over: Partial<Record<Header, string | number | Date | null>>): unknown[] {
  const base: Record<Header, string | number | Date | null> = {
    编码: null,
    姓名: '赵强',
    性别: '男',
    出生日期: '1985-07-20',
    民族: '汉族',
    政治面貌: '中共党员',
    代表层级: '镇级',
    届次: 18,
    选区: '红星村选区',
    联络站: '甲镇代表联络站',
    职业类别: '农民',
    工作单位: '红星村',
    职务: '',
    联系电话: '13700001111',
    身份证号: null,
    状态: '在任',
    困难代表: '否',
    备注: '',
  };
  const r = { ...base, ...over };
  return COLUMNS.map((c) => r[c.header]);
}

async function xlsx(rows: unknown[][], headers: unknown[] = HEADERS, opts: { sheet?: string; before?: unknown[][] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '代表名册');
  for (const r of opts.before ?? []) ws.addRow(r);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, bytes: Buffer, name = '代表名册.xlsx') {
  return c.request({ method: 'POST', url: '/api/v1/deputies/import', ...multipartFile(bytes, name) });
}

type Job = {
  id: string;
  status: string;
  fileName: string;
  totalRows: number;
  processedRows: number;
  result: { created: number; updated: number; unchanged: number; errors: { row: number | null; column: string | null; field: string; message: string }[] } | null;
};

async function waitJob(c: Client, jobId: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const res = await c.get(`/api/v1/imports/${jobId}`);
    expect(res.statusCode).toBe(200);
    const j = res.json() as Job;
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function importFile(bytes: Buffer, name?: string): Promise<Job> {
  const res = await upload(admin, bytes, name);
  expect(res.statusCode, res.body).toBe(202);
  return waitJob(admin, res.json().jobId);
}

/** The whole deputy table, to prove a failed import changed nothing. */
function snapshot() {
  return t.db.selectFrom('deputy').selectAll().orderBy('id').execute();
}

async function expectFailedAndUnchanged(bytes: Buffer): Promise<Job['result'] & object> {
  const before = await snapshot();
  const auditBefore = await t.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const job = await importFile(bytes);
  expect(job.status).toBe('failed');
  expect(job.result?.created).toBe(0);
  expect(job.result?.updated).toBe(0);
  expect(await snapshot()).toEqual(before);
  const auditAfter = await t.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  return job.result as NonNullable<Job['result']>;
}

const GOOD_ROWS = () => [
  row({ 编码: 'D100', 姓名: '赵强', 身份证号: idNo('19850720', '015') }),
  row({ 姓名: '钱丽', 性别: '', 出生日期: '', 身份证号: idNo('19900102', '026').toLowerCase(), 代表层级: '县镇两级', 政治面貌: '群众', 联络站: 'S01' }),
  row({ 编码: 'D001', 姓名: '李明华', 出生日期: new Date(Date.UTC(1975, 2, 2)), 工作单位: '甲镇红星村', 联系电话: '0731-12345678', 选区: 'C01', 困难代表: '是' }),
];

describe('deputy import: a good file', () => {
  it('creates and updates every row in one go, audits each, and a second import changes nothing', async () => {
    const bytes = await xlsx(GOOD_ROWS());
    const job = await importFile(bytes);
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(job).toMatchObject({ fileName: '代表名册.xlsx', totalRows: 3, processedRows: 3 });
    expect(job.result).toEqual({ created: 2, updated: 1, unchanged: 0, errors: [] });

    const list = (await admin.get('/api/v1/deputies?pageSize=50')).json().items;
    const byName = Object.fromEntries(list.map((d: { name: string }) => [d.name, d]));
    expect(byName.赵强).toMatchObject({ code: 'D100', gender: 'male', birthDate: '1985-07-20', constituencyName: '红星村选区', stationName: '甲镇代表联络站', phone: '13700001111' });
    // No code: the next automatic one; gender and birth date from the ID number.
    expect(byName.钱丽).toMatchObject({ code: 'D101', gender: 'female', birthDate: '1990-01-02', isTownLevel: true, isCountyLevel: true, party: '群众' });
    expect(byName.李明华).toMatchObject({ code: 'D001', workplace: '甲镇红星村', phone: '0731-12345678', hardship: true, version: 2 });
    const stored = await t.db.selectFrom('deputy').select('idNumber').where('code', '=', 'D101').where('townId', '=', t.world.townA.id).executeTakeFirstOrThrow();
    expect(stored.idNumber).toBe(idNo('19900102', '026'));

    const audit = (await admin.get('/api/v1/audit-events?pageSize=50')).json().items as { action: string; entity: string; entityId: string }[];
    expect(audit.filter((e) => e.entity === 'deputy' && e.action === 'create')).toHaveLength(2);
    expect(audit.filter((e) => e.entity === 'deputy' && e.action === 'update')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'import' && e.entityId === job.id)).toHaveLength(1);

    const before = await snapshot();
    const again = await importFile(bytes);
    expect(again.status).toBe('succeeded');
    expect(again.result).toEqual({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('an exported roster imports back unchanged (masked numbers keep the stored ones)', async () => {
    const exp = await admin.get('/api/v1/deputies/export.xlsx');
    expect(exp.statusCode).toBe(200);
    const before = await snapshot();
    const job = await importFile(exp.rawPayload, 'export.xlsx');
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(job.result?.unchanged).toBe(before.filter((d) => d.townId === t.world.townA.id).length);
    expect(await snapshot()).toEqual(before);
  });

  it('a file exported under the older ID mask (last two characters kept) still imports unchanged', async () => {
    const id = idNo('19850720', '015'); // 赵强 D100, imported above
    const before = await snapshot();
    const old = await importFile(await xlsx([row({ 编码: 'D100', 姓名: '赵强', 身份证号: `${id.slice(0, 4)}************${id.slice(-2)}` })]));
    expect(old.result).toEqual({ created: 0, updated: 0, unchanged: 1, errors: [] });
    const current = await importFile(await xlsx([row({ 编码: 'D100', 姓名: '赵强', 身份证号: `${id.slice(0, 4)}**************` })]));
    expect(current.result).toEqual({ created: 0, updated: 0, unchanged: 1, errors: [] });
    expect(await snapshot()).toEqual(before);
    const wrongTail = `${id.slice(0, 4)}************${id.slice(-2) === '00' ? '11' : '00'}`;
    const r = await expectFailedAndUnchanged(await xlsx([row({ 编码: 'D100', 姓名: '赵强', 身份证号: wrongTail })]));
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, column: '身份证号', field: 'idNumber' })]);
  });

  it('a filled-in template imports, skipping its example row; a title row and a 序号 column are fine', async () => {
    const tpl = await admin.get('/api/v1/deputies/import-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as never);
    const ws = wb.getWorksheet('代表名册')!;
    ws.addRow(row({ 编码: 'D200', 姓名: '孙梅', 性别: '女', 出生日期: '1979-09-09', 身份证号: null }));
    const fromTemplate = await importFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(fromTemplate.result).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await admin.get('/api/v1/deputies?q=%E7%A4%BA%E4%BE%8B')).json().total).toBe(0); // 示例

    const titled = await xlsx([[1, ...row({ 编码: 'D201', 姓名: '周涛' })]], ['序号', ...HEADERS], { before: [['甲镇人大代表名册']] });
    const job = await importFile(titled);
    expect(job.result).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
  });

  it('updates processed_rows as it goes and takes a few hundred rows at once', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => row({ 编码: `B${String(i).padStart(4, '0')}`, 姓名: `批量${i}`, 出生日期: '', 身份证号: idNo('19800101', String(100 + i * 2 + 1).slice(-3)) }));
    const started = Date.now();
    const job = await importFile(await xlsx(rows));
    expect(job.status, JSON.stringify(job.result?.errors.slice(0, 3))).toBe('succeeded');
    expect(job).toMatchObject({ totalRows: 450, processedRows: 450 });
    expect(job.result?.created).toBe(450);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('deputy import: every error is reported and nothing is written', () => {
  it('wrong or missing columns: one error naming them', async () => {
    const headers = HEADERS.filter((h) => h !== '出生日期' && h !== '民族').concat(['生日']);
    const r = await expectFailedAndUnchanged(await xlsx([['X1', '某某']], headers));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 1, field: 'header' });
    expect(r.errors[0].message).toContain('缺少列：出生日期、民族');
    expect(r.errors[0].message).toContain('生日');
  });

  it('bad dates, each with its row and column', async () => {
    const r = await expectFailedAndUnchanged(
      await xlsx([
        row({ 编码: 'E1', 出生日期: '1980-13-01' }),
        row({ 编码: 'E2', 出生日期: '19800230' }),
        row({ 编码: 'E3', 出生日期: '去年' }),
        row({ 编码: 'E4', 出生日期: '2030-01-01' }),
        row({ 编码: 'E5', 出生日期: '1980/5/6' }),
      ]),
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '出生日期'],
      [3, '出生日期'],
      [4, '出生日期'],
      [5, '出生日期'],
    ]);
    expect(r.errors[0].message).toContain('YYYY-MM-DD');
    expect(r.errors[0].field).toBe('birthDate');
  });

  it('duplicate ID numbers and codes, in the file and against the town', async () => {
    const taken = idNo('19850720', '015'); // 赵强 D100, imported above
    const same = idNo('19700101', '031');
    const r = await expectFailedAndUnchanged(
      await xlsx([
        row({ 编码: 'F1', 身份证号: same, 出生日期: '1970-01-01' }),
        row({ 编码: 'F2', 身份证号: same, 出生日期: '1970-01-01' }),
        row({ 编码: 'F3', 身份证号: taken }),
        row({ 编码: 'F1' }),
      ]),
    );
    expect(r.errors).toEqual([
      { row: 3, column: '身份证号', field: 'idNumber', message: '与第 2 行的身份证号重复' },
      { row: 4, column: '身份证号', field: 'idNumber', message: '已被本镇代表 赵强（D100）使用' },
      { row: 5, column: '编码', field: 'code', message: '编码“F1”与第 2 行重复' },
    ]);
  });

  it('unknown values, a bad ID number, unknown term, constituency and station, a leaving status', async () => {
    const bad = idNo('19800512', '124');
    const r = await expectFailedAndUnchanged(
      await xlsx([
        row({ 编码: 'G1', 性别: '未知', 政治面貌: '党员', 职业类别: '学生', 代表层级: '市级', 民族: '火星', 困难代表: '也许' }),
        row({ 编码: 'G2', 身份证号: `${bad.slice(0, 17)}${bad[17] === '1' ? '2' : '1'}` }),
        row({ 编码: 'G3', 届次: 12, 选区: '' }),
        row({ 编码: 'G4', 选区: '不存在的选区', 联络站: '不存在的站' }),
        row({ 编码: 'G5', 状态: '辞职' }),
        row({ 编码: 'G6', 身份证号: idNo('19850720', '017'), 出生日期: '1985-07-21' }),
        row({ 编码: 'G7', 姓名: '', 届次: '第十八届' }),
        row({ 编码: 'G8', 身份证号: 430102198507200000 }),
      ]),
    );
    const at = (n: number) => r.errors.filter((e) => e.row === n).map((e) => e.column);
    expect(at(2)).toEqual(['性别', '民族', '政治面貌', '职业类别', '代表层级', '困难代表']);
    expect(at(3)).toEqual(['身份证号']);
    expect(r.errors.find((e) => e.row === 3)?.message).toContain('校验位');
    expect(at(4)).toEqual(['届次']);
    expect(at(5)).toEqual(['选区', '联络站']);
    expect(at(6)).toEqual(['状态']);
    expect(at(7)).toEqual(['出生日期']);
    expect(r.errors.find((e) => e.row === 7)?.message).toContain('与身份证号不一致');
    expect(at(8)).toEqual(['姓名']);
    expect(at(9)).toEqual(['身份证号']);
    expect(r.errors.find((e) => e.row === 9)?.message).toContain('文本格式');
  });

  it('an empty sheet, or a header with no rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const empty = await expectFailedAndUnchanged(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(empty.errors).toHaveLength(1);
    expect(empty.errors[0].message).toContain('空');
    const headerOnly = await expectFailedAndUnchanged(await xlsx([]));
    expect(headerOnly.errors[0].message).toContain('没有代表数据');
  });
});

describe('deputy import: the upload itself', () => {
  async function jobCount() {
    return Number((await t.db.selectFrom('importJob').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  it('refuses a file that is not .xlsx: a PNG renamed .xlsx, a CSV, a zip-looking fake', async () => {
    const before = await snapshot();
    const jobs = await jobCount();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]);
    const csv = Buffer.from(`${HEADERS.join(',')}\nD300,吴刚,男,1980-01-01\n`);
    const fakeZip = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(200)]);
    for (const [bytes, name] of [
      [png, 'roster.xlsx'],
      [csv, 'roster.csv'],
      [fakeZip, 'roster.xlsx'],
    ] as const) {
      const res = await upload(admin, bytes, name);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().message).toBe('文件：文件不是有效的 Excel (.xlsx) 文件');
      expect(res.json().details.issues[0].field).toBe('file');
    }
    const notMultipart = await admin.post('/api/v1/deputies/import', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(await jobCount()).toBe(jobs);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses more than 10 MB with a clear message', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代表名册');
    ws.addRow(HEADERS);
    ws.addRow(row({ 编码: 'H1' }));
    // Random bytes do not compress: an embedded "image" makes a genuine .xlsx of over 10 MB.
    const img = wb.addImage({ buffer: randomBytes(10 * 1024 * 1024 + 1000) as never, extension: 'png' });
    ws.addImage(img, 'A5:B6');
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const before = await snapshot();
    const jobs = await jobCount();
    const res = await upload(admin, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('文件不能超过 10 MB');
    expect(await jobCount()).toBe(jobs);
    expect(await snapshot()).toEqual(before);
  });

  it('a job is seen only by its own town', async () => {
    const b = await t.as('admin_b');
    const res = await upload(b, await xlsx([row({ 编码: 'D500', 选区: '', 联络站: '' })]));
    expect(res.statusCode).toBe(202);
    const job = await waitJob(b, res.json().jobId);
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect((await admin.get(`/api/v1/imports/${job.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/deputies?q=D500')).json().total).toBe(0);
  });
});

// Last in the file: its 3,000 automatic codes would otherwise match the code searches of the tests above.
describe('deputy import: a large file', () => {
  it('3,000 rows without codes get unique sequential codes, one audit event each', async () => {
    const n = 3000;
    const codes = async () =>
      (await t.db.selectFrom('deputy').select('code').where('townId', '=', t.world.townA.id).execute()).map((r) => r.code);
    const highest = Math.max(...(await codes()).map((c) => /^D(\d+)$/.exec(c)).filter((m) => m !== null).map((m) => Number(m[1])));
    const rows = Array.from({ length: n }, (_, i) => row({ 姓名: `新代表${i}`, 选区: '', 联络站: '', 联系电话: '', 身份证号: null }));
    const started = Date.now();
    const job = await importFile(await xlsx(rows), '大名册.xlsx');
    const took = Date.now() - started;
    expect(job.status, JSON.stringify(job.result?.errors.slice(0, 3))).toBe('succeeded');
    expect(job.result).toEqual({ created: n, updated: 0, unchanged: 0, errors: [] });

    const created = await t.db.selectFrom('deputy').select(['id', 'code', 'name']).where('townId', '=', t.world.townA.id).where('name', 'like', '新代表%').execute();
    expect(created).toHaveLength(n);
    const byName = new Map(created.map((d) => [d.name, d.code]));
    const expected = Array.from({ length: n }, (_, i) => `D${String(highest + 1 + i).padStart(3, '0')}`);
    expect(Array.from({ length: n }, (_, i) => byName.get(`新代表${i}`))).toEqual(expected);
    expect(new Set(await codes()).size).toBe((await codes()).length);

    const audited = await t.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', 'deputy')
      .where('action', '=', 'create')
      .where('entityId', 'in', created.map((d) => d.id).slice(0, 500))
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(500);
    const allCreates = await t.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity', '=', 'deputy')
      .where('action', '=', 'create')
      .where('summary', 'like', '导入新增代表 新代表%')
      .executeTakeFirstOrThrow();
    expect(Number(allCreates.n)).toBe(n);
    expect(took).toBeLessThan(30_000);
  }, 60_000);
});
