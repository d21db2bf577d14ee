import { describe, expect, it } from 'vitest';
import { ResultCache, WriteGeneration } from './result-cache.ts';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};

describe('ResultCache', () => {
  it('computes once for callers that arrive while the computation runs, and reuses the result within the TTL', async () => {
    let t = 0;
    const cache = new ResultCache<number>(new WriteGeneration(), 1000, 10, () => t);
    const d = deferred<number>();
    let calls = 0;
    const compute = () => {
      calls++;
      return d.promise;
    };
    const a = cache.get('k', compute);
    const b = cache.get('k', compute);
    d.resolve(42);
    expect(await Promise.all([a, b])).toEqual([42, 42]);
    t = 999;
    expect(await cache.get('k', async () => 7)).toBe(42);
    expect(calls).toBe(1);
    t = 1000;
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('a write through this process makes the next caller compute again', async () => {
    const writes = new WriteGeneration();
    const cache = new ResultCache<number>(writes, 60_000);
    expect(await cache.get('k', async () => 1)).toBe(1);
    expect(await cache.get('k', async () => 2)).toBe(1);
    writes.bump();
    expect(await cache.get('k', async () => 3)).toBe(3);
  });

  it('keys are separate, and a failed computation is not kept', async () => {
    const cache = new ResultCache<number>(new WriteGeneration(), 60_000);
    expect(await cache.get('a', async () => 1)).toBe(1);
    expect(await cache.get('b', async () => 2)).toBe(2);
    await expect(cache.get('c', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('c', async () => 3)).toBe(3);
  });

  it('stays within its size: old entries are swept when full', async () => {
    let t = 0;
    const cache = new ResultCache<number>(new WriteGeneration(), 10, 3, () => t);
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => 1);
    t = 20;
    await cache.get('d', async () => 4);
    expect(await cache.get('a', async () => 5)).toBe(5);
  });
});
