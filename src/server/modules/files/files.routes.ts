import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ALL_ROLES, STAFF } from '../../http/principal.ts';
import { IdParam } from '../../http/schemas.ts';
import { readUpload } from '../../http/upload.ts';
import { FileMeta, UploadQuery } from './files.schemas.ts';
import { KINDS_BY_USE, MAX_FILE_BYTES, MAX_FILE_LABEL, assertUploadUse, getFileRow, sendStoredFile, storeUpload } from './files.service.ts';

/**
 * Upload first, attach second: the page uploads a file here and gets its id, then saves the record
 * (a document, an activity's photos, a research report) with that id. Reading a file goes through the
 * record that uses it, which decides who may see it (a deputy sees a document only when it was sent to
 * them); this route's download is for admins, and for a liaison only what they uploaded themselves.
 * Deputies and handlers upload too, but only for suggestions (`use=suggestion|document`), and read their
 * files back through the suggestion.
 */
export const filesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['files'];

  app.post(
    '/files',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        operationId: 'uploadFile',
        summary: '上传文件（multipart 字段 file；按内容判定类型：JPEG/PNG/PDF/Word/Excel/PowerPoint，≤ 10 MB；代表、承办单位仅 use=suggestion 或 document）',
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        response: { 201: FileMeta },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db);
      const use = req.query.use ?? 'any';
      // Checked before reading the body: a refused caller's bytes are never stored.
      assertUploadUse(ctx, use);
      const upload = await readUpload(req, MAX_FILE_BYTES, MAX_FILE_LABEL);
      return reply.status(201).send(await storeUpload(ctx, deps.files, upload, KINDS_BY_USE[use]));
    },
  );

  app.get(
    '/files/:id',
    { config: { access: { roles: STAFF } }, schema: { tags, operationId: 'downloadFile', summary: '下载文件（管理员；联络员仅限本人上传的文件）', params: IdParam } },
    async (req, reply) => sendStoredFile(reply, deps.files, await getFileRow(ctxOf(req, deps.db), req.params.id), { inline: true }),
  );
};
