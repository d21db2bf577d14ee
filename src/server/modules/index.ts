import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';

/** Every API module, mounted under /api/v1. One line per domain area. */
export const apiModules: FastifyPluginAsyncZod<AppDeps>[] = [authRoutes, auditRoutes, unitsRoutes];
