import { API_BASE, http, request } from './client.ts';

/*
 * An activity's photos and attachments. A file is uploaded first (POST /files, which checks its type by
 * content and its size) and then linked to the activity with its id.
 */

export type ActivityFileRole = 'photo' | 'attachment';

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'ppt';

export type FileMeta = { id: string; name: string; kind: FileKind; mime: string; size: number; uploadedAt: string };

export type ActivityFile = {
  fileId: string;
  role: ActivityFileRole;
  name: string;
  kind: FileKind;
  mime: string;
  size: number;
  caption: string;
  sortOrder: number;
  addedAt: string;
  addedByName: string | null;
  version: number;
};

export type ActivityFileList = { items: ActivityFile[]; canEdit: boolean; limits: Record<ActivityFileRole, number> };

/** Same limit as the server's (MAX_FILE_BYTES): checked here only to spare a phone a useless upload. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What the pickers offer; the server decides by the bytes anyway. */
export const ACCEPT: Record<ActivityFileRole, string> = {
  photo: 'image/jpeg,image/png,.jpg,.jpeg,.png',
  attachment: '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx',
};

const base = (activityId: string) => `/activities/${encodeURIComponent(activityId)}/files`;

export const activityFilesApi = {
  list: (activityId: string) => http.get<ActivityFileList>(base(activityId)),
  /** Upload one file to the town's store; `use` makes the server refuse a wrong type before anything is kept. */
  upload: (file: File, role: ActivityFileRole) => http.upload<FileMeta>('POST', `/files?use=${role === 'photo' ? 'image' : 'document'}`, file),
  attach: (activityId: string, role: ActivityFileRole, files: { fileId: string; caption?: string }[]) =>
    http.post<ActivityFileList>(base(activityId), { role, files }),
  caption: (activityId: string, f: ActivityFile, caption: string) =>
    http.patch<ActivityFile>(`${base(activityId)}/${encodeURIComponent(f.fileId)}`, { caption, version: f.version }),
  reorder: (activityId: string, role: ActivityFileRole, fileIds: string[]) => http.put<ActivityFileList>(`${base(activityId)}/order`, { role, fileIds }),
  remove: (activityId: string, fileId: string) => request<{ ok: true }>('DELETE', `${base(activityId)}/${encodeURIComponent(fileId)}`),
  /** The bytes, read through the activity (a deputy may read an activity's photos only when invited). */
  url: (activityId: string, fileId: string) => `${API_BASE}${base(activityId)}/${encodeURIComponent(fileId)}`,
};
