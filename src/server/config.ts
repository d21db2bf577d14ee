import path from 'node:path';
import { z } from 'zod';

/** Environment read once at start. Everything the server needs from outside is here. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** A SQLite file path (default ./data/renda.db), ':memory:', or a postgres:// URL. */
  DATABASE_URL: z.string().default(path.join('data', 'renda.db')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the demo county on first start when the database has no towns. */
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** Session idle timeout and absolute lifetime, minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_MINUTES: z.coerce.number().int().positive().default(12 * 60),
  /** Set when served over HTTPS so that the session cookie is marked Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /**
   * Behind a reverse proxy (nginx), set TRUST_PROXY to its address(es), e.g. "127.0.0.1", so that the
   * client IP used for login throttling and audit comes from X-Forwarded-For. Off by default: otherwise any
   * client could pick its own IP and walk past the per-IP login limit.
   */
  TRUST_PROXY: z.string().default(''),
  /** Folder of uploaded files (photos, documents, reports). Back it up with the database. */
  FILES_DIR: z.string().default(path.join('data', 'files')),
  /** Where the built web app lives (vite build output). */
  WEB_DIST: z.string().default(path.join('dist', 'web')),
  /**
   * Key of the public portal's hashes of client addresses and captcha answers. Set it when several app
   * processes serve the portal (they must agree) or to keep rate limits across restarts; left empty,
   * each process makes its own at start.
   */
  PORTAL_SECRET: z.string().default(''),
  /**
   * Outgoing mail for reminders (催办提醒). Without SMTP_HOST no mail is sent (in-app notifications only).
   * Port 465 is TLS from the start; other ports upgrade with STARTTLS when the server offers it.
   */
  SMTP_HOST: z.string().default(''),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().default(''),
  SMTP_PASS: z.string().default(''),
  SMTP_FROM: z.string().default(''),
  /**
   * Daily backups (docs/deploy.md "Backups"): into BACKUP_DIR (unset = off), once a day from this hour of the
   * China day, keeping the newest BACKUP_KEEP.
   */
  BACKUP_DIR: z.string().default(''),
  BACKUP_HOUR_CHINA: z.coerce.number().int().min(0).max(23).default(2),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: 'auto' | 'never';
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  cookieSecure: boolean;
  webDist: string;
  filesDir: string;
  trustProxy: string | false;
  portalSecret: string;
  /** Null when no SMTP_HOST is set: reminders stay in the app. */
  smtp: SmtpConfig | null;
  /** Null when no BACKUP_DIR is set: no scheduled backups. */
  backup: BackupConfig | null;
};

export type BackupConfig = { dir: string; hourChina: number; keep: number };

export type SmtpConfig = { host: string; port: number; user: string; pass: string; from: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteMinutes: e.SESSION_ABSOLUTE_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'true',
    webDist: e.WEB_DIST,
    filesDir: e.FILES_DIR,
    trustProxy: e.TRUST_PROXY === '' ? false : e.TRUST_PROXY,
    portalSecret: e.PORTAL_SECRET,
    smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, user: e.SMTP_USER, pass: e.SMTP_PASS, from: e.SMTP_FROM || (e.SMTP_USER.includes('@') ? e.SMTP_USER : `renda@${e.SMTP_HOST}`) } : null,
    backup: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, hourChina: e.BACKUP_HOUR_CHINA, keep: e.BACKUP_KEEP } : null,
  };
}
