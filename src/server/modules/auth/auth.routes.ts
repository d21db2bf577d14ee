import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, clearSessionCookie, ctxOf, loadPrincipalForToken, setSessionCookie } from '../../http/access.plugin.ts';
import { ALL_ROLES } from '../../http/principal.ts';
import { Ok } from '../../http/schemas.ts';
import type { AppDeps } from '../../app.ts';
import { ChangePasswordBody, LoginBody, MeOut, SwitchTownBody } from './auth.schemas.ts';
import { changePassword, login, logout, me, switchTown } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/auth/login',
    {
      config: { access: { public: true } },
      schema: { tags: ['auth'], operationId: 'login', summary: '登录', body: LoginBody, response: { 200: MeOut } },
    },
    async (req, reply) => {
      const { token } = await login(deps, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        requestId: req.id,
        oldToken: req.cookies[SESSION_COOKIE],
      });
      setSessionCookie(reply, token, deps.config);
      // Load the principal the way every later request will, so the answer matches /me exactly.
      req.principal = await loadPrincipalForToken(token, deps);
      return me(ctxOf(req, deps.db));
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: { roles: ALL_ROLES }, beforePasswordChange: true }, schema: { tags: ['auth'], operationId: 'logout', summary: '退出登录', response: { 200: Ok } } },
    async (req, reply) => {
      await logout(ctxOf(req, deps.db));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { config: { access: { roles: ALL_ROLES }, beforePasswordChange: true }, schema: { tags: ['auth'], operationId: 'me', summary: '当前用户', response: { 200: MeOut } } },
    async (req) => me(ctxOf(req, deps.db)),
  );

  app.post(
    '/auth/password',
    {
      config: { access: { roles: ALL_ROLES }, beforePasswordChange: true },
      schema: { tags: ['auth'], operationId: 'changePassword', summary: '修改本人密码', body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (req) => {
      await changePassword(ctxOf(req, deps.db), req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/switch-town',
    {
      config: { access: { roles: ['county_admin'] } },
      schema: { tags: ['auth'], operationId: 'switchTown', summary: '县级用户切换乡镇', body: SwitchTownBody, response: { 200: Ok } },
    },
    async (req) => {
      await switchTown(ctxOf(req, deps.db), req.body.townId);
      return { ok: true as const };
    },
  );
};
