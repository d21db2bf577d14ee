import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { CodeField, IdField, NonEmpty } from '../../http/schemas.ts';

export const GROUP_ROLES = ['leader', 'vice_leader', 'member'] as const;

registerFieldLabels({
  stationId: '联络站',
  description: '简介',
  members: '成员',
  deputyId: '代表',
  role: '角色',
});

export const GroupInput = z.object({
  code: CodeField.optional(),
  name: NonEmpty(100),
  stationId: IdField.nullish(),
  description: z.string().trim().max(2000).optional(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.

export const GroupUpdate = GroupInput.partial().extend({ version: z.number().int().positive() });

export const GroupMembersInput = z.object({
  members: z.array(z.object({ deputyId: IdField, role: z.enum(GROUP_ROLES) })).max(200),
  /** The record's version the editor started from: a stale list answers 409 instead of overwriting. Optional for scripts. */
  version: z.number().int().positive().optional(),
});

export const GroupSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  memberCount: z.number().int(),
  leaderName: z.string().nullable(),
});

export const GroupDetail = GroupSummary.extend({
  description: z.string(),
  members: z.array(z.object({ deputyId: z.string(), name: z.string(), role: z.enum(GROUP_ROLES) })),
  version: z.number().int(),
});

export const GroupList = z.array(GroupSummary);
