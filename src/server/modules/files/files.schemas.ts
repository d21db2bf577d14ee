import { z } from 'zod';

export const FileKindEnum = z.enum(['jpeg', 'png', 'pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt']);

/** What the API says of a stored file. The bytes are fetched from the route of the record that uses it. */
export const FileMeta = z.object({
  id: z.string(),
  name: z.string(),
  kind: FileKindEnum,
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type FileMeta = z.infer<typeof FileMeta>;

export const UploadQuery = z.object({
  /**
   * image: JPEG/PNG only (photos); document: PDF and Office files; any: both. suggestion: both, for a
   * suggestion's attachments and reply documents — the one use (with document) open to deputies and handlers.
   */
  use: z.enum(['image', 'document', 'any', 'suggestion']).optional(),
});
