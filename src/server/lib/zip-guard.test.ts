import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip, docxBomb, xlsxBomb } from '../../../test/zip-bomb.ts';
import { ValidationError } from '../http/errors.ts';
import { ZipRefused, assertZipWithinLimits, readCentralDirectory, refuseZipBomb } from './zip-guard.ts';

const MB = 1024 * 1024;

describe('zip guard', () => {
  it('passes a real .xlsx written by ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    for (let i = 0; i < 2000; i++) ws.addRow([`代表${i}`, '男', '1970-01-01', '13800001111']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(assertZipWithinLimits(buf)).resolves.toBeUndefined();
    expect(readCentralDirectory(buf, 100).some((e) => e.name === 'xl/workbook.xml')).toBe(true);
  });

  it('refuses on the declared sizes alone, before inflating anything', async () => {
    // The entry really holds one byte: only the declared 200 MB can refuse it.
    const declared = buildZip([{ name: 'xl/sheet.xml', data: Buffer.from('x'), declaredSize: 200 * MB }]);
    await expect(assertZipWithinLimits(declared)).rejects.toThrow(/超过 100 MB/);
    const bomb = xlsxBomb(150 * MB);
    const t0 = Date.now();
    await expect(assertZipWithinLimits(bomb)).rejects.toThrow(/超过 100 MB/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('refuses a bomb that lies about its size, by what really inflates, with bounded memory', async () => {
    const bomb = docxBomb(150 * MB, 1000);
    const rss0 = process.memoryUsage().rss;
    await expect(assertZipWithinLimits(bomb)).rejects.toThrow(ZipRefused);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(50 * MB);
  });

  it('refuses past the total budget even when each entry has a modest ratio', async () => {
    // Ten entries of 2 MB zeros, declared tiny; budget 10 MB, ratio cap high: the total decides.
    const zip = buildZip(Array.from({ length: 10 }, (_, i) => ({ name: `xl/p${i}.xml`, bombBytes: 2 * MB, declaredSize: 10 })));
    await expect(assertZipWithinLimits(zip, { maxTotalBytes: 10 * MB, maxRatio: 100000, ratioFloorBytes: MB, maxEntries: 100 })).rejects.toThrow(/超过 10 MB/);
    await expect(assertZipWithinLimits(zip, { maxTotalBytes: 30 * MB, maxRatio: 100000, ratioFloorBytes: MB, maxEntries: 100 })).resolves.toBeUndefined();
  });

  it('refuses too many entries, truncated archives, and non-zips', async () => {
    const zip = buildZip(Array.from({ length: 20 }, (_, i) => ({ name: `a${i}`, data: Buffer.from('x') })));
    await expect(assertZipWithinLimits(zip, { maxTotalBytes: MB, maxRatio: 300, ratioFloorBytes: MB, maxEntries: 10 })).rejects.toThrow(/文件过多/);
    await expect(assertZipWithinLimits(zip.subarray(0, zip.length - 30))).rejects.toThrow(ZipRefused);
    await expect(assertZipWithinLimits(Buffer.from('MZ not a zip at all, just some bytes of a program'))).rejects.toThrow(/不是完整的 zip/);
  });

  it('turns a refusal into a 400 naming the field', async () => {
    const err = await refuseZipBomb(xlsxBomb(150 * MB), 'file').catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.details.issues[0]).toMatchObject({ field: 'file' });
    expect(err.message).toMatch(/压缩炸弹/);
    // A damaged archive is not a bomb: the caller says "not a valid file" in its own words.
    await expect(refuseZipBomb(Buffer.from('PK\u0003\u0004 damaged'), 'file')).resolves.toBe(false);
  });
});
