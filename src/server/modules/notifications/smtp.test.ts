import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpError, buildMessage, isMailAddress, sendMail } from './smtp.ts';

/*
 * The SMTP client against a fake server in this process: it speaks just enough SMTP (EHLO, AUTH,
 * MAIL, RCPT, DATA, QUIT), records what it received, and refuses one recipient.
 */
type Received = { ehlo: string; auth: string[]; from: string; to: string[]; data: string };
const received: Received[] = [];
let server: net.Server;
let port: number;

function fakeSmtp(): net.Server {
  return net.createServer((sock) => {
    sock.setEncoding('utf8');
    const cur: Received = { ehlo: '', auth: [], from: '', to: [], data: '' };
    let inData = false;
    let buf = '';
    let authStep = 0;
    sock.write('220 fake.test ESMTP\r\n');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          received.push({ ...cur, to: [...cur.to], auth: [...cur.auth] });
          sock.write('250 OK queued\r\n');
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (authStep > 0) {
          cur.auth.push(Buffer.from(line, 'base64').toString('utf8'));
          authStep = authStep === 1 ? 2 : 0;
          sock.write(authStep === 2 ? '334 UGFzc3dvcmQ6\r\n' : '235 OK\r\n');
        } else if (/^EHLO /i.test(line)) {
          cur.ehlo = line.slice(5);
          sock.write('250-fake.test\r\n250-SIZE 1000000\r\n250 AUTH LOGIN\r\n');
        } else if (line === 'AUTH LOGIN') {
          authStep = 1;
          sock.write('334 VXNlcm5hbWU6\r\n');
        } else if (line.startsWith('MAIL FROM:')) {
          cur.from = line.slice(10);
          sock.write('250 OK\r\n');
        } else if (line.startsWith('RCPT TO:')) {
          if (line.includes('nobody@')) sock.write('550 5.1.1 No such user\r\n');
          else {
            cur.to.push(line.slice(8));
            sock.write('250 OK\r\n');
          }
        } else if (line === 'DATA') {
          inData = true;
          sock.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (line === 'QUIT') {
          sock.end('221 Bye\r\n');
        } else sock.write('502 Not implemented\r\n');
      }
    });
  });
}

beforeAll(async () => {
  server = fakeSmtp();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const cfg = () => ({ host: '127.0.0.1', port, user: 'renda', pass: '密码 pass', from: 'renda@town.test' });

function decodeBody(data: string): string {
  const body = data.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  return Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
}

describe('sendMail', () => {
  it('delivers a message with a UTF-8 subject and body, after AUTH LOGIN', async () => {
    await sendMail(cfg(), { to: ['handler@unit.test'], subject: '建议 2026-001 已逾期', text: '请及时答复。\n.第二行以点开头' });
    const m = received.at(-1);
    expect(m?.from).toBe('<renda@town.test>');
    expect(m?.to).toEqual(['<handler@unit.test>']);
    expect(m?.auth).toEqual(['renda', '密码 pass']);
    expect(m?.data).toContain(`Subject: =?UTF-8?B?${Buffer.from('建议 2026-001 已逾期').toString('base64')}?=`);
    expect(m?.data).toContain('Content-Transfer-Encoding: base64');
    expect(decodeBody(m?.data ?? '')).toBe('请及时答复。\n.第二行以点开头');
  });

  it('throws the server’s refusal with its code, and sends nothing', async () => {
    const before = received.length;
    const err = await sendMail(cfg(), { to: ['nobody@unit.test'], subject: 's', text: 't' }).catch((e) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect(err.code).toBe(550);
    expect(received.length).toBe(before);
  });

  it('refuses addresses that could inject a command or a header', async () => {
    expect(isMailAddress('a@b.cn')).toBe(true);
    expect(isMailAddress('a@b.cn>\r\nRCPT TO:<x@y.cn')).toBe(false);
    expect(isMailAddress('no-at-sign')).toBe(false);
    await expect(sendMail(cfg(), { to: ['x@y.cn\r\nDATA'], subject: 's', text: 't' })).rejects.toThrow('收件地址无效');
  });

  it('fails cleanly when nothing listens', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const p = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(sendMail({ ...cfg(), port: p }, { to: ['a@b.cn'], subject: 's', text: 't' }, { timeoutMs: 2000 })).rejects.toThrow();
  });
});

describe('buildMessage', () => {
  it('has the headers a mail server expects, CRLF line ends and 76-character base64 lines', () => {
    const m = buildMessage(
      'renda@town.test',
      { to: ['a@b.cn', 'c@d.cn'], subject: 'Plain subject', text: '字'.repeat(100) },
      new Date('2026-11-28T00:00:00Z'),
      'id@renda',
    );
    expect(m).toContain('To: a@b.cn, c@d.cn\r\n');
    expect(m).toContain('Subject: Plain subject\r\n');
    expect(m).toContain('Date: Sat, 28 Nov 2026 00:00:00 GMT\r\n');
    expect(m).toContain('Message-ID: <id@renda>\r\n');
    const body = m.split('\r\n\r\n')[1];
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(m.includes('\n') && !/[^\r]\n/.test(m)).toBe(true);
  });
});
