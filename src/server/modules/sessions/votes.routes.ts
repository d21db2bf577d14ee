import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import type { Role } from '../../db/schema.ts';
import { ctxOf } from '../../http/access.plugin.ts';
import { ADMINS, STAFF } from '../../http/principal.ts';
import { ItemParams, VoteInput, VoteList, VoteParams } from './votes.schemas.ts';
import { deleteVote, listVotes, recordVote } from './votes.service.ts';

/* Votes (表决) on agenda items: staff and deputies read, administrators record; handlers have no business here. */
const READERS: readonly Role[] = [...STAFF, 'deputy'];

export const votesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const tags = ['sessions'];

  app.get(
    '/sessions/:id/items/:itemId/votes',
    {
      config: { access: { roles: READERS } },
      schema: { tags, operationId: 'listItemVotes', summary: '议程事项的表决（按轮次）', params: ItemParams, response: { 200: VoteList } },
    },
    async (req) => listVotes(ctxOf(req, deps.db), req.params.id, req.params.itemId),
  );
  app.post(
    '/sessions/:id/items/:itemId/votes',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'recordItemVote', summary: '记录表决结果', params: ItemParams, body: VoteInput, response: { 201: VoteList } },
    },
    async (req, reply) => reply.status(201).send(await recordVote(ctxOf(req, deps.db), req.params.id, req.params.itemId, req.body)),
  );
  app.delete(
    '/sessions/:id/items/:itemId/votes/:voteId',
    {
      config: { access: { roles: ADMINS } },
      schema: { tags, operationId: 'deleteItemVote', summary: '删除最近一轮表决（更正）', params: VoteParams, response: { 200: VoteList } },
    },
    async (req) => deleteVote(ctxOf(req, deps.db), req.params.id, req.params.itemId, req.params.voteId),
  );
};
