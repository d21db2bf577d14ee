import { describe, expect, it } from 'vitest';
import { KINDS_BY_ROLE, MAX_PER_ROLE, appendedOrders, orderProblem, roomProblem } from './activity-files.rules.ts';

describe('KINDS_BY_ROLE', () => {
  it('photos are JPEG or PNG only; attachments are PDF and Office files, never pictures', () => {
    expect([...KINDS_BY_ROLE.photo].sort()).toEqual(['jpeg', 'png']);
    expect(KINDS_BY_ROLE.attachment).toContain('pdf');
    expect(KINDS_BY_ROLE.attachment).toContain('docx');
    expect(KINDS_BY_ROLE.attachment).toContain('xls');
    expect(KINDS_BY_ROLE.attachment).not.toContain('jpeg');
    expect(KINDS_BY_ROLE.attachment).not.toContain('png');
  });
});

describe('roomProblem', () => {
  it('lets an activity fill up to the limit exactly', () => {
    expect(MAX_PER_ROLE).toEqual({ photo: 30, attachment: 20 });
    expect(roomProblem('photo', 0, 30)).toBeNull();
    expect(roomProblem('photo', 29, 1)).toBeNull();
    expect(roomProblem('attachment', 10, 10)).toBeNull();
  });

  it('refuses one over the limit and says how many still fit', () => {
    expect(roomProblem('photo', 28, 3)).toBe('每个活动最多 30 张照片，已有 28 张，本次最多再添加 2 张');
    expect(roomProblem('attachment', 0, 21)).toBe('每个活动最多 20 个附件，已有 0 个，本次最多再添加 20 个');
  });

  it('says the activity is full when nothing fits', () => {
    expect(roomProblem('photo', 30, 1)).toBe('每个活动最多 30 张照片，已满');
    expect(roomProblem('attachment', 20, 1)).toBe('每个活动最多 20 个附件，已满');
  });
});

describe('appendedOrders', () => {
  it('starts at 0 for the first files and after the last one otherwise', () => {
    expect(appendedOrders(null, 3)).toEqual([0, 1, 2]);
    expect(appendedOrders(7, 2)).toEqual([8, 9]);
    expect(appendedOrders(4, 0)).toEqual([]);
  });
});

describe('orderProblem', () => {
  it('accepts any permutation of the current files', () => {
    expect(orderProblem(['a', 'b', 'c'], ['c', 'a', 'b'])).toBeNull();
    expect(orderProblem([], [])).toBeNull();
  });

  it('refuses duplicates, missing files and strangers', () => {
    expect(orderProblem(['a', 'b'], ['a', 'a'])).toBe('排序中有重复的文件');
    expect(orderProblem(['a', 'b', 'c'], ['a', 'b'])).toBe('文件列表已变化，请刷新后再排序');
    expect(orderProblem(['a', 'b'], ['a', 'x'])).toBe('文件列表已变化，请刷新后再排序');
    expect(orderProblem(['a'], ['a', 'b'])).toBe('文件列表已变化，请刷新后再排序');
  });
});
