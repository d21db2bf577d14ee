import { describe, expect, it } from 'vitest';
import { announcementText, chineseDate, electionItemTitle, tallySheetFigures, tallySheetRow } from './elections.text.ts';

const base = {
  sessionName: '甲镇第十八届人民代表大会第二次会议',
  postName: '镇长',
  round: 1,
  seats: 1,
  allDeputies: 79,
  present: 60,
  issued: 60,
  returned: 60,
  valid: 58,
  invalid: 2,
  needed: 40,
  outcome: 'filled' as const,
  elected: [{ name: '张卫东', for: 40 }],
  tied: [],
  unfilled: 0,
  date: '2026-03-10',
};

describe('election words', () => {
  it('titles and dates', () => {
    expect(electionItemTitle('镇长')).toBe('选举镇长');
    expect(chineseDate('2026-03-09')).toBe('2026年3月9日');
  });

  it('announces the elected with the threshold of all deputies', () => {
    const text = announcementText(base);
    expect(text).toContain('甲镇第十八届人民代表大会第二次会议于2026年3月10日选举镇长，应选1名。');
    expect(text).toContain('全体代表79名，出席60名。共发出选票60张，收回60张，其中有效票58张，无效票2张。');
    expect(text).toContain('全体代表过半数（40票）');
    expect(text).toContain('张卫东（40票）获得全体代表过半数的赞成票，当选为镇长。');
    expect(text.split('\n').at(-2)).toBe('甲镇第十八届人民代表大会第二次会议主席团');
    expect(text.split('\n').at(-1)).toBe('2026年3月10日');
  });

  it('nobody elected, a later round, ties and a void round', () => {
    expect(announcementText({ ...base, outcome: 'none', elected: [], unfilled: 1 })).toContain(
      '没有候选人获得全体代表过半数的赞成票，镇长1名未选出，应另行选举。',
    );
    const r2 = announcementText({
      ...base,
      round: 2,
      postName: '副镇长',
      seats: 2,
      outcome: 'partly',
      elected: [{ name: '甲', for: 60 }],
      tied: ['乙', '丙'],
      unfilled: 1,
    });
    expect(r2).toContain('进行副镇长第2轮选举');
    expect(r2).toContain('乙、丙得票相等，均不能当选');
    expect(r2).toContain('副镇长尚有1名未选出');
    const v = announcementText({ ...base, returned: 61, outcome: 'void', elected: [], unfilled: 1 });
    expect(v).toContain('本次选举无效');
    expect(v).not.toContain('当选为');
  });

  it('tally sheet lines', () => {
    const f = tallySheetFigures({ allDeputies: 79, present: 60, issued: 60, returned: 60, valid: 58, invalid: 2, needed: 40, seats: 1 });
    expect(f.map((x) => x.label)).toEqual(['应选名额', '全体代表', '出席代表', '发出选票', '收回选票', '有效票', '无效票', '当选票数']);
    expect(f.at(-1)?.value).toBe('须获全体代表过半数 40 票');
    expect(tallySheetRow({ name: '张卫东', for: 40, against: 15, abstain: 3, elected: true, writeIn: false })).toEqual(['张卫东', '40', '15', '3', '当选']);
    expect(tallySheetRow({ name: '孙七', for: 1, against: 0, abstain: 0, elected: false, writeIn: true })).toEqual(['孙七（另选他人）', '1', '—', '—', '']);
  });
});
