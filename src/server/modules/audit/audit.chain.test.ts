import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ChainedFields, GENESIS_HASH, SYSTEM_CHAIN, auditHash, canonicalAudit, chainOf, linkEvents } from './audit.chain.ts';

const event = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  id: '01JAUDIT0000000000000000001',
  countyId: 'C1',
  townId: 'T1',
  actorUserId: 'U1',
  actorName: '管理员',
  actorRole: 'town_admin',
  at: '2026-12-07T10:00:00.000Z',
  entity: 'deputy',
  entityId: 'D1',
  action: 'update',
  summary: '修改代表 李明华',
  changes: '{"name":["李明","李明华"]}',
  requestId: 'req-1',
  ip: '127.0.0.1',
  seq: 1,
  ...over,
});

describe('auditHash', () => {
  it('is sha256 hex of the previous hash, a newline and the fields as a JSON array in a fixed order', () => {
    const e = event();
    const text = JSON.stringify([
      e.id,
      e.countyId,
      e.townId,
      e.actorUserId,
      e.actorName,
      e.actorRole,
      e.at,
      e.entity,
      e.entityId,
      e.action,
      e.summary,
      e.changes,
      e.requestId,
      e.ip,
      1,
    ]);
    expect(canonicalAudit(e)).toBe(text);
    expect(auditHash(GENESIS_HASH, e)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${text}`).digest('hex'));
    expect(auditHash(GENESIS_HASH, e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order the object’s keys were written in', () => {
    const e = event();
    const reversed = Object.fromEntries(Object.entries(e).reverse()) as ChainedFields;
    expect(auditHash('p', reversed)).toBe(auditHash('p', e));
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = auditHash('p', event());
    const edits: Partial<ChainedFields>[] = [
      { id: 'X' },
      { countyId: 'C2' },
      { townId: null },
      { actorUserId: null },
      { actorName: '别人' },
      { actorRole: 'county_admin' },
      { at: '2026-12-07T10:00:00.001Z' },
      { entity: 'town' },
      { entityId: 'D2' },
      { action: 'delete' },
      { summary: '修改代表 李明' },
      { changes: null },
      { requestId: null },
      { ip: '10.0.0.1' },
      { seq: 2 },
    ];
    const hashes = edits.map((over) => auditHash('p', event(over)));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(edits.length);
    expect(auditHash('q', event())).not.toBe(base);
  });

  it('tells null from an empty string and keeps separators inside values from merging fields', () => {
    expect(auditHash('p', event({ townId: null }))).not.toBe(auditHash('p', event({ townId: '' })));
    // Moving text across a field boundary must not give the same serialisation.
    expect(canonicalAudit(event({ entity: 'a","b', entityId: 'c' }))).not.toBe(canonicalAudit(event({ entity: 'a', entityId: 'b","c' })));
    expect(auditHash('p', event({ summary: 'a\nb' }))).not.toBe(auditHash('p\na', event({ summary: 'b' })));
  });

  it('reads a seq the driver handed back as text like the number', () => {
    expect(auditHash('p', event({ seq: '7' as unknown as number }))).toBe(auditHash('p', event({ seq: 7 })));
  });
});

describe('linkEvents', () => {
  it('numbers the events after the head and hashes each over the one before', () => {
    const { seq: _seq, ...a } = event({ id: 'A' });
    const { seq: _s2, ...b } = event({ id: 'B' });
    const { linked, head } = linkEvents({ seq: 4, lastHash: 'h4' }, [a, b]);
    expect(linked.map((e) => [e.id, e.seq, e.prevHash])).toEqual([
      ['A', 5, 'h4'],
      ['B', 6, linked[0]?.hash],
    ]);
    expect(linked[0]?.hash).toBe(auditHash('h4', { ...a, seq: 5 }));
    expect(linked[1]?.hash).toBe(auditHash(linked[0]?.hash as string, { ...b, seq: 6 }));
    expect(head).toEqual({ seq: 6, lastHash: linked[1]?.hash });
  });

  it('leaves the head as it was for no events', () => {
    expect(linkEvents({ seq: 3, lastHash: 'h3' }, [])).toEqual({ linked: [], head: { seq: 3, lastHash: 'h3' } });
  });
});

describe('chainOf', () => {
  it('is the county, or the system chain for events without one', () => {
    expect(chainOf('C1')).toBe('C1');
    expect(chainOf(null)).toBe(SYSTEM_CHAIN);
  });
});
