import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DB_FAULT_REPLY, classifyDbError } from '../db/db-errors.ts';
import { isUniqueViolation } from '../db/unique.ts';
import { AppError, type FieldIssue, fieldLabel } from './errors.ts';

/** The one error envelope for every failure, with the bad field named. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const requestId = req.id;
    if (err instanceof AppError) {
      if (err.code === 'TOO_MANY_REQUESTS') {
        const d = err.details as { retryAfterSeconds?: number } | undefined;
        if (d?.retryAfterSeconds) reply.header('retry-after', String(d.retryAfterSeconds));
      }
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details, requestId });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: FieldIssue[] = err.validation.map((v) => {
        const where = (err as FastifyError).validationContext ?? 'body';
        const p = (v.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean);
        const field = [where, ...p].join('.');
        return { field, message: v.message ?? '无效' };
      });
      const first = issues[0];
      const message = first ? `${fieldLabel(first.field)}：${first.message}` : '请求参数无效';
      return reply.status(400).send({ code: 'VALIDATION', message, details: { issues }, requestId });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe.code?.startsWith('FST_'))) {
      return reply.status(400).send({ code: 'VALIDATION', message: `请求格式无效：${fe.message}`, details: { issues: [{ field: 'body', message: fe.message }] }, requestId });
    }
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大', requestId });
    }
    if (fe.statusCode === 404) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '资源不存在', requestId });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: 'VALIDATION', message: fe.message, requestId });
    }
    // PostgreSQL cannot store NUL (or a character its encoding lacks) in text: the client sent text that
    // cannot be saved (SQLite stores it). The client's fault, not a server fault: 400, not 500.
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === '22021' || pgCode === '22P05') {
      const message = '文本含有无法保存的字符（如空字符 NUL）';
      return reply.status(400).send({ code: 'VALIDATION', message, details: { issues: [{ field: 'body', message }] }, requestId });
    }
    // A race past the service's own uniqueness check (two saves at once): the database refused the
    // second; the client can simply try again. Not a server fault.
    if (isUniqueViolation(err)) {
      req.log.warn({ err }, 'unique constraint violated by a concurrent write');
      return reply.status(409).send({ code: 'CONFLICT', message: '与他人同时保存了相同编号或名称的记录，请重试', requestId });
    }
    // The database itself failing (disk full, read-only, away): a clear answer, not "internal error".
    const fault = classifyDbError(err);
    if (fault) {
      const r = DB_FAULT_REPLY[fault];
      req.log.error({ err, fault }, 'database fault');
      if (r.retryAfterSeconds) reply.header('retry-after', String(r.retryAfterSeconds));
      return reply.status(r.status).send({ code: r.code, message: r.message, requestId });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试', requestId });
  });
}
