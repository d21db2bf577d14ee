/**
 * Messages of one area, merged into the dictionaries (../zh-CN.ts, ../en.ts). Keys start with the
 * area's prefix; the type makes the English list carry every Chinese key.
 */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
