/*
 * Tables of one area, merged into the app's DB type in ../schema.ts. Table names are camelCase here
 * (the CamelCasePlugin maps them to snake_case in SQL).
 */
import type { Generated } from 'kysely';

/** photo: a JPEG/PNG shown in the activity's gallery; attachment: a PDF or Office file to download. */
export type ActivityFileRole = 'photo' | 'attachment';

/** A stored file linked to an activity (migration 20261128_0110_activity_files). */
export interface ActivityFileTable {
  id: string;
  townId: string;
  activityId: string;
  fileId: string;
  role: ActivityFileRole;
  caption: Generated<string>;
  sortOrder: Generated<number>;
  version: Generated<number>;
  addedBy: string | null;
  addedAt: string;
}

export interface ActivityFileTables {
  activityFile: ActivityFileTable;
}
