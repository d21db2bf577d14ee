import zlib from 'node:zlib';
import { ValidationError } from '../http/errors.ts';

/*
 * A zip bomb check for the Office files (.xlsx, .docx, .pptx are zip archives) that arrive by upload.
 * ExcelJS/JSZip inflate every part into memory: a 10 MB upload may unpack to gigabytes and take the
 * server down. Before any library sees the bytes, this reads the archive's central directory and
 * inflates each entry itself — streaming, output thrown away, so memory stays at one chunk — counting
 * what comes out against a total budget and a per-entry ratio. The declared sizes are checked first
 * (cheap) but never trusted: a bomb can lie about them, so the real inflated bytes decide.
 */

export type ZipLimits = {
  /** Total uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for an entry once it is past `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio (a 2 KB XML part of zeros is fine). */
  ratioFloorBytes: number;
  maxEntries: number;
};

/** Office files of a township office: 100 MB unpacked is far past any real one (a 10 MB upload limit). */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxRatio: 300, ratioFloorBytes: 1024 * 1024, maxEntries: 5000 };

/** `bomb`: it unpacks past the limits; otherwise the archive is one we cannot read (damaged, zip64, encrypted). */
export class ZipRefused extends Error {
  constructor(
    readonly reason: string,
    readonly bomb = false,
  ) {
    super(reason);
  }
}

type Entry = { name: string; method: number; flags: number; compressed: number; uncompressed: number; localOffset: number };

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** The central directory's entries; throws ZipRefused when the archive is not one we read (zip64, split, truncated). */
export function readCentralDirectory(buf: Buffer, maxEntries: number): Entry[] {
  // The end record is the last 22 bytes plus a comment of up to 65535 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('不是完整的 zip 文件（找不到目录）');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw new ZipRefused('不支持分卷 zip 文件');
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipRefused('不支持 zip64 格式');
  if (count > maxEntries) throw new ZipRefused(`压缩包内文件过多（${count} 个）`, true);
  if (offset + size > eocd) throw new ZipRefused('zip 目录已损坏');
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN_SIG) throw new ZipRefused('zip 目录已损坏');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const e: Entry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (e.compressed === 0xffffffff || e.uncompressed === 0xffffffff || e.localOffset === 0xffffffff) throw new ZipRefused('不支持 zip64 格式');
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's data starts, from its local header. */
function dataStart(buf: Buffer, e: Entry): number {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw new ZipRefused(`zip 条目已损坏：${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressed > buf.length) throw new ZipRefused(`zip 条目已损坏：${e.name}`);
  return start;
}

/** Inflate one deflated entry, counting the output and dropping it; stops as soon as `limit` is passed. */
function inflateCounting(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let over = false;
    z.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > limit && !over) {
        over = true;
        z.destroy();
        resolve(out);
      }
    });
    z.on('end', () => resolve(out));
    z.on('error', (err) => (over ? undefined : reject(new ZipRefused(`zip 条目无法解压：${err.message}`))));
    z.end(data);
  });
}

/**
 * Refuse (ZipRefused, message in Chinese) a zip that unpacks past `limits`. Resolves when the archive is
 * within them. Encrypted entries and methods other than stored/deflate are refused: Office never uses them.
 */
export async function assertZipWithinLimits(buf: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<void> {
  const entries = readCentralDirectory(buf, limits.maxEntries);
  const tooBig = () => new ZipRefused(`解压后超过 ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB，疑似压缩炸弹`, true);
  let declared = 0;
  for (const e of entries) declared += e.uncompressed;
  if (declared > limits.maxTotalBytes) throw tooBig();

  let total = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw new ZipRefused(`不支持加密的文件：${e.name}`);
    const start = dataStart(buf, e);
    const data = buf.subarray(start, start + e.compressed);
    // What this entry may still produce: the rest of the budget, and its ratio cap (never below the floor).
    const ratioCap = Math.max(limits.ratioFloorBytes, e.compressed * limits.maxRatio);
    const allowed = Math.min(limits.maxTotalBytes - total, ratioCap);
    let size: number;
    if (e.method === 0) size = e.compressed;
    else if (e.method === 8) size = await inflateCounting(data, allowed);
    else throw new ZipRefused(`不支持的压缩方式（${e.method}）：${e.name}`);
    if (size > allowed) throw size > ratioCap ? new ZipRefused(`压缩比异常（${e.name}），疑似压缩炸弹`, true) : tooBig();
    total += size;
  }
}

/**
 * The guard for an upload: a bomb is a 400 naming `field`, in Chinese. Resolves false when the archive
 * cannot be read at all (damaged, zip64, encrypted), so the caller answers with its own "not a valid file".
 */
export async function refuseZipBomb(buf: Buffer, field: string, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<boolean> {
  try {
    await assertZipWithinLimits(buf, limits);
    return true;
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    if (err.bomb) throw ValidationError.field(field, `文件无法接受：${err.reason}`);
    return false;
  }
}
