/**
 * Errors with a stable code. The error handler maps them to the one envelope
 * `{code, message, details?, requestId}`; messages are Chinese because users read them.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'CSRF'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

/** One problem with one field; `field` is a dotted path such as `body.name` or `rows[3].birthDate`. */
export type FieldIssue = { field: string; message: string; row?: number; column?: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('VALIDATION', 400, message, { issues });
  }
  /** Convenience: one bad field. */
  static field(field: string, message: string): ValidationError {
    return ValidationError.of([{ field, message }]);
  }
  /** Several bad fields (at least one); the message names the first. */
  static of(issues: FieldIssue[]): ValidationError {
    const first = issues[0];
    return new ValidationError(`${fieldLabel(first.field)}：${first.message}`, issues);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录') {
    super('UNAUTHENTICATED', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作') {
    super('FORBIDDEN', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = '记录') {
    super('NOT_FOUND', 404, `${what}不存在`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', 409, message, details);
  }
}

export class InvalidTransitionError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', 409, message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('CSRF', 403, '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', 429, message, { retryAfterSeconds });
  }
}

/**
 * Chinese labels for field names that appear in error messages. Modules add their own with
 * `registerFieldLabels` so that "body.birthDate" reads as "出生日期" to the user.
 */
const labels = new Map<string, string>();

export function registerFieldLabels(map: Record<string, string>): void {
  for (const [k, v] of Object.entries(map)) labels.set(k, v);
}

export function fieldLabel(path: string): string {
  const last = path.split('.').pop() ?? path;
  const bare = last.replace(/\[\d+\]$/, '');
  return labels.get(bare) ?? bare;
}

// Labels shared by many modules; a module registers its own in its schemas file.
registerFieldLabels({
  body: '请求内容',
  id: '编号',
  code: '编码',
  name: '名称',
  kind: '类型',
  version: '版本号',
  page: '页码',
  pageSize: '每页条数',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  townId: '乡镇',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
  phone: '电话',
  active: '是否启用',
  from: '开始日期',
  to: '结束日期',
});
