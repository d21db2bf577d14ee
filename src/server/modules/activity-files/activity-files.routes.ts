import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { STAFF } from '../../http/principal.ts';
import { IdParam, Ok } from '../../http/schemas.ts';
import { sendStoredFile } from '../files/files.service.ts';
import { ActivityFileList, ActivityFileOrder, ActivityFileOut, ActivityFileParams, ActivityFileUpdate, ActivityFilesInput } from './activity-files.schemas.ts';
import {
  activityFileForReading,
  attachFiles,
  listActivityFiles,
  removeActivityFile,
  reorderActivityFiles,
  updateActivityFile,
} from './activity-files.service.ts';

/*
 * An activity's photos and attachments. Reading is open to whoever may read the activity (staff; a
 * deputy for an activity they are invited to — the service checks); writing to the staff roles, and the
 * service holds a liaison to the activities of their own station.
 */
const STAFF_AND_DEPUTY: readonly Role[] = [...STAFF, 'deputy'];

export const activityFilesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['activities'];

  app.get(
    '/activities/:id/files',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'listActivityFiles', summary: '活动照片与附件', params: IdParam, response: { 200: ActivityFileList } },
    },
    async (req) => listActivityFiles(ctxOf(req, deps.db), req.params.id),
  );
  app.post(
    '/activities/:id/files',
    {
      config: { access: { roles: STAFF } },
      schema: {
        tags,
        operationId: 'attachActivityFiles',
        summary: '为活动添加照片（JPEG/PNG）或附件（PDF/Office）：先经 POST /files 上传，再以文件编号添加',
        params: IdParam,
        body: ActivityFilesInput,
        response: { 201: ActivityFileList },
      },
    },
    async (req, reply) => reply.status(201).send(await attachFiles(ctxOf(req, deps.db), req.params.id, req.body)),
  );
  app.put(
    '/activities/:id/files/order',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'reorderActivityFiles', summary: '调整活动照片或附件的顺序', params: IdParam, body: ActivityFileOrder, response: { 200: ActivityFileList } },
    },
    async (req) => reorderActivityFiles(ctxOf(req, deps.db), req.params.id, req.body),
  );
  app.get(
    '/activities/:id/files/:fileId',
    {
      config: { access: { roles: STAFF_AND_DEPUTY } },
      schema: { tags, operationId: 'readActivityFile', summary: '查看活动照片或下载附件', params: ActivityFileParams },
    },
    async (req, reply) => {
      const { row, photo } = await activityFileForReading(ctxOf(req, deps.db), req.params.id, req.params.fileId);
      return sendStoredFile(reply, deps.files, row, { inline: photo });
    },
  );
  app.patch(
    '/activities/:id/files/:fileId',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'updateActivityFile', summary: '修改活动照片或附件的说明', params: ActivityFileParams, body: ActivityFileUpdate, response: { 200: ActivityFileOut } },
    },
    async (req) => updateActivityFile(ctxOf(req, deps.db), req.params.id, req.params.fileId, req.body),
  );
  app.delete(
    '/activities/:id/files/:fileId',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'removeActivityFile', summary: '从活动移除照片或附件（已上传的文件保留）', params: ActivityFileParams, response: { 200: Ok } },
    },
    async (req) => removeActivityFile(ctxOf(req, deps.db), req.params.id, req.params.fileId),
  );
};
