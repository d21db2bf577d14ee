import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { SmtpConfig } from '../../config.ts';

/*
 * A minimal SMTP client (RFC 5321) over node:net / node:tls, enough to hand reminders to the town's
 * mail server: EHLO, STARTTLS when offered (or TLS from the start on port 465), AUTH PLAIN or LOGIN,
 * one message with UTF-8 subject and base64 body. No dependency: the project adds no npm packages for
 * this, and a relay needs nothing more. A password is never sent over a plain connection except to
 * this machine itself (a local relay or a test server).
 */

export class SmtpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

export type MailMessage = { to: readonly string[]; subject: string; text: string };

// An address as a mail server expects it, and nothing that could add a header or a command.
const ADDRESS = /^[^\s<>()",;:@\\]+@[^\s<>()",;:@\\]+\.[^\s<>()",;:@\\]+$/;

export function isMailAddress(s: string): boolean {
  return s.length <= 254 && ADDRESS.test(s);
}

/** RFC 2047 encoded-word for a header holding Chinese. */
function encodeHeader(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

function base64Lines(s: string): string {
  return (
    Buffer.from(s, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** The message as it goes after DATA (CRLF line ends, without the terminating dot). */
export function buildMessage(from: string, m: MailMessage, date = new Date(), messageId = `${randomUUID()}@renda`): string {
  const headers = [
    `From: ${encodeHeader('人大工作台')} <${from}>`,
    `To: ${m.to.join(', ')}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(m.text)}`;
}

type Reply = { code: number; lines: string[] };

/** One SMTP conversation: replies are read line by line; a multi-line reply ends at "NNN text". */
class Conversation {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((line: string | Error) => void) | null = null;
  private failure: Error | null = null;
  socket: net.Socket;

  constructor(socket: net.Socket, timeoutMs: number) {
    this.socket = socket;
    this.attach(socket, timeoutMs);
  }

  attach(socket: net.Socket, timeoutMs: number): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => socket.destroy(new SmtpError(0, '邮件服务器响应超时')));
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let i = this.buffer.indexOf('\r\n'); i >= 0; i = this.buffer.indexOf('\r\n')) {
        this.push(this.buffer.slice(0, i));
        this.buffer = this.buffer.slice(i + 2);
      }
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new SmtpError(0, '邮件服务器断开了连接')));
  }

  /** Stop listening to the plain socket before STARTTLS wraps it. */
  detach(): void {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    this.socket.setTimeout(0);
  }

  private push(line: string): void {
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(line);
    } else this.lines.push(line);
  }

  private fail(err: Error): void {
    if (!this.failure) this.failure = err;
    const w = this.waiting;
    this.waiting = null;
    w?.(err);
  }

  private nextLine(): Promise<string> {
    const l = this.lines.shift();
    if (l !== undefined) return Promise.resolve(l);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (x) => (x instanceof Error ? reject(x) : resolve(x));
    });
  }

  async reply(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.nextLine();
      lines.push(line.slice(4));
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), lines };
    }
  }

  async command(line: string | null, ok: readonly number[]): Promise<Reply> {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const r = await this.reply();
    if (!ok.includes(r.code)) throw new SmtpError(r.code, `邮件服务器拒绝（${r.code} ${r.lines.join(' ')}）`);
    return r;
  }
}

function connect(cfg: SmtpConfig, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const implicitTls = cfg.port === 465;
    const s = implicitTls ? tls.connect({ host: cfg.host, port: cfg.port, servername: cfg.host }) : net.connect({ host: cfg.host, port: cfg.port });
    const t = setTimeout(() => s.destroy(new SmtpError(0, '连接邮件服务器超时')), timeoutMs);
    s.once(implicitTls ? 'secureConnect' : 'connect', () => {
      clearTimeout(t);
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}

function upgrade(plain: net.Socket, host: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ socket: plain, servername: host });
    s.once('secureConnect', () => {
      s.removeListener('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function extensions(r: Reply): Set<string> {
  return new Set(r.lines.slice(1).map((l) => l.toUpperCase()));
}

/** Send one message. Throws SmtpError naming the refusal (or a network error); never retries. */
export async function sendMail(cfg: SmtpConfig, m: MailMessage, opts: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  for (const to of m.to) if (!isMailAddress(to)) throw new SmtpError(0, `收件地址无效：${to}`);
  if (!isMailAddress(cfg.from)) throw new SmtpError(0, `发件地址无效：${cfg.from}`);
  const hostname = os.hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  const c = new Conversation(await connect(cfg, timeoutMs), timeoutMs);
  try {
    await c.command(null, [220]);
    let ext = extensions(await c.command(`EHLO ${hostname}`, [250]));
    let secure = cfg.port === 465;
    if (!secure && ext.has('STARTTLS')) {
      await c.command('STARTTLS', [220]);
      c.detach();
      c.attach(await upgrade(c.socket, cfg.host), timeoutMs);
      secure = true;
      ext = extensions(await c.command(`EHLO ${hostname}`, [250]));
    }
    if (cfg.user) {
      if (!secure && !isLoopback(cfg.host)) throw new SmtpError(0, '邮件服务器不支持加密连接，拒绝以明文发送密码');
      const auth = [...ext].find((e) => e.startsWith('AUTH')) ?? '';
      if (/\bPLAIN\b/.test(auth) || !/\bLOGIN\b/.test(auth)) {
        await c.command(`AUTH PLAIN ${Buffer.from(`\0${cfg.user}\0${cfg.pass}`, 'utf8').toString('base64')}`, [235]);
      } else {
        await c.command('AUTH LOGIN', [334]);
        await c.command(Buffer.from(cfg.user, 'utf8').toString('base64'), [334]);
        await c.command(Buffer.from(cfg.pass, 'utf8').toString('base64'), [235]);
      }
    }
    await c.command(`MAIL FROM:<${cfg.from}>`, [250]);
    for (const to of m.to) await c.command(`RCPT TO:<${to}>`, [250, 251]);
    await c.command('DATA', [354]);
    // Dot-stuffing (RFC 5321 §4.5.2); base64 bodies never start a line with a dot, headers might.
    const body = buildMessage(cfg.from, m).replace(/^\./gm, '..');
    await c.command(`${body}\r\n.`, [250]);
    await c.command('QUIT', [221]).catch(() => undefined);
  } finally {
    c.socket.destroy();
  }
}
