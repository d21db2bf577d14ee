import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { IdField } from '../../http/schemas.ts';
import { FileKindEnum } from '../files/files.schemas.ts';
import { ACTIVITY_FILE_ROLES, MAX_CAPTION, MAX_PER_ROLE } from './activity-files.rules.ts';

registerFieldLabels({
  role: '用途',
  files: '文件',
  fileId: '文件',
  fileIds: '文件',
  caption: '说明',
});

const Role = z.enum(ACTIVITY_FILE_ROLES);
const Caption = z.string().trim().max(MAX_CAPTION, `不能超过 ${MAX_CAPTION} 个字`);
const MOST = Math.max(...Object.values(MAX_PER_ROLE));

export const ActivityFileParams = z.object({ id: IdField, fileId: IdField });

/** Files uploaded earlier through POST /files, linked to the activity in one role. */
export const ActivityFilesInput = z.object({
  role: Role,
  files: z
    .array(z.object({ fileId: IdField, caption: Caption.optional() }))
    .min(1, '请至少选择一个文件')
    .max(MOST, `一次最多添加 ${MOST} 个文件`),
});

export const ActivityFileUpdate = z.object({ caption: Caption, version: z.number().int() });

/** The new order of every file of one role, first to last. */
export const ActivityFileOrder = z.object({ role: Role, fileIds: z.array(IdField).max(MOST) });

export const ActivityFileOut = z.object({
  fileId: z.string(),
  role: Role,
  name: z.string(),
  kind: FileKindEnum,
  mime: z.string(),
  size: z.number().int(),
  caption: z.string(),
  sortOrder: z.number().int(),
  addedAt: z.string(),
  addedByName: z.string().nullable(),
  version: z.number().int(),
});
export type ActivityFileOut = z.infer<typeof ActivityFileOut>;

/**
 * All files of one activity, photos then attachments, each in their order. Not paginated: the limits
 * (MAX_PER_ROLE) bound the list to 50 rows. `canEdit` tells the page whether to offer upload and removal.
 */
export const ActivityFileList = z.object({
  items: z.array(ActivityFileOut),
  canEdit: z.boolean(),
  limits: z.object({ photo: z.number().int(), attachment: z.number().int() }),
});
