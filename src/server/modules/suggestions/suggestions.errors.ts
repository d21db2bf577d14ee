import { type FieldIssue, ValidationError, fieldLabel } from '../../http/errors.ts';

/*
 * 400s raised by this area's services. Field labels are global (http/errors.ts) and a few names this
 * area uses are labelled there for other areas (category is 文件类别 for documents); the labels below
 * name them as this area means them, in the messages these services write.
 */
const OWN_LABELS: Record<string, string> = {
  category: '类别',
  grade: '答复等次',
  dueDate: '办理期限',
  note: '说明',
  result: '办理结果评价',
  items: '节假日',
  reason: '理由',
  fileId: '答复文件',
  fileIds: '附件',
};

/** The label of a dotted path's last named segment: `body.grades.1.code` → 代码's label, not "1". */
function labelOf(path: string): string {
  const named = path.split('.').filter((p) => p && !/^\d+$/.test(p));
  const last = named[named.length - 1] ?? path;
  return OWN_LABELS[last] ?? fieldLabel(last);
}

/** One or more bad fields (at least one); the message names the first in Chinese. */
export function badInput(issues: FieldIssue[]): ValidationError {
  const first = issues[0];
  return new ValidationError(`${labelOf(first.field)}：${first.message}`, issues);
}

export function badField(field: string, message: string): ValidationError {
  return badInput([{ field, message }]);
}
