import type { ElectionPost, RoundOutcome } from '../../db/tables/sessions.ts';

/*
 * The words of an election, pure: the default post names, the agenda item's title, the result
 * announcement (选举结果公告) stored with each round, and the lines of the tally sheet (计票单). The web's
 * print page shows the stored announcement and builds the same sheet lines from the API's figures.
 */

export const DEFAULT_POST_NAME: Record<ElectionPost, string> = {
  chair: '镇人民代表大会主席',
  vice_chair: '镇人民代表大会副主席',
  town_head: '镇长',
  deputy_head: '副镇长',
  presidium_member: '主席团成员',
  other: '',
};

/** 选举镇长 */
export function electionItemTitle(postName: string): string {
  return `选举${postName}`;
}

export type AnnouncementInput = {
  sessionName: string;
  postName: string;
  round: number;
  /** Seats to fill in this round. */
  seats: number;
  allDeputies: number;
  present: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  needed: number;
  outcome: RoundOutcome;
  /** The elected, most votes first. */
  elected: readonly { name: string; for: number }[];
  /** Reached the threshold but tied for the last seat. */
  tied: readonly string[];
  unfilled: number;
  /** YYYY-MM-DD */
  date: string;
};

/** 2026-03-10 → 2026年3月10日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The announcement of one round, as the presidium reads it out and posts it. */
export function announcementText(a: AnnouncementInput): string {
  const lines: string[] = [];
  const roundWords = a.round > 1 ? `第${a.round}轮` : '';
  lines.push(
    `${a.sessionName}于${chineseDate(a.date)}${roundWords ? `进行${a.postName}${roundWords}选举` : `选举${a.postName}`}，应选${a.seats}名。` +
      `全体代表${a.allDeputies}名，出席${a.present}名。共发出选票${a.issued}张，收回${a.returned}张，其中有效票${a.valid}张，无效票${a.invalid}张。`,
  );
  if (a.outcome === 'void') {
    lines.push(`收回的选票多于发出的选票，本次选举无效，应重新选举。`);
  } else {
    lines.push(`根据法律规定，候选人获得全体代表过半数（${a.needed}票）的赞成票，始得当选。`);
    if (a.elected.length > 0) {
      const names = a.elected.map((e) => `${e.name}（${e.for}票）`).join('、');
      lines.push(`计票结果：${names}获得全体代表过半数的赞成票，当选为${a.postName}。`);
    }
    if (a.tied.length > 0) lines.push(`${a.tied.join('、')}得票相等，均不能当选，应就不足的名额另行选举。`);
    if (a.unfilled > 0) {
      lines.push(
        a.elected.length === 0 && a.tied.length === 0
          ? `计票结果：没有候选人获得全体代表过半数的赞成票，${a.postName}${a.unfilled}名未选出，应另行选举。`
          : `${a.postName}尚有${a.unfilled}名未选出，应另行选举。`,
      );
    }
  }
  lines.push('现予公告。');
  lines.push(`${a.sessionName}主席团`);
  lines.push(chineseDate(a.date));
  return lines.join('\n');
}

export type SheetFigures = {
  allDeputies: number;
  present: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  needed: number;
  seats: number;
};

/** The figures at the head of the tally sheet, label and value, in the order they are printed. */
export function tallySheetFigures(f: SheetFigures): { label: string; value: string }[] {
  return [
    { label: '应选名额', value: `${f.seats} 名` },
    { label: '全体代表', value: `${f.allDeputies} 名` },
    { label: '出席代表', value: `${f.present} 名` },
    { label: '发出选票', value: `${f.issued} 张` },
    { label: '收回选票', value: `${f.returned} 张` },
    { label: '有效票', value: `${f.valid} 张` },
    { label: '无效票', value: `${f.invalid} 张` },
    { label: '当选票数', value: `须获全体代表过半数 ${f.needed} 票` },
  ];
}

/** One printed line per candidate (and write-in): name, for, against, abstain, and 当选 when elected. */
export function tallySheetRow(l: { name: string; for: number; against: number; abstain: number; elected: boolean; writeIn: boolean }): string[] {
  return [
    l.writeIn ? `${l.name}（另选他人）` : l.name,
    String(l.for),
    l.writeIn ? '—' : String(l.against),
    l.writeIn ? '—' : String(l.abstain),
    l.elected ? '当选' : '',
  ];
}
