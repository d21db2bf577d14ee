import zlib from 'node:zlib';

/*
 * Zip archives for hostile-upload tests, built in memory. A bomb entry is deflated by streaming a zero
 * buffer through zlib, so a 150 MB entry is built with 1 MB of input in memory at a time.
 */

export type ZipEntry = { name: string; data?: Buffer; bombBytes?: number; declaredSize?: number };

function deflateZeros(total: number): { data: Buffer; crc: number } {
  // Deflate blocks concatenate: 1 MB of zeros compressed once with a sync flush (a non-final block ending
  // on a byte boundary), repeated, then an empty final block. Nothing big is ever in memory.
  const MB = 1024 * 1024;
  const chunk = Buffer.alloc(MB);
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [];
  let crc = 0;
  for (let left = total; left > 0; left -= MB) {
    const n = Math.min(left, MB);
    const piece = n === MB ? chunk : chunk.subarray(0, n);
    crc = zlib.crc32(piece, crc);
    parts.push(n === MB ? block : zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { data: Buffer.concat(parts), crc };
}

/** A zip with these entries (deflated); `bombBytes` makes an entry of that many zeros, `declaredSize` lies about it. */
export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let data: Buffer;
    let crc: number;
    let size: number;
    if (e.bombBytes) {
      ({ data, crc } = deflateZeros(e.bombBytes));
      size = e.bombBytes;
    } else {
      const raw = e.data ?? Buffer.alloc(0);
      data = zlib.deflateRawSync(raw);
      crc = zlib.crc32(raw);
      size = raw.length;
    }
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc >>> 0, 16);
    cen.writeUInt32LE(data.length, 20);
    cen.writeUInt32LE(declared, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    centrals.push(cen, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CT = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

/** An .xlsx-looking archive whose sheet unpacks to `bytes` zeros; sniffs as xlsx. */
export function xlsxBomb(bytes: number, declaredSize?: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CT },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', bombBytes: bytes, declaredSize },
  ]);
}

/** A .docx-looking archive whose document part unpacks to `bytes` zeros; sniffs as docx. */
export function docxBomb(bytes: number, declaredSize?: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CT },
    { name: 'word/document.xml', bombBytes: bytes, declaredSize },
  ]);
}
