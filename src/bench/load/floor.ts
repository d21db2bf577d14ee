import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawDb } from './database.ts';
import type { KeyRead } from './keyreads.ts';

export type Floor = { port: number; close(): Promise<void> };

/**
 * The floor of each key read: a bare node:http server answering `GET /<index>` with the read's
 * statements run through the raw driver and `JSON.stringify` — no routing, no session, no validation,
 * no presenting. SQLite: each statement prepared once with better-sqlite3 and run in order (it is
 * synchronous). PostgreSQL: named prepared statements, so each pooled connection parses and plans once,
 * all started at once (as the app's Promise.all does). The body is an array of row arrays.
 */
export async function startFloor(raw: RawDb, reads: readonly KeyRead[]): Promise<Floor> {
  let answer: (i: number) => Promise<unknown[][]> | unknown[][];
  if (raw.engine === 'sqlite') {
    const prepared = reads.map((r) => r.floor.map((s) => ({ stmt: raw.sqlite.prepare(s.sql), params: s.parameters as unknown[] })));
    answer = (i) => prepared[i].map((p) => p.stmt.all(...p.params));
  } else {
    answer = async (i) => {
      const all = await Promise.all(reads[i].floor.map((s, j) => raw.pool.query({ name: `floor_${i}_${j}`, text: s.sql, values: s.parameters as unknown[] })));
      return all.map((r) => r.rows);
    };
  }
  const server = http.createServer((req, res) => {
    const i = Number((req.url ?? '').slice(1));
    if (!Number.isInteger(i) || i < 0 || i >= reads.length) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve()
      .then(() => answer(i))
      .then((rows) => {
        const body = JSON.stringify(rows);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      })
      .catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(e));
      });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
