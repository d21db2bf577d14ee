import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';

/**
 * Dialect differences live here and nowhere else.
 * `contains` is a substring match for names ("明" finds 李明华): LIKE with the pattern characters
 * escaped. Chinese has no case; lower() on both sides makes Latin letters match either case.
 */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function containsCi(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${likeContains(term)}) escape '\\'`;
}

export type AnyEb = ExpressionBuilder<any, any>;
