/*
 * Faults of the database itself (not of a request), told apart so the user reads what happened and the
 * operator knows what to fix, instead of "服务器内部错误": the disk is full, the database is read-only,
 * or the database cannot be reached (PostgreSQL restarting, the network gone, SQLite locked past its
 * busy timeout). Each answer says the save was not made: on both engines a failed statement rolls its
 * transaction back, so nothing is half-written. Pure: classifies an error object by its code.
 */

export type DbFault = 'full' | 'read_only' | 'unavailable';

type Coded = { code?: unknown; message?: unknown };

// PostgreSQL SQLSTATEs: class 53 insufficient resources; 25006 read-only transaction; class 08 connection
// exceptions; 57P01–57P03 the server shutting down or starting (a restart).
const PG_FULL = new Set(['53100', '53000', '53200']);
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03']);
// Errors node-postgres and Node's sockets raise when the server is away.
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const PG_DRIVER_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function classifyDbError(err: unknown): DbFault | null {
  if (!err || typeof err !== 'object') return null;
  const { code, message } = err as Coded;
  const c = typeof code === 'string' ? code : '';
  if (c === 'SQLITE_FULL' || c === 'ENOSPC' || PG_FULL.has(c)) return 'full';
  if (c.startsWith('SQLITE_READONLY') || c === '25006' || c === 'EROFS') return 'read_only';
  if (c === 'SQLITE_BUSY' || c.startsWith('SQLITE_BUSY_') || c.startsWith('08') || PG_UNAVAILABLE.has(c) || NODE_UNAVAILABLE.has(c)) return 'unavailable';
  if (typeof message === 'string' && PG_DRIVER_MESSAGES.some((re) => re.test(message))) return 'unavailable';
  return null;
}

/** What the client is told: HTTP status, code and a message in Chinese. */
export const DB_FAULT_REPLY: Record<DbFault, { status: number; code: string; message: string; retryAfterSeconds?: number }> = {
  full: { status: 507, code: 'STORAGE_FULL', message: '服务器存储空间已满，本次操作未保存。请联系系统管理员清理空间后重试' },
  read_only: { status: 503, code: 'READ_ONLY', message: '数据库当前为只读状态，本次操作未保存。请联系系统管理员' },
  unavailable: { status: 503, code: 'DB_UNAVAILABLE', message: '数据库暂时无法连接，本次操作未保存，请稍后重试', retryAfterSeconds: 5 },
};
