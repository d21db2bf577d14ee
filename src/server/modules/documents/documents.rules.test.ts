import { describe, expect, it } from 'vitest';
import { canDelete, lockedFieldChanged, readRate, readerKind, remindTargets } from './documents.rules.ts';

const admin = { role: 'town_admin' as const, stationId: null, deputyId: null };
const county = { role: 'county_admin' as const, stationId: null, deputyId: null };
const liaison = { role: 'liaison' as const, stationId: 'S1', deputyId: null };
const stationless = { role: 'liaison' as const, stationId: null, deputyId: null };
const deputy = { role: 'deputy' as const, stationId: null, deputyId: 'D1' };
const handler = { role: 'handler' as const, stationId: null, deputyId: null };
const sent = { status: 'sent' as const };
const draft = { status: 'draft' as const };

describe('readRate', () => {
  it('is read over recipients, rounded to four places', () => {
    expect(readRate(5, 6)).toBe(0.8333);
    expect(readRate(1, 3)).toBe(0.3333);
    expect(readRate(2, 3)).toBe(0.6667);
    expect(readRate(0, 4)).toBe(0);
    expect(readRate(4, 4)).toBe(1);
  });
  it('is null, not 0 %, when the document reached nobody', () => {
    expect(readRate(0, 0)).toBeNull();
  });
  it('never passes 100 % even if counts disagree', () => {
    expect(readRate(5, 4)).toBe(1);
  });
});

describe('readerKind: who may read a document', () => {
  const none = { isRecipient: false, stationRecipients: 0 };
  it('admins see every document, drafts included', () => {
    expect(readerKind(admin, draft, none)).toBe('admin');
    expect(readerKind(county, sent, none)).toBe('admin');
  });
  it('a liaison sees a sent document that reached a deputy of their station, never a draft', () => {
    expect(readerKind(liaison, sent, { isRecipient: false, stationRecipients: 2 })).toBe('liaison');
    expect(readerKind(liaison, sent, none)).toBeNull();
    expect(readerKind(liaison, draft, { isRecipient: false, stationRecipients: 2 })).toBeNull();
    expect(readerKind(stationless, sent, { isRecipient: false, stationRecipients: 2 })).toBeNull();
  });
  it('a deputy sees only what was sent to them', () => {
    expect(readerKind(deputy, sent, { isRecipient: true, stationRecipients: 0 })).toBe('recipient');
    expect(readerKind(deputy, sent, none)).toBeNull();
    expect(readerKind({ ...deputy, deputyId: null }, sent, { isRecipient: true, stationRecipients: 0 })).toBeNull();
  });
  it('a handler sees nothing', () => {
    expect(readerKind(handler, sent, { isRecipient: true, stationRecipients: 3 })).toBeNull();
  });
});

describe('editing and deleting', () => {
  it('a draft may change anything', () => {
    expect(lockedFieldChanged('draft', ['title', 'fileId', 'summary'])).toBeNull();
  });
  it('a sent document keeps what deputies read; category and activity link may change', () => {
    expect(lockedFieldChanged('sent', ['category', 'activityId'])).toBeNull();
    expect(lockedFieldChanged('sent', ['category', 'fileId'])).toBe('fileId');
    expect(lockedFieldChanged('sent', ['title'])).toBe('title');
    expect(lockedFieldChanged('sent', ['issueDate'])).toBe('issueDate');
  });
  it('only a draft may be deleted', () => {
    expect(canDelete('draft')).toBe(true);
    expect(canDelete('sent')).toBe(false);
  });
});

describe('remindTargets', () => {
  const states = [
    { deputyId: 'a', firstReadAt: null },
    { deputyId: 'b', firstReadAt: '2026-11-01T00:00:00.000Z' },
    { deputyId: 'c', firstReadAt: null },
  ];
  it('without a choice reminds every unread recipient', () => {
    expect(remindTargets(states)).toEqual({ remind: ['a', 'c'], alreadyRead: ['b'], unknown: [] });
  });
  it('with a choice reminds only the unread among the chosen, once each', () => {
    expect(remindTargets(states, ['b', 'c', 'c'])).toEqual({ remind: ['c'], alreadyRead: ['b'], unknown: [] });
  });
  it('names chosen deputies who are not recipients', () => {
    expect(remindTargets(states, ['x', 'a'])).toEqual({ remind: ['a'], alreadyRead: [], unknown: ['x'] });
  });
  it('has nothing to do when everyone has read', () => {
    expect(remindTargets([{ deputyId: 'b', firstReadAt: 'x' }]).remind).toEqual([]);
  });
});
