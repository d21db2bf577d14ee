/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the CSRF
 * token on every write, and the error envelope turned into an ApiError the pages can show.
 */

export type FieldIssue = { field: string; message: string; row?: number; column?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId ?? null;
    const issues = (details as { issues?: unknown } | undefined)?.issues;
    this.issues = Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }
}

export const API_BASE = '/api/v1';

let csrfToken: string | null = null;

/** The token comes with the Me answer (login and /auth/me); the server checks it on every non-GET. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: () => void = () => {
  if (!window.location.pathname.startsWith('/login')) window.location.assign('/login');
};

/** The app installs a handler that clears its caches and routes to /login without a page reload. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** Login and the first /auth/me answer 401 as a normal outcome; do not bounce to /login for them. */
  quietUnauthenticated?: boolean;
};

function networkMessage(): string {
  return localStorage.getItem('renda.lang') === 'en' ? 'Cannot reach the server. Check the network and try again.' : '无法连接服务器，请检查网络后重试';
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(API_BASE + path + toQueryString(opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', networkMessage());
  }
  if (!res.ok) throw await toApiError(res, opts);
  return res;
}

async function toApiError(res: Response, opts: RequestOptions): Promise<ApiError> {
  let env: { code?: string; message?: string; details?: unknown; requestId?: string } = {};
  try {
    env = await res.json();
  } catch {
    // A proxy or a crash may answer with HTML; the status alone still says what happened.
  }
  if (res.status === 401 && !opts.quietUnauthenticated) onUnauthenticated();
  return new ApiError(res.status, env.code ?? `HTTP_${res.status}`, env.message ?? `${res.status} ${res.statusText}`, env.details, env.requestId);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  upload: <T>(method: 'POST' | 'PUT', path: string, file: File | Blob, fileName?: string) => {
    const form = new FormData();
    form.append('file', file, fileName ?? (file as File).name ?? 'file');
    return request<T>(method, path, { form });
  },
};

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/**
 * Download a file the API makes (xlsx exports, templates). Fetching first rather than following a
 * link keeps a 403 or 400 from replacing the page with a JSON body.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PageQuery = { page?: number; pageSize?: number };
