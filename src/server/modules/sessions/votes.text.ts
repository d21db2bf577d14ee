import type { VoteMethod, VoteResult } from '../../db/tables/sessions.ts';

/*
 * The announcement the presiding chair reads after a vote (表决结果宣布), pure. For example:
 * 本次会议应到代表79名，实到60名。表决结果：赞成55票，反对3票，弃权2票，未按表决器0人。
 * 赞成票超过全体代表的半数，《关于…的决议》通过。
 */

export type AnnouncementInput = {
  title: string;
  method: VoteMethod;
  allDeputies: number;
  presentCount: number;
  for: number;
  against: number;
  abstain: number;
  notVoting: number;
  result: VoteResult;
};

/** 《title》, unless the title already carries the book-title marks. */
export function bookTitle(title: string): string {
  const t = title.trim();
  return t.startsWith('《') && t.endsWith('》') ? t : `《${t}》`;
}

export function voteAnnouncement(v: AnnouncementInput): string {
  // With a voting machine those who pressed nothing are 未按表决器; in a show of hands or a roll-call vote, 未表决.
  const notVoting = v.method === 'count' ? `未按表决器${v.notVoting}人` : `未表决${v.notVoting}人`;
  const head = `本次会议应到代表${v.allDeputies}名，实到${v.presentCount}名。表决结果：赞成${v.for}票，反对${v.against}票，弃权${v.abstain}票，${notVoting}。`;
  const name = bookTitle(v.title);
  if (v.result === 'passed') return `${head}赞成票超过全体代表的半数，${name}通过。`;
  if (v.result === 'tie') return `${head}赞成票与反对票相等，${name}须重新表决。`;
  return `${head}赞成票未超过全体代表的半数，${name}未通过。`;
}
