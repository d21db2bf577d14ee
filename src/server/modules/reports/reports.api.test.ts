import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCtx, anon, setupApi } from '../../../../test/app.ts';
import { makeActivity, makeActivityKind } from '../../../../test/factories.ts';

/*
 * Work reports over HTTP on both engines: drafting from the records, editing with live figures, freezing
 * versions that do not move, comparing, exporting, and templates; the access rules of every route.
 */

let t: TestCtx;
let trainingKind: { id: string };
beforeAll(async () => {
  t = await setupApi();
  trainingKind = await makeActivityKind(t.db, t.world.townA.id, 'K-TR', '代表培训', 'training');
  await makeActivity(t.db, t.world.townA.id, trainingKind.id, {
    title: '代表法专题培训',
    status: 'held',
    startAt: '2026-03-10T01:00:00.000Z',
    endAt: '2026-03-10T04:00:00.000Z',
  });
});
afterAll(async () => t.close());

async function createYear(year = 2026) {
  const admin = await t.as('town_admin');
  const res = await admin.post('/api/v1/reports', { kind: 'year', year });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const texts = (r: { rendered: { heading?: string; segments: { text: string }[] }[] }) =>
  r.rendered.map((p) => `${p.heading ?? ''}${p.segments.map((s) => s.text).join('')}`);

describe('work reports API', () => {
  it('401 without a session, 403 for roles that may not, CSRF on writes', async () => {
    expect((await anon(t.app).get('/api/v1/reports')).statusCode).toBe(401);
    expect((await anon(t.app).get('/api/v1/facts/report.md?from=2026-01-01&to=2026-12-31')).statusCode).toBe(401);
    for (const role of ['deputy', 'handler'] as const) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/reports')).statusCode, role).toBe(403);
      expect((await c.get('/api/v1/report-templates')).statusCode, role).toBe(403);
    }
    const liaison = await t.as('liaison');
    expect((await liaison.get('/api/v1/reports')).statusCode).toBe(200);
    expect((await liaison.post('/api/v1/reports', { kind: 'year', year: 2026 })).statusCode).toBe(403);
    expect((await liaison.post('/api/v1/report-templates', { name: 'x' })).statusCode).toBe(403);
    const admin = await t.as('town_admin');
    const res = await admin.request({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'year', year: 2026 }, headers: { 'x-csrf-token': 'wrong' } });
    expect(res.json().code).toBe('CSRF');
  });

  it('400 names the field', async () => {
    const admin = await t.as('town_admin');
    const noYear = await admin.post('/api/v1/reports', { kind: 'year' });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().details.issues[0].field).toBe('body.year');
    const backwards = await admin.post('/api/v1/reports', { kind: 'custom', from: '2026-06-01', to: '2026-01-01' });
    expect(backwards.json().details.issues[0].field).toBe('body.to');
    const noTemplate = await admin.post('/api/v1/reports', { kind: 'year', year: 2026, templateId: 'nope' });
    expect(noTemplate.json().details.issues[0].field).toBe('body.templateId');
    const r = await createYear();
    const unknown = await admin.patch(`/api/v1/reports/${r.id}`, {
      version: r.version,
      body: { title: 'T', paragraphs: [{ id: 'p', kind: 'body', text: '共{{no.such}}次' }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.issues[0]).toMatchObject({ field: 'body.body.paragraphs[0].text' });
    expect(unknown.json().details.issues[0].message).toContain('no.such');
    const bad = await admin.get('/api/v1/facts/report.md?from=2026-13-01&to=2026-12-31');
    expect(bad.statusCode).toBe(400);
  });

  it('drafts the year from the records: the structure, the town and the figures with their records', async () => {
    const r = await createYear();
    expect(r.code).toMatch(/^BG\d{4}$/);
    expect(r.title).toBe('甲镇人大主席团2026年工作总结');
    expect([r.periodFrom, r.periodTo]).toEqual(['2026-01-01', '2026-12-31']);
    const heads = r.body.paragraphs.filter((p: { kind: string }) => p.kind === 'h1').map((p: { text: string }) => p.text);
    expect(heads).toEqual(['一、2026年主要工作和成效', '二、存在的不足', '三、2027年工作打算']);
    // The training held in March is written with its figure, and the figure points at the activity.
    const body = texts(r).join('\n');
    expect(body).toContain('组织代表培训学习1次');
    expect(body).toContain('代表法专题培训');
    const seg = r.rendered
      .flatMap((p: { segments: { key?: string; ids?: string[] }[] }) => p.segments)
      .find((s: { key?: string }) => s.key === 'trainings.held');
    expect(seg.ids).toHaveLength(1);
    expect(seg.ids[0]).toMatch(/^activity:/);
    // An area with no records is left out, not written as zero.
    expect(body).not.toContain('民主评议');
  });

  it('keeps figures live while editing; a frozen version does not move; versions compare', async () => {
    const admin = await t.as('town_admin');
    const r = await createYear();
    const paras = r.body.paragraphs.map((p: { text: string; id: string }) => (p.text.startsWith('组织代表培训学习') ? { ...p, text: `今年，${p.text}` } : p));
    const edited = await admin.patch(`/api/v1/reports/${r.id}`, { version: r.version, body: { title: r.body.title, paragraphs: paras } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(texts(edited.json()).join('')).toContain('今年，组织代表培训学习1次');
    const frozen = await admin.post(`/api/v1/reports/${r.id}/freeze`, { version: edited.json().version, note: '提交主席团审议稿' });
    expect(frozen.statusCode, frozen.body).toBe(201);
    expect(frozen.json().number).toBe(1);
    // A new training after freezing: the live report counts it, version 1 does not.
    await makeActivity(t.db, t.world.townA.id, trainingKind.id, {
      title: '建议写作培训',
      status: 'held',
      startAt: '2026-05-10T01:00:00.000Z',
      endAt: '2026-05-10T04:00:00.000Z',
    });
    const live = (await admin.get(`/api/v1/reports/${r.id}`)).json();
    expect(texts(live).join('')).toContain('组织代表培训学习2次');
    expect(live.frozenNumber).toBe(1);
    const v1 = await admin.get(`/api/v1/reports/${r.id}/versions/1`);
    expect(v1.statusCode).toBe(200);
    expect(texts(v1.json()).join('')).toContain('组织代表培训学习1次');
    expect(v1.json().note).toBe('提交主席团审议稿');
    const cmp = await admin.get(`/api/v1/reports/${r.id}/compare?a=1&b=current`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    const changed = cmp.json().changes.filter((c: { op: string }) => c.op === 'changed');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed[0].chars.some((c: { op: string; text: string }) => c.op === 'added' && c.text.includes('2'))).toBe(true);
    // The docx of version 1 carries version 1's figure.
    const docx = await admin.request({ method: 'GET', url: `/api/v1/reports/${r.id}/export.docx?version=1` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(String(docx.headers['content-disposition'])).toContain(encodeURIComponent('甲镇人大主席团2026年工作总结.docx'));
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('组织代表培训学习1次');
    // Editing after freezing marks the report as changed since the version.
    const again = await admin.patch(`/api/v1/reports/${r.id}`, { version: live.version, title: '甲镇人大2026年工作总结（修改稿）' });
    expect(again.json().frozenNumber).toBeNull();
    expect((await admin.patch(`/api/v1/reports/${r.id}`, { version: live.version, title: 'x' })).statusCode).toBe(409);
  });

  it('exports Markdown and JSON, also in one step without storing a report', async () => {
    const liaison = await t.as('liaison');
    const md = await liaison.get('/api/v1/facts/report.md?from=2026-01-01&to=2026-06-30');
    expect(md.statusCode, md.body).toBe(200);
    expect(md.body.split('\n')[0]).toBe('# 甲镇人大主席团2026年上半年工作总结');
    expect(md.body).toContain('## 三、下半年工作打算');
    const json = await liaison.get('/api/v1/facts/report.json?from=2026-01-01&to=2026-12-31');
    const doc = JSON.parse(json.body);
    expect(doc.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(doc.facts['trainings.held'].value).toBeGreaterThan(0);
    expect(doc.paragraphs.every((p: { text: string }) => !p.text.includes('{{'))).toBe(true);
  });

  it('404 for another town’s report, version and template', async () => {
    const r = await createYear();
    const admin = await t.as('town_admin');
    const tpl = (await admin.post('/api/v1/report-templates', { name: `模板${Date.now()}` })).json();
    const b = await t.as('admin_b');
    expect((await b.get(`/api/v1/reports/${r.id}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/v1/reports/${r.id}`, { version: r.version, title: 'x' })).statusCode).toBe(404);
    expect((await b.post(`/api/v1/reports/${r.id}/freeze`, { version: r.version })).statusCode).toBe(404);
    expect((await b.get(`/api/v1/reports/${r.id}/export.docx`)).statusCode).toBe(404);
    expect((await b.get(`/api/v1/report-templates/${tpl.id}`)).statusCode).toBe(404);
    expect((await b.post('/api/v1/reports', { kind: 'year', year: 2026, templateId: tpl.id })).statusCode).toBe(400);
    expect((await admin.get(`/api/v1/reports/${r.id}/versions/99`)).statusCode).toBe(404);
  });

  it('a town template: checked against the facts, used by a draft, not deleted while in use', async () => {
    const admin = await t.as('town_admin');
    const list = (await admin.get('/api/v1/report-templates')).json();
    expect(list.builtIn.sections.length).toBeGreaterThan(5);
    expect(list.facts.some((f: { key: string }) => f.key === 'receptions.held')).toBe(true);
    const body = { ...list.builtIn, title: '{town}人大{period}工作情况' };
    const bad = await admin.post('/api/v1/report-templates', { name: '错模板', body: { ...body, lead: [{ text: '{{nope.key}}' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ field: 'body.body.lead[0].text', message: expect.stringContaining('nope.key') });
    const tpl = await admin.post('/api/v1/report-templates', { name: '简版', body });
    expect(tpl.statusCode, tpl.body).toBe(201);
    expect((await admin.post('/api/v1/report-templates', { name: '简版' })).json().details.issues[0].field).toBe('body.name');
    const r = await admin.post('/api/v1/reports', { kind: 'half', year: 2026, half: 1, templateId: tpl.json().id });
    expect(r.json().title).toBe('甲镇人大2026年上半年工作情况');
    expect(r.json().template.name).toBe('简版');
    const del = await admin.request({ method: 'DELETE', url: `/api/v1/report-templates/${tpl.json().id}`, payload: { version: 1 } });
    expect(del.statusCode).toBe(409);
    const audit = await t.db.selectFrom('auditEvent').select(['action']).where('entity', '=', 'work_report').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'freeze']));
  });
});
