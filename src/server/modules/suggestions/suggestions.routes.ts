import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, ALL_ROLES, type Ctx, STAFF } from '../../http/principal.ts';
import { sendStoredFile } from '../files/files.service.ts';
import { HolidayParams, HolidayQuery, HolidaysInput, HolidaysOut, SettingsInput, SettingsOut } from './settings.schemas.ts';
import { DuplicatesOut, DuplicatesQuery } from '../search/search.schemas.ts';
import { duplicatesUseCase } from '../search/search.service.ts';
import { getHolidays, getSettings, putHolidays, putSettings } from './settings.service.ts';
import { ACTION_LABEL } from './suggestions.actions.ts';
import {
  assignSuggestion,
  consultSuggestion,
  decideExtension,
  decideReturn,
  requestExtension,
  requestReturn,
  startSuggestion,
} from './suggestions.handling.ts';
import { mergeSuggestion, notAcceptSuggestion, registerSuggestion, submitSuggestion, withdrawSuggestion } from './suggestions.intake.ts';
import { closeSuggestion, keySuggestion, publishSuggestion, rateSuggestion, replySuggestion } from './suggestions.outcome.ts';
import type { ActionName } from './suggestions.policy.ts';
import {
  ActionInputs,
  SuggestionDetail,
  SuggestionFileParams,
  SuggestionInput,
  SuggestionPage,
  SuggestionParams,
  SuggestionQuery,
  SuggestionUpdate,
} from './suggestions.schemas.ts';
import { createSuggestion, fileForReading, getSuggestion, listSuggestionsUseCase, updateSuggestion } from './suggestions.service.ts';

/*
 * Suggestions (建议、批评和意见), their settings and the holiday calendar. Each route declares the roles
 * that may call it at all; the services then hold each caller to their part (the lead deputy, the lead
 * office's handler …) and to the rows they may see (404 outside them).
 */
const HANDLER: readonly Role[] = ['handler'];
const DEPUTY_AND_ADMINS: readonly Role[] = [...ADMINS, 'deputy'];
const HANDLER_AND_ADMINS: readonly Role[] = [...ADMINS, 'handler'];

type ActionFn<A extends ActionName> = (ctx: Ctx, id: string, input: z.infer<(typeof ActionInputs)[A]>) => ReturnType<typeof getSuggestion>;

