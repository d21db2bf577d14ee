import type { FastifyRequest } from 'fastify';
import { AppError, ValidationError } from './errors.ts';

export function tooLargeError(message: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', 413, message, { issues: [{ field: 'file', message }] });
}

/** The one file of a multipart upload (field `file`), read into memory up to `maxBytes`. */
export async function readUpload(req: FastifyRequest, maxBytes: number, tooLarge: string): Promise<{ fileName: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw ValidationError.field('file', '请以 multipart/form-data 方式上传文件');
  try {
    // One byte over the limit is enough to know the file is too large.
    const part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
    if (part?.fieldname !== 'file') throw ValidationError.field('file', '请选择要上传的文件（表单字段 file）');
    const bytes = await part.toBuffer();
    if (bytes.length > maxBytes) throw tooLargeError(tooLarge);
    return { fileName: part.filename ?? '', bytes };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLargeError(tooLarge);
    // The form parser (busboy) refuses a malformed body — no boundary, cut short — with a plain Error:
    // the client's fault, so 400 naming the field, not 500. Errors that carry a status keep it.
    if (err instanceof Error && !(err instanceof AppError) && (err as { statusCode?: number }).statusCode === undefined) {
      throw ValidationError.field('file', `上传内容格式无效（${err.message}）`);
    }
    throw err;
  }
}
