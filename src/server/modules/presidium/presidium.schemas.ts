import { z } from 'zod';
import { registerFieldLabels } from '../../http/errors.ts';
import { DateStr, IdField } from '../../http/schemas.ts';

export const POSITIONS = ['chair', 'vice_chair', 'member'] as const;

registerFieldLabels({
  termId: '届次',
  deputyId: '代表',
  deputyIds: '代表',
  position: '职务',
  startDate: '任职开始日期',
  endDate: '任职结束日期',
  sortOrder: '排序',
});

const SortOrder = z.number().int().min(0).max(9999);

export const PresidiumQuery = z.object({ termId: IdField.optional() });

export const PresidiumMemberInput = z.object({
  termId: IdField,
  deputyId: IdField,
  position: z.enum(POSITIONS),
  startDate: DateStr,
  sortOrder: SortOrder.optional(),
});
// No .default() in input schemas: zod would apply it inside .partial() and blank fields on PATCH.

export const PresidiumMemberUpdate = z.object({
  position: z.enum(POSITIONS).optional(),
  startDate: DateStr.optional(),
  endDate: DateStr.nullish(),
  sortOrder: SortOrder.optional(),
});

export const PresidiumLiaisonsInput = z.object({ deputyIds: z.array(IdField).max(200) });

export const PresidiumMemberOut = z.object({
  id: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  position: z.enum(POSITIONS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  sortOrder: z.number().int(),
  liaisonDeputies: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const PresidiumOut = z.object({ termId: z.string().nullable(), members: z.array(PresidiumMemberOut) });
