/*
 * A logged-in HTTP client for the reliability runs: the session cookie and the CSRF token of one login,
 * over fetch (undici keeps connections alive). Every call answers status and parsed body, or throws on a
 * network failure (connection refused or reset: the server is down), which the callers count apart.
 */
export type ApiReply = { status: number; body: unknown };

export class ApiClient {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiClient> {
    const r = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await r.json()) as { csrfToken?: string; message?: string };
    const sid = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('renda_sid='));
    if (r.status !== 200 || !sid || !body.csrfToken) throw new Error(`login ${username} failed: ${r.status} ${body.message ?? ''}`);
    return new ApiClient(base, sid, body.csrfToken);
  }

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiReply> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: r.status, body: parsed };
  }

  get(path: string): Promise<ApiReply> {
    return this.call('GET', path);
  }
}
