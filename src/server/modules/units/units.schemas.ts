import { z } from 'zod';
import { CodeField, NonEmpty, PageQuery, pageOf } from '../../http/schemas.ts';

export const UNIT_KINDS = ['town_office', 'county_dept', 'other'] as const;


export const UnitInput = z.object({
  // Empty on create means "the next automatic code".
  code: CodeField.optional(),
  name: NonEmpty(100),
  kind: z.enum(UNIT_KINDS),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  address: z.string().trim().max(200).optional(),
  active: z.boolean().optional(),
});
// No .default() in input schemas: zod still applies defaults inside .partial(), which would blank
// fields on PATCH. The service fills the defaults on create.

// A unit keeps a code: blanking it would leave a second blank to collide in the unique index.
export const UnitUpdate = UnitInput.partial().extend({ code: CodeField.min(1, '不能为空').optional(), version: z.number().int().positive() });

export const UnitOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});

export const UnitQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const UnitPage = pageOf(UnitOut);