export const suggestionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['suggestions'];

  // ---- Settings and holidays ----

  app.get(
    '/suggestion-settings',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getSuggestionSettings', summary: '建议办理设置（类别、答复等次、期限）', response: { 200: SettingsOut } },
    },
    async (req) => getSettings(ctxOf(req, deps.db)),
  );
  app.put(
    '/suggestion-settings',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'putSuggestionSettings',
        summary: '修改建议办理设置（version 为 0 表示首次保存）',
        body: SettingsInput,
        response: { 200: SettingsOut },
      },
    },
    async (req) => putSettings(ctxOf(req, deps.db), req.body),
  );
  app.get(
    '/holidays',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'getHolidays', summary: '节假日与调休上班日（计算工作日）', querystring: HolidayQuery, response: { 200: HolidaysOut } },
    },
    async (req) => getHolidays(ctxOf(req, deps.db), req.query),
  );
  app.put(
    '/holidays/:year',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags,
        operationId: 'putHolidays',
        summary: '设置某年的节假日与调休上班日（整体替换）',
        params: HolidayParams,
        body: HolidaysInput,
        response: { 200: HolidaysOut },
      },
    },
    async (req) => putHolidays(ctxOf(req, deps.db), req.params.year, req.body),
  );

  // ---- The record ----

  app.get(
    '/suggestions',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'listSuggestions', summary: '建议列表（按角色限定范围）', querystring: SuggestionQuery, response: { 200: SuggestionPage } },
    },
    async (req) => listSuggestionsUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/suggestions/duplicates',
    {
      config: { access: { roles: STAFF } },
      schema: { tags, operationId: 'findDuplicateSuggestions', summary: '可能重复的建议', querystring: DuplicatesQuery, response: { 200: DuplicatesOut } },
    },
    async (req) => duplicatesUseCase(ctxOf(req, deps.db), req.query),
  );
  app.get(
    '/suggestions/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        operationId: 'getSuggestion',
        summary: '建议详情（含办理过程与可执行的操作）',
        params: SuggestionParams,
        response: { 200: SuggestionDetail },
      },
    },
    async (req) => getSuggestion(ctxOf(req, deps.db), req.params.id),
  );
  app.get(
    '/suggestions/:id/files/:fileId',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags, operationId: 'readSuggestionFile', summary: '下载建议附件或答复文件', params: SuggestionFileParams },
    },
    async (req, reply) => sendStoredFile(reply, deps.files, await fileForReading(ctxOf(req, deps.db), req.params.id, req.params.fileId), { inline: true }),
  );
  app.post(
    '/suggestions',
    {
      config: { access: { roles: [...STAFF, 'deputy'] } },
      schema: {
        tags,
        operationId: 'createSuggestion',
        summary: '提出建议（submit 为 true 时同时提交）',
        body: SuggestionInput,
        response: { 201: SuggestionDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createSuggestion(ctxOf(req, deps.db), req.body)),
  );
  app.put(
    '/suggestions/:id',
    {
      config: { access: { roles: DEPUTY_AND_ADMINS } },
      schema: {
        tags,
        operationId: 'updateSuggestion',
        summary: '修改建议（交办前）',
        params: SuggestionParams,
        body: SuggestionUpdate,
        response: { 200: SuggestionDetail },
      },
    },
    async (req) => updateSuggestion(ctxOf(req, deps.db), req.params.id, req.body),
  );

  // ---- The lifecycle: one route per action, each with the roles that may ask for it ----

  const action = <A extends ActionName>(name: A, roles: readonly Role[], operationId: string, run: ActionFn<A>) =>
    app.post(
      `/suggestions/:id/actions/${name}`,
      {
        config: { access: { roles } },
        schema: {
          tags,
          operationId,
          summary: `建议：${ACTION_LABEL[name]}`,
          params: SuggestionParams,
          body: ActionInputs[name],
          response: { 200: SuggestionDetail },
        },
      },
      async (req) => run(ctxOf(req, deps.db), req.params.id, req.body as z.infer<(typeof ActionInputs)[A]>),
    );
  action('submit', [...STAFF, 'deputy'], 'submitSuggestion', submitSuggestion);
  action('register', ADMINS, 'registerSuggestion', registerSuggestion);
  action('not-accept', ADMINS, 'notAcceptSuggestion', notAcceptSuggestion);
  action('withdraw', DEPUTY_AND_ADMINS, 'withdrawSuggestion', withdrawSuggestion);
  action('merge', ADMINS, 'mergeSuggestion', mergeSuggestion);
  action('assign', ADMINS, 'assignSuggestion', assignSuggestion);
  action('start', HANDLER, 'startSuggestion', startSuggestion);
  action('consult', HANDLER_AND_ADMINS, 'consultSuggestion', consultSuggestion);
  action('request-return', HANDLER, 'requestSuggestionReturn', requestReturn);
  action('decide-return', ADMINS, 'decideSuggestionReturn', decideReturn);
  action('request-extension', HANDLER, 'requestSuggestionExtension', requestExtension);
  action('decide-extension', ADMINS, 'decideSuggestionExtension', decideExtension);
  action('reply', HANDLER_AND_ADMINS, 'replySuggestion', replySuggestion);
  action('rate', DEPUTY_AND_ADMINS, 'rateSuggestion', rateSuggestion);
  action('close', ADMINS, 'closeSuggestion', closeSuggestion);
  action('key', ADMINS, 'keySuggestion', keySuggestion);
  action('publish', ADMINS, 'publishSuggestion', publishSuggestion);
};
