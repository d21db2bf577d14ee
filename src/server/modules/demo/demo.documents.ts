import type { DocumentRecord } from '../workbook/sections/documents.section.ts';
import { invitees } from './demo.activities.ts';
import type { Rng } from './demo.random.ts';
import { DAY, type RecordsCtx, chinaDay, chinaMs, dayAt, daytime, utc } from './demo.records.context.ts';
import type { DocumentPlan, TownRecordsPlan } from './demo.records.types.ts';

/*
 * The town's documents (主席团文件, study material, meeting papers, notices) with their recipients and
 * read receipts. A document is a draft from a week before its sending day and sent on that day to the
 * serving deputies its selector picks (the same selector as invitations). Whether and when each
 * recipient opens it is drawn beforehand (most within a day or two, the rest after a reminder, some
 * never); a receipt shows only once its moment is before the seeding moment, and a reminder reaches
 * those who had not opened the document by then. The files' bytes are not in the workbook and the seed
 * has no file store: demo documents carry their text in `summary` and no file (`file: null`), which the
 * pages show as a text-only document.
 */

const HOUR = 3_600_000;
/** The fractional part of x·k: a second number in [0, 1) from one draw. */
const part = (x: number, k: number) => x * k - Math.floor(x * k);

type Recipient = DocumentRecord['recipients'][number];
type Draws = { rate: number; recipients: { deputy: string; u: [number, number, number, number] }[] };

function recipientAsOf(cx: RecordsCtx, d: DocumentPlan, sent: number, deputy: string, u: Draws['recipients'][number]['u'], willRead: boolean): Recipient {
  const reminders = (d.reminders ?? []).map((days) => dayAt(chinaDay(sent + days * DAY), 0, 10, 10));
  // Most open it soon; a few days later at most, unless a reminder comes first: then soon after it.
  let first = sent + (0.2 + u[1] ** 5 * 240) * HOUR;
  for (const r of reminders) if (first > r) first = Math.min(first, r + (1 + part(u[1], 7) * 40) * HOUR);
  first = Math.max(daytime(first, part(u[1], 13)), sent + 10 * 60_000);
  const read = willRead && first <= cx.now;
  const again = daytime(first + (2 + u[3] * 120) * HOUR, part(u[3], 11));
  const reread = read && u[2] < 0.3 && again <= cx.now;
  const reminded = reminders.filter((r) => r <= cx.now && !(read && first <= r));
  return {
    deputy,
    sentAt: utc(sent),
    sentBy: cx.admin.username,
    firstReadAt: read ? utc(first) : null,
    lastReadAt: read ? utc(reread ? again : first) : null,
    readCount: read ? (reread ? (u[3] < 0.3 ? 3 : 2) : 1) : 0,
    remindedCount: reminded.length,
    lastRemindedAt: reminded.length ? utc(reminded[reminded.length - 1]) : null,
  };
}

export function buildDocuments(cx: RecordsCtx, plan: TownRecordsPlan, rng: Rng): DocumentRecord[] {
  // Every draw first, in plan order, before the seeding moment is looked at.
  const draws: Draws[] = plan.documents.map((d) => ({
    rate: rng.next(),
    recipients: invitees(cx.roster, d.to)
      .sort()
      .map((deputy) => ({ deputy, u: [rng.next(), rng.next(), rng.next(), rng.next()] })),
  }));
  const storyDeputy = plan.story && (cx.doc.users ?? []).find((u) => u.username === plan.story?.username)?.deputy;
  const out: DocumentRecord[] = [];
  plan.documents.forEach((d, i) => {
    const sent = chinaMs(d.sentAt);
    if (cx.now < sent - 7 * DAY) return;
    const base = {
      code: d.code,
      title: d.title,
      category: d.category,
      docNumber: d.docNumber,
      issueDate: d.issueDate,
      summary: d.summary,
      file: null,
      activity: d.activity ? cx.activity(d.activity).code : null,
    };
    if (cx.now < sent) {
      out.push({ ...base, status: 'draft', sentAt: null, sentBy: null, recipients: [] });
      return;
    }
    const rate = Math.min(0.97, (d.readRate ?? 0.9) + (draws[i].rate - 0.5) * 0.08);
    const recipients = draws[i].recipients.map(({ deputy, u }) => {
      const willRead = deputy === storyDeputy ? !plan.story?.unread.includes(d.code) : u[0] < rate;
      return recipientAsOf(cx, d, sent, deputy, u, willRead);
    });
    out.push({ ...base, status: 'sent', sentAt: utc(sent), sentBy: cx.admin.username, recipients });
  });
  return out;
}
