import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Engine } from './db/kysely.ts';
import type { DB } from './db/schema.ts';
import { WriteGeneration } from './lib/result-cache.ts';
import { type FileStore, LocalFileStore } from './lib/storage.ts';
import { accessPlugin } from './http/access.plugin.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { apiModules } from './modules/index.ts';
import type { PortalDeps } from './modules/portal/captcha.ts';
import { VERSION } from './version.ts';

// Validation messages in Chinese: users read them next to the field.
z.config(z.locales.zhCN());

export type AppDeps = {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  /** Where uploaded files' bytes go. */
  files: FileStore;
  /** The public portal's captcha maker; tests pass one whose answer they know (never reachable from outside). */
  portal?: PortalDeps;
  /** Moves on with every write request this app answers: short-lived result caches compare against it. */
  writes: WriteGeneration;
};

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The whole HTTP app, without listening: tests call `app.inject`, main.ts calls `listen`. */
export async function buildApp(
  input: Omit<AppDeps, 'files' | 'writes'> & { files?: FileStore },
  opts: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  // The file store defaults to the configured folder; tests pass their own.
  const deps: AppDeps = { ...input, files: input.files ?? new LocalFileStore(input.config.filesDir), writes: new WriteGeneration() };
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // Only over HTTPS (directly, or behind a proxy named in TRUST_PROXY that says so): over plain HTTP
    // browsers ignore it, and sending it there would be a promise the server cannot keep.
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // The API page (/docs) ships its own inline bootstrap script; everything else gets a strict policy.
    // style-src needs 'unsafe-inline' because Ant Design injects its CSS-in-JS as <style> tags.
    if (!req.url.startsWith('/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      );
    }
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // Any write (answered with success or not) ends the reuse of results computed before it (result-cache.ts).
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') deps.writes.bump();
  });

  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Renda Workbench API 人大工作台接口', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'renda_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(accessPlugin, { db: deps.db, config: deps.config });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { access: { public: true } },
          schema: {
            tags: ['system'],
            operationId: 'health',
            response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }) },
          },
        },
        async () => {
          await deps.db.selectFrom('county').select('id').limit(1).execute();
          return { status: 'ok' as const, db: deps.engine, version: VERSION };
        },
      );
      api.get('/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
      for (const mod of apiModules) await api.register(mod, deps);
    },
    { prefix: '/api/v1' },
  );

  // The built web app, with every other GET outside /api and /docs answered by index.html (client-side
  // routing). One not-found handler for both: Fastify allows only one per prefix.
  const webRoot = path.resolve(deps.config.webDist);
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在', requestId: req.id });
  });
  return app;
}
