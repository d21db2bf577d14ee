import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Text ids made in the app: ULIDs sort by creation time, which keyset paging relies on. */
export function newId(): string {
  return next();
}
