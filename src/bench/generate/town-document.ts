import { Rng } from '../../server/modules/demo/demo.random.ts';
import { PeopleFactory } from '../../server/modules/demo/demo.people.ts';
import type { FindingRecord, NoticeRecord } from '../../server/modules/findings/findings.workbook.ts';
import { INITIAL, type Machine, type SuggestionEvent, next } from '../../server/modules/suggestions/suggestion.machine.ts';
import { rehandleDueDate, replyDueDate } from '../../server/modules/suggestions/deadlines.rules.ts';
import { DEFAULT_CATEGORIES, DEFAULT_GRADES } from '../../server/modules/suggestions/settings.rules.ts';
import { addDays } from '../../server/lib/working-days.ts';
import type { ActivityRecord } from '../../server/modules/workbook/sections/activities.section.ts';
import type { DeputyRecord } from '../../server/modules/workbook/sections/deputies.section.ts';
import type { ReceptionRecord } from '../../server/modules/workbook/sections/receptions.section.ts';
import type { StationRecord } from '../../server/modules/workbook/sections/stations.section.ts';
import type { SuggestionRecord } from '../../server/modules/workbook/sections/suggestions.section.ts';
import type { UserRecord } from '../../server/modules/workbook/sections/users.section.ts';
import { WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION, type WorkbookDocument, canonicalWorkbook } from '../../server/modules/workbook/workbook.document.ts';
import { PHRASES } from '../bench.words.ts';
import { LAST_YEAR, SIZES, type SizeName, type TownVolume, townCode, yearsOf } from './sizes.ts';

/*
 * One bench town as a workbook document (docs/design/scale.md): its organisation, and per year its
 * activities with invitations, leave and attendance, receptions with matters, suggestions with their whole
 * history, and findings with rectification notices. Everything is drawn from generators seeded by
 * (seed, townIndex) only — one per part of the town, so a change to how one part is drawn leaves the
 * others as they were — and nothing reads the clock: the data stands as of AS_OF, the same on every run.
 */

export const BENCH_COUNTY = { code: 'BENCH', name: '基准县' } as const;
/** The day the generated data stands at: nothing happens after it, and what would is still in progress. */
export const AS_OF = `${LAST_YEAR}-11-30`;
/** One term covers every size's years (the term that began at the end of 2021). */
const TERM = { number: 18, startDate: '2021-12-28', endDate: null };

/** The one account of each town. */
export const adminUsername = (townIndex: number) => `${townCode(townIndex).toLowerCase()}-admin`;

// ------------------------------------------------------------------------------------------ random streams

/** A 32-bit seed for one part of one town, mixed from the run's seed, the town and the part. */
function streamSeed(seed: number, townIndex: number, part: number): number {
  let h = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.imul((townIndex + 0x27d4eb2f) >>> 0, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x165667b1);
  h ^= Math.imul(part + 1, 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 16)) >>> 0;
}

const PART = { town: 1, people: 2, activities: 3, receptions: 4, suggestions: 5, findings: 6, visitors: 7 } as const;

// ------------------------------------------------------------------------------------------ words

// 40 × 40 characters: 1,600 distinct two-character town names, enough for the province size.
const TOWN_FIRST = '青白石金银龙凤桃杨柳松竹梅兰荷溪清云霞星月阳春秋东南西北安宁太永长新丰和平兴福寿';
const TOWN_SECOND = '山河江湖岭坪塘田洲林泉源水口桥湾坝冲岗铺市场溪峰岩坡港渡台塔亭城关堡寨营庄集畈圩';
const VILLAGE_NAMES = [
  '杨柳',
  '石桥',
  '白沙',
  '青山',
  '河口',
  '枫林',
  '桃源',
  '新塘',
  '花园',
  '龙泉',
  '金竹',
  '大坪',
  '高岭',
  '清水',
  '柏树',
  '长冲',
  '竹山',
  '梅溪',
  '荷叶',
  '马鞍',
  '黄土',
  '凤凰',
  '太平',
  '双河',
  '兴隆',
  '永和',
  '东岳',
  '南岭',
  '西湖',
  '北山',
  '茶园',
  '松林',
  '杉木',
  '麻田',
  '丰收',
  '胜利',
  '团结',
  '红星',
  '和平',
  '新华',
] as const;
const COMMUNITY_NAMES = ['集镇', '新街', '老街', '站前'] as const;
const UNITS: readonly (readonly [string, 'town_office' | 'county_dept', boolean])[] = [
  // [name, kind, whether the name begins with the town's]
  ['农业综合服务中心', 'town_office', true],
  ['交通运输局', 'county_dept', false],
  ['财政所', 'town_office', true],
  ['住房和城乡建设局', 'county_dept', false],
  ['社会事务综合服务中心', 'town_office', true],
  ['水利局', 'county_dept', false],
  ['综合行政执法大队', 'town_office', true],
  ['教育局', 'county_dept', false],
  ['自然资源所', 'town_office', true],
  ['生态环境分局', 'county_dept', false],
  ['卫生院', 'town_office', true],
  ['应急管理局', 'county_dept', false],
];
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type KindCode = 'K01' | 'K02' | 'K03' | 'K04' | 'K05' | 'K06';
const KINDS: readonly { code: KindCode; name: string; countsAs: 'training' | 'inspection' | 'research' | 'meeting' | 'fixed_day' | 'visit' }[] = [
  { code: 'K01', name: '培训学习', countsAs: 'training' },
  { code: 'K02', name: '视察检查', countsAs: 'inspection' },
  { code: 'K03', name: '专题调研', countsAs: 'research' },
  { code: 'K04', name: '会议座谈', countsAs: 'meeting' },
  { code: 'K05', name: '接待选民', countsAs: 'fixed_day' },
  { code: 'K06', name: '走访联系', countsAs: 'visit' },
];
const KIND_SHARES: readonly (readonly [KindCode, number])[] = [
  ['K01', 4],
  ['K02', 8],
  ['K03', 6],
  ['K04', 6],
  ['K05', 10],
  ['K06', 6],
];
const TITLES: Record<KindCode, readonly string[]> = {
  K01: ['代表履职能力培训', '《代表法》专题学习', '乡村振兴政策培训', '预算审查监督知识培训', '代表建议撰写培训'],
  K02: ['视察{v}人居环境整治', '视察集镇道路建设', '视察农村饮水安全工程', '视察中小学校园安全', '视察{v}高标准农田建设', '检查食品安全工作'],
  K03: ['调研{v}产业发展情况', '调研养老服务体系建设', '调研农村集体经济发展', '调研{v}河长制落实情况', '调研基层医疗服务'],
  K04: ['代表小组活动会', '代表座谈会', '听取政府专项工作报告', '代表建议办理情况通报会'],
  K05: ['{s}代表接待日', '{s}选民接待活动'],
  K06: ['走访{v}困难群众', '走访{v}选民', '走访辖区企业', '走访{v}种养大户'],
};
const LEAVE_REASONS = ['外出务工', '身体不适', '家中有事', '参加县里会议', '企业生产任务重'];
const FINDING_TEXTS = [
  '道路边沟堵塞，雨天积水严重',
  '学校周边缺少交通警示标志',
  '垃圾收集点未按时清运',
  '山塘坝体渗水，存在安全隐患',
  '农贸市场消防通道被占用',
  '饮水工程过滤设施老化',
  '河道岸边堆放建筑垃圾',
  '养殖场污水直排沟渠',
  '村级卫生室药品过期未清理',
  '危桥警示牌缺失',
];
const ENTERPRISES = ['恒达建材有限公司', '绿源生态养殖场', '金竹竹木制品厂', '丰泽农业开发有限公司', '众兴物流有限公司'];
const GRADE_TEXT: Record<string, string> = {
  A: '经研究，该问题已解决。我单位已安排专项资金组织实施，现已完工并投入使用。',
  B: '该问题已列入今年工作计划，正在组织实施，预计年底前完成。',
  C: '受资金和政策条件限制，目前暂无法解决，待条件成熟后优先安排。',
  D: '感谢代表的关注，相关意见已转有关部门留作参考。',
};

// ------------------------------------------------------------------------------------------ time

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The date `n` days after 1 January of `year`. */
const dayOfYear = (year: number, n: number) => addDays(`${year}-01-01`, n);
/** A China-time moment (minutes after midnight on `date`) as the UTC text the tables store. */
const chinaTime = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00.000Z`) + (minutes - 8 * 60) * 60_000).toISOString();
const minDate = (a: string, b: string) => (a < b ? a : b);

// ------------------------------------------------------------------------------------------ the town

type Ctx = {
  code: string;
  name: string;
  short: string;
  admin: string;
  volume: TownVolume;
  years: number[];
  villages: { code: string; name: string }[];
  stations: StationRecord[];
  units: { code: string; name: string }[];
  deputies: DeputyRecord[];
};

/**
 * One town of a size as a workbook document in export form (canonical: sorted, valid by the schema). The
 * town's admin account gets `passwordHash` when one is given (computed once by the caller: scrypt is slow);
 * without one the document carries no hash and the account cannot log in until a password is set.
 */
export function generateTownDocument(seed: number, size: SizeName, townIndex: number, passwordHash?: string): WorkbookDocument {
  const volume = SIZES[size].town;
  const rng = (part: number) => new Rng(streamSeed(seed, townIndex, part));
  const code = townCode(townIndex);
  const first = TOWN_FIRST[townIndex % TOWN_FIRST.length];
  // The second character moves with the first too, so neighbouring towns do not all end alike; for a given
  // first character it still runs through all 40 as the index grows, so the 1,600 names stay distinct.
  const second = TOWN_SECOND[(Math.floor(townIndex / TOWN_FIRST.length) + 7 * (townIndex % TOWN_FIRST.length)) % TOWN_SECOND.length];
  const name = `${first}${second}镇`;

  const townRng = rng(PART.town);
  const people = new PeopleFactory(rng(PART.people));
  const villageNames = townRng.shuffle(VILLAGE_NAMES);
  const communities = Math.min(2, Math.floor(volume.villages / 6));
  const villages = Array.from({ length: volume.villages }, (_, i) => {
    const community = i >= volume.villages - communities;
    return {
      code: `V${pad(i + 1)}`,
      name: community ? `${COMMUNITY_NAMES[i - (volume.villages - communities)]}社区` : `${villageNames[i]}村`,
      kind: (community ? 'community' : 'village') as 'village' | 'community',
      sortOrder: i + 1,
    };
  });
  // Two villages to a constituency; the stations cover the villages in contiguous runs.
  const constituencyOf = (v: number) => `C${pad(Math.floor(v / 2) + 1)}`;
  const stationOf = (v: number) => `S${pad(Math.floor((v * volume.stations) / volume.villages) + 1)}`;

  const deputies: DeputyRecord[] = Array.from({ length: volume.deputies }, (_, i) => {
    const v = i % volume.villages;
    const secretary = i < volume.villages;
    const gender = townRng.chance(0.3) ? 'female' : 'male';
    const p = people.person(gender, secretary ? 1966 : 1962, secretary ? 1986 : 1996);
    const occupation = secretary
      ? '村(社区)干部'
      : townRng.weighted<DeputyRecord['occupation']>([
          ['农民', 30],
          ['村(社区)干部', 12],
          ['企业负责人', 14],
          ['企业职工', 12],
          ['专业技术人员', 12],
          ['个体工商户', 12],
          ['机关事业单位', 8],
        ]);
    const village = villages[v].name;
    const [workplace, title] =
      occupation === '村(社区)干部'
        ? [`${village}${villages[v].kind === 'community' ? '居委会' : '村委会'}`, secretary ? '党组织书记、主任' : '委员']
        : occupation === '农民'
          ? [`${name}${village}`, townRng.pick(['种粮大户', '生猪养殖户', '家庭农场主', '茶叶种植户'])]
          : occupation === '企业负责人' || occupation === '企业职工'
            ? [townRng.pick(ENTERPRISES), occupation === '企业负责人' ? '总经理' : townRng.pick(['技术员', '车间主任', '班组长'])]
            : occupation === '专业技术人员'
              ? townRng.pick([
                  [`${name}中心学校`, '教师'],
                  [`${name}卫生院`, '主治医师'],
                ] as [string, string][])
              : occupation === '机关事业单位'
                ? [`${name}人民政府`, '干部']
                : [`${name}${townRng.pick(['超市', '农资店', '餐馆'])}`, '经营者'];
    return {
      code: `D${pad(i + 1, 3)}`,
      term: TERM.number,
      name: p.name,
      gender,
      birthDate: p.birthDate,
      ethnicity: townRng.weighted<DeputyRecord['ethnicity']>([
        ['汉族', 90],
        ['苗族', 5],
        ['土家族', 5],
      ]),
      party: secretary
        ? '中共党员'
        : townRng.weighted<DeputyRecord['party']>([
            ['中共党员', 60],
            ['群众', 25],
            ['无党派人士', 8],
            ['民盟盟员', 4],
            ['九三学社社员', 3],
          ]),
      isTownLevel: true,
      isCountyLevel: i % Math.max(1, Math.floor(volume.deputies / volume.countyLevel)) === 0,
      constituency: constituencyOf(v),
      station: stationOf(v),
      occupation,
      workplace,
      title,
      phone: p.phone,
      idNumber: p.idNumber,
      status: 'serving',
      statusDate: null,
      statusReason: null,
      hardship: false,
      photo: null,
      notes: '',
    };
  });

  const stations: StationRecord[] = Array.from({ length: volume.stations }, (_, s) => {
    const covered = villages.filter((_, v) => stationOf(v) === `S${pad(s + 1)}`);
    const home = s === 0;
    return {
      code: `S${pad(s + 1)}`,
      name: home ? `${name}人大代表之家` : `${name}第${CHINESE_NUMBERS[s % 10]}代表联络站`,
      kind: home ? 'home' : 'station',
      address: `${name}${covered[0]?.name ?? ''}${home ? '便民服务中心二楼' : '党群服务中心'}`,
      phone: `0739-${5_000_000 + townRng.int(0, 999_999)}`,
      head: deputies.find((d) => d.station === `S${pad(s + 1)}`)?.code ?? null,
      scheduleRule: { type: 'monthly_days', days: [10, 20] },
      description: `覆盖${covered.map((v) => v.name).join('、')}，每月10日、20日为代表接待日。`,
      villages: covered.map((v) => v.code),
    };
  });

  const units = UNITS.slice(0, volume.units).map(([unitName, kind, ofTown], i) => ({
    code: `U${pad(i + 1)}`,
    name: ofTown ? `${name}${unitName}` : `${BENCH_COUNTY.name}${unitName}`,
    kind,
    contactName: people.name(townRng.chance(0.4) ? 'female' : 'male'),
    contactPhone: people.phone(),
    address: kind === 'county_dept' ? `${BENCH_COUNTY.name}行政中心` : `${name}人民政府院内`,
    active: true,
  }));

  const admin = adminUsername(townIndex);
  const users: UserRecord[] = [
    {
      username: admin,
      displayName: `${name}人大办`,
      phone: null,
      role: 'town_admin',
      deputy: null,
      unit: null,
      station: null,
      active: true,
      ...(passwordHash ? { passwordHash } : {}),
    },
  ];

  const cx: Ctx = { code, name, short: first, admin, volume, years: yearsOf(size), villages, stations, units, deputies };
  const activities = buildActivities(cx, rng(PART.activities));
  const receptions = buildReceptions(cx, rng(PART.receptions), new PeopleFactory(rng(PART.visitors)));
  const suggestions = buildSuggestions(cx, rng(PART.suggestions), receptions);
  const { findings, rectificationNotices } = buildFindings(cx, rng(PART.findings), activities);

  const constituencies = new Map<string, string[]>();
  villages.forEach((v, i) => {
    constituencies.set(constituencyOf(i), [...(constituencies.get(constituencyOf(i)) ?? []), v.code]);
  });
  return canonicalWorkbook({
    format: WORKBOOK_FORMAT,
    formatVersion: WORKBOOK_FORMAT_VERSION,
    county: { ...BENCH_COUNTY },
    town: { code, name, population: 20_000 + townRng.int(0, 40_000) },
    villages,
    terms: [TERM],
    constituencies: [...constituencies].map(([c, vs]) => ({
      term: TERM.number,
      code: c,
      name: `第${c.slice(1).replace(/^0/, '')}选区`,
      seats: deputies.filter((d) => d.constituency === c).length,
      villages: vs,
    })),
    stations,
    units,
    deputies,
    users,
    activityKinds: KINDS.map((k, i) => ({ ...k, sortOrder: i + 1, active: true })),
    activities,
    receptions,
    suggestions,
    findings,
    rectificationNotices,
  });
}

// ------------------------------------------------------------------------------------------ activities

function buildActivities(cx: Ctx, rng: Rng): ActivityRecord[] {
  const out: ActivityRecord[] = [];
  const n = cx.volume.activitiesPerYear;
  for (const year of cx.years) {
    for (let i = 0; i < n; i++) {
      // Spread over 5 January … 25 November; every fifth is an inspection, so each year has some to find problems at.
      const date = dayOfYear(year, 4 + Math.floor((i * 320) / n) + rng.int(0, 3));
      const kind: KindCode = i % 5 === 0 ? 'K02' : rng.weighted(KIND_SHARES);
      const village = rng.pick(cx.villages).name;
      const station = rng.pick(cx.stations);
      const byStation = kind === 'K05' || (kind === 'K06' && rng.chance(0.5));
      const title = rng.pick(TITLES[kind]).replace('{v}', village).replace('{s}', station.name);
      const startMinute = rng.pick([8 * 60 + 30, 9 * 60, 14 * 60, 14 * 60 + 30]);
      const startAt = chinaTime(date, startMinute);
      const endAt = chinaTime(date, startMinute + rng.pick([90, 120, 150, 180]));
      const status = rng.chance(0.05) ? 'cancelled' : 'held';
      const invited = rng.shuffle(byStation ? cx.deputies.filter((d) => d.station === station.code) : cx.deputies);
      const count = Math.min(invited.length, rng.int(cx.volume.invitations[0], cx.volume.invitations[1]));
      const invitations = invited.slice(0, count).map((d) => invitation(rng, cx.admin, d.code, date, startMinute, endAt, status === 'held'));
      out.push({
        code: `A${pad(out.length + 1, 5)}`,
        title,
        kind,
        organiserType: byStation ? 'station' : 'town',
        organiser: byStation ? station.code : null,
        startAt,
        endAt,
        place: byStation ? station.address : `${cx.name}人民政府${rng.pick(['一楼会议室', '三楼会议室'])}`,
        content: `${title}。${rng.pick(PHRASES)}，听取情况介绍并提出意见建议。`,
        speakers: kind === 'K01' ? [`${BENCH_COUNTY.name}人大常委会${rng.pick(['研究室', '代表工作委员会'])}`] : [],
        outcomes: status === 'held' ? `形成意见建议${rng.int(2, 6)}条，交有关单位研究办理。` : '',
        status,
        series: null,
        seriesDate: null,
        moved: false,
        detached: false,
        signInCode: String(rng.int(0, 999_999)).padStart(6, '0'),
        invitations,
      });
    }
  }
  return out;
}

type Invitation = ActivityRecord['invitations'][number];

function invitation(rng: Rng, admin: string, deputy: string, date: string, start: number, endAt: string, held: boolean): Invitation {
  const invitedOn = addDays(date, -7);
  const base: Invitation = {
    deputy,
    invitedAt: chinaTime(invitedOn, 10 * 60),
    invitedBy: admin,
    response: 'accepted',
    respondedAt: chinaTime(invitedOn, 10 * 60 + rng.int(30, 600)),
    leaveStatus: null,
    leaveReason: '',
    leaveRequestedAt: null,
    leaveDecidedBy: null,
    leaveDecidedAt: null,
    leaveNote: '',
    attendance: null,
    attendanceBy: null,
    attendanceAt: null,
    signedInAt: null,
  };
  const r = rng.next();
  if (r < 0.08) {
    const asked = addDays(date, -2);
    return {
      ...base,
      response: 'pending',
      respondedAt: null,
      leaveStatus: 'approved',
      leaveReason: rng.pick(LEAVE_REASONS),
      leaveRequestedAt: chinaTime(asked, 9 * 60),
      leaveDecidedBy: admin,
      leaveDecidedAt: chinaTime(asked, 11 * 60),
      leaveNote: '同意',
      ...(held ? { attendance: 'on_leave', attendanceBy: 'staff', attendanceAt: endAt } : {}),
    };
  }
  if (!held) return base;
  if (r < 0.12) return { ...base, response: rng.chance(0.5) ? 'pending' : 'accepted', attendance: 'absent', attendanceBy: 'staff', attendanceAt: endAt };
  if (r < 0.2) {
    const at = chinaTime(date, start + rng.int(10, 40));
    return { ...base, attendance: 'late', attendanceBy: 'self', attendanceAt: at, signedInAt: at };
  }
  if (rng.chance(0.8)) {
    const at = chinaTime(date, start - rng.int(2, 25));
    return { ...base, attendance: 'present', attendanceBy: 'self', attendanceAt: at, signedInAt: at };
  }
  return { ...base, attendance: 'present', attendanceBy: 'staff', attendanceAt: endAt };
}

// ------------------------------------------------------------------------------------------ receptions

function buildReceptions(cx: Ctx, rng: Rng, visitors: PeopleFactory): ReceptionRecord[] {
  const out: ReceptionRecord[] = [];
  const n = cx.volume.receptionsPerYear;
  for (const year of cx.years) {
    for (let i = 0; i < n; i++) {
      // The stations' reception days (the 10th and 20th), two a month, round the stations.
      const month = 1 + (Math.floor((i * 12) / n) % 12);
      const date = `${year}-${pad(month)}-${i % 2 === 0 ? '10' : '20'}`;
      if (date > AS_OF) continue;
      const station = cx.stations[out.length % cx.stations.length];
      const own = cx.deputies.filter((d) => d.station === station.code);
      const onDuty = rng.shuffle(own.length >= 2 ? own : cx.deputies).slice(0, 2);
      const matters = Array.from({ length: cx.volume.mattersPerReception }, (_, m) => {
        const routing = rng.weighted<ReceptionRecord['matters'][number]['routing']>([
          ['on_spot', 40],
          ['village', 20],
          ['suggestion', 25],
          ['county_deputy', 10],
          ['not_accepted', 5],
        ]);
        const village = rng.pick(cx.villages.filter((v) => station.villages.includes(v.code)));
        return {
          seq: m + 1,
          visitorName: visitors.name(rng.chance(0.4) ? 'female' : 'male'),
          visitorPhone: rng.chance(0.6) ? visitors.phone() : null,
          visitorCount: rng.chance(0.1) ? rng.int(2, 8) : 1,
          village: village.code,
          category: rng.pick(DEFAULT_CATEGORIES),
          content: `${village.name}群众反映：${rng.pick(PHRASES)}。`,
          routing,
          routingNote:
            routing === 'not_accepted'
              ? '属于司法程序处理事项，已告知依法通过诉讼途径解决'
              : routing === 'on_spot'
                ? '当场作了解释说明'
                : routing === 'village'
                  ? `转${village.name}处理`
                  : '',
        };
      });
      out.push({
        code: `R${pad(out.length + 1, 5)}`,
        station: station.code,
        date,
        startTime: '09:00',
        endTime: '11:30',
        place: station.address,
        activity: null,
        notes: '',
        createdBy: cx.admin,
        deputies: onDuty.map((d) => d.code).sort(),
        matters,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ suggestions

type Draft = {
  submitOn: string;
  lead: DeputyRecord;
  co: DeputyRecord[];
  source: SuggestionRecord['source'];
  title: string;
  content: string;
  category: string;
  village: string;
};

const GRADE_SHARES: readonly (readonly [string, number])[] = [
  ['A', 55],
  ['B', 25],
  ['C', 12],
  ['D', 8],
];
const RATING_SHARES: readonly (readonly [SuggestionRecord['rating'] & string, number])[] = [
  ['satisfied', 70],
  ['basically', 22],
  ['dissatisfied', 8],
];
const RATING_COMMENT: Record<string, string> = {
  satisfied: '办理及时，效果明显',
  basically: '基本落实，希望持续跟进',
  dissatisfied: '问题没有解决，请重新办理',
};

function buildSuggestions(cx: Ctx, rng: Rng, receptions: ReceptionRecord[]): SuggestionRecord[] {
  const out: SuggestionRecord[] = [];
  const n = cx.volume.suggestionsPerYear;
  for (const year of cx.years) {
    const drafts: Draft[] = [];
    // Matters routed to a suggestion at the year's receptions become items, made by a deputy on duty.
    for (const r of receptions) {
      if (!r.date.startsWith(`${year}-`)) continue;
      for (const m of r.matters) {
        if (m.routing !== 'suggestion' || drafts.length >= n) continue;
        const lead = cx.deputies.find((d) => d.code === r.deputies[0]) as DeputyRecord;
        drafts.push({
          submitOn: addDays(r.date, rng.int(1, 3)),
          lead,
          co: [],
          source: { type: 'reception', reception: r.code, seq: m.seq },
          title: m.content.replace(/。$/, '').slice(0, 60),
          content: m.content,
          category: m.category,
          village: m.village ?? cx.villages[0].code,
        });
      }
    }
    // The rest come from the deputies themselves, most around the session at the start of the year.
    while (drafts.length < n) {
      const early = rng.chance(0.4);
      const submitOn = dayOfYear(year, early ? rng.int(5, 70) : rng.int(70, 345));
      const lead = rng.pick(cx.deputies);
      const village = rng.pick(cx.villages);
      const phrase = rng.pick(PHRASES);
      drafts.push({
        submitOn,
        lead,
        co: rng
          .shuffle(cx.deputies)
          .slice(0, rng.int(0, 3))
          .filter((d) => d.code !== lead.code),
        source: null,
        title: `关于${village.name}${phrase.replace(/^建议/, '')}的建议`,
        content: `${village.name}${phrase}，群众反映强烈。${rng.pick(PHRASES)}，也需要统筹考虑。`,
        category: rng.pick(DEFAULT_CATEGORIES),
        village: village.code,
      });
    }
    const inYear = drafts.filter((d) => d.submitOn <= AS_OF).sort((a, b) => (a.submitOn < b.submitOn ? -1 : a.submitOn > b.submitOn ? 1 : 0));
    inYear.forEach((d, i) => {
      out.push(suggestion(cx, rng, d, `${year}-${pad(i + 1, 3)}`, year));
    });
  }
  return out;
}

/** One item with its history, from submission as far as AS_OF allows (later steps have not happened yet). */
function suggestion(cx: Ctx, rng: Rng, d: Draft, code: string, year: number): SuggestionRecord {
  const fromReception = d.source?.type === 'reception';
  const rec: SuggestionRecord = {
    code,
    year,
    kind: rng.weighted<SuggestionRecord['kind']>([
      ['suggestion', 90],
      ['criticism', 4],
      ['opinion', 6],
    ]),
    title: d.title,
    content: d.content,
    grounds: '经走访了解，该问题影响群众日常生产生活，群众多次反映。',
    proposal: '建议有关部门统筹安排资金，尽快研究解决。',
    category: d.category,
    sourceType: fromReception ? 'reception' : 'deputy',
    source: d.source,
    village: d.village,
    session: null,
    state: 'draft',
    pending: null,
    round: 1,
    followUp: false,
    notAcceptedReason: '',
    mergedInto: null,
    keySupervision: false,
    keyNote: '',
    assignedOn: null,
    dueDate: null,
    submittedAt: null,
    registeredAt: null,
    repliedOn: null,
    grade: null,
    rating: null,
    closedAt: null,
    published: false,
    publicAnswer: '',
    createdBy: cx.admin,
    sponsors: [{ deputy: d.lead.code, role: 'lead' as const }, ...d.co.map((c) => ({ deputy: c.code, role: 'co' as const }))],
    units: [],
    files: [],
    events: [],
    replies: [],
    ratings: [],
    requests: [],
    consultations: [],
  };
  let m: Machine = INITIAL;
  let day = d.submitOn;
  let minute = 9 * 60 + rng.int(0, 300);
  const event = (e: SuggestionEvent | { type: 'create' }, actor: string | null, actorName: string, data: Record<string, unknown> = {}, note = '') => {
    const from = e.type === 'create' ? null : m.state;
    const round = m.round;
    if (e.type !== 'create') m = next(m, e);
    const at = chinaTime(day, minute);
    minute += 7;
    rec.events.push({ type: e.type, fromState: from, toState: e.type === 'create' ? 'draft' : m.state, round, actor, actorName, at, data, note });
    return at;
  };
  /** Moves the day on; false when that is after AS_OF (the item stops where it is). */
  const wait = (days: number) => {
    const to = addDays(day, days);
    if (to > AS_OF) return false;
    day = to;
    minute = 9 * 60 + rng.int(0, 420);
    return true;
  };
  const adminName = `${cx.name}人大办`;
  const office = rng.pick(cx.units);
  const co = rng.chance(0.2) ? rng.pick(cx.units.filter((u) => u.code !== office.code)) : undefined;

  event({ type: 'create' }, cx.admin, adminName, { sourceType: rec.sourceType });
  rec.submittedAt = event({ type: 'submit' }, cx.admin, adminName);
  const fate = rng.next();
  const run = () => {
    if (!wait(rng.int(1, 5))) return;
    if (fate < 0.03) {
      event({ type: 'not_accept' }, cx.admin, adminName, {}, '不属于本级人大代表建议范围，已转有关部门');
      rec.notAcceptedReason = '不属于本级人大代表建议范围，已转有关部门';
      return;
    }
    if (fate < 0.05) {
      event({ type: 'withdraw' }, cx.admin, adminName, {}, '与其他代表的建议重复，撤回');
      return;
    }
    rec.registeredAt = event({ type: 'register' }, cx.admin, adminName);
    if (!wait(rng.int(1, 6))) return;
    const due = replyDueDate(day);
    event({ type: 'assign' }, cx.admin, adminName, {
      leadUnit: { name: office.name },
      coUnits: co ? [{ name: co.name }] : [],
      assignedOn: day,
      dueDate: due,
    });
    rec.assignedOn = day;
    rec.dueDate = due;
    rec.units = [{ unit: office.code, role: 'lead' as const }, ...(co ? [{ unit: co.code, role: 'co' as const }] : [])];
    if (!wait(rng.int(2, 10))) return;
    event({ type: 'start' }, null, office.name);
    if (rng.chance(0.4)) {
      if (!wait(rng.int(5, 20))) return;
      const method = rng.pick(['face', 'phone', 'site'] as const);
      event({ type: 'consult' }, null, office.name, { heldOn: day, method, stage: 'before' });
      rec.consultations.push({ unit: office.code, heldOn: day, method, stage: 'before', note: '与领衔代表当面沟通办理思路', createdBy: null });
    }
    // Some offices ask for more time; a few are slow and reply after the deadline (overdue while they wait).
    if (fate > 0.92) {
      if (!wait(rng.int(20, 40))) return;
      const requestedDue = addDays(rec.dueDate as string, 30);
      const reason = '涉及项目立项和资金安排，需要更多时间';
      const at = event({ type: 'request_extension' }, null, office.name, { requestedDue }, reason);
      rec.requests.push({
        unit: office.code,
        kind: 'extension',
        reason,
        requestedDue,
        requestedBy: null,
        requestedAt: at,
        decision: null,
        decisionNote: '',
        decidedBy: null,
        decidedAt: null,
      });
      if (!wait(rng.int(1, 4))) return;
      const decidedAt = event({ type: 'decide_extension', approved: true }, cx.admin, adminName, { approved: true, dueDate: requestedDue });
      Object.assign(rec.requests[rec.requests.length - 1], { decision: 'approved', decisionNote: '同意延期', decidedBy: cx.admin, decidedAt });
      rec.dueDate = requestedDue;
    }
    const slow = fate > 0.86 && fate <= 0.92;
    const reply = (days: number) => {
      if (!wait(days)) return false;
      const grade = rng.weighted(GRADE_SHARES);
      const g = DEFAULT_GRADES.find((x) => x.code === grade) ?? DEFAULT_GRADES[0];
      event({ type: 'reply', grade: g.code, followUp: g.followUp }, null, office.name, {
        grade: g.code,
        gradeLabel: g.label,
        repliedOn: day,
        dueDate: rec.dueDate,
      });
      rec.replies.push({
        round: m.round,
        unit: office.code,
        grade: g.code,
        content: GRADE_TEXT[g.code],
        file: null,
        repliedOn: day,
        dueDate: rec.dueDate as string,
        repliedBy: null,
      });
      rec.repliedOn = day;
      rec.grade = g.code;
      return true;
    };
    const rate = (days: number) => {
      if (!wait(days)) return false;
      const round = m.round;
      const result = rng.weighted(RATING_SHARES);
      const attitude = result === 'dissatisfied' ? 'basically' : 'satisfied';
      event({ type: 'rate', rating: result }, cx.admin, adminName, { attitude, result });
      rec.ratings.push({ round, deputy: d.lead.code, attitude, result, comment: RATING_COMMENT[result], ratedOn: day, ratedBy: cx.admin });
      rec.rating = result;
      if (m.state === 'rehandling') {
        rec.dueDate = rehandleDueDate(day);
        (rec.events[rec.events.length - 1] as { data: Record<string, unknown> }).data.dueDate = rec.dueDate;
      }
      return true;
    };
    if (!reply(slow ? rng.int(100, 140) : rng.int(20, 70))) return;
    // A few items are never rated in time: the office closes them after the rating window.
    if (rng.chance(0.05)) {
      if (wait(rng.int(30, 40))) event({ type: 'close' }, cx.admin, adminName, {}, '代表逾期未评价，予以办结');
      return;
    }
    if (!rate(rng.int(5, 15))) return;
    if (m.state === 'rehandling') {
      if (!reply(rng.int(15, 28))) return;
      if (!rate(rng.int(5, 12))) return;
    }
    if (m.state === 'following' && wait(rng.int(60, 150))) event({ type: 'close' }, cx.admin, adminName, {}, '已落实，予以办结');
  };
  run();
  rec.state = m.state;
  rec.pending = m.pending;
  rec.round = m.round;
  rec.followUp = m.followUp;
  if (m.state === 'closed') {
    rec.closedAt = rec.events[rec.events.length - 1].at;
    if (rng.chance(0.3)) {
      rec.published = true;
      rec.publicAnswer = rec.replies[rec.replies.length - 1]?.content ?? '';
    }
  }
  return rec;
}

// ------------------------------------------------------------------------------------------ findings

function buildFindings(cx: Ctx, rng: Rng, activities: ActivityRecord[]): { findings: FindingRecord[]; rectificationNotices: NoticeRecord[] } {
  const findings: FindingRecord[] = [];
  const notices: NoticeRecord[] = [];
  for (const year of cx.years) {
    const held = activities.filter((a) => a.status === 'held' && a.startAt.startsWith(`${year}-`));
    const inspections = held.filter((a) => a.kind === 'K02');
    const at = inspections.length ? inspections : held;
    if (!at.length) continue;
    let noticeNo = 0;
    for (let i = 0; i < cx.volume.findingsPerYear; i++) {
      const activity = at[i % at.length];
      // The China date of the inspection (its start is 08:30 or later, so the UTC date is the same day).
      const foundOn = activity.startAt.slice(0, 10);
      const type = rng.weighted<FindingRecord['responsibleType']>([
        ['unit', 50],
        ['village', 35],
        ['enterprise', 15],
      ]);
      const unit = rng.pick(cx.units);
      const village = rng.pick(cx.villages);
      const enterprise = rng.pick(ENTERPRISES);
      const last = year === cx.years[cx.years.length - 1] && year === LAST_YEAR;
      let status = rng.weighted<FindingRecord['status']>(
        last
          ? [
              ['open', 25],
              ['rectifying', 40],
              ['reinspected', 10],
              ['closed', 25],
            ]
          : [
              ['rectifying', 5],
              ['reinspected', 10],
              ['closed', 85],
            ],
      );
      let closedOn: string | null = status === 'closed' ? addDays(foundOn, rng.int(20, 90)) : null;
      if (closedOn && closedOn > AS_OF) {
        status = 'rectifying';
        closedOn = null;
      }
      const finding: FindingRecord = {
        code: `F${pad(findings.length + 1, 5)}`,
        activity: activity.code,
        foundOn,
        description: rng.pick(FINDING_TEXTS),
        place: type === 'village' ? village.name : type === 'unit' ? `${cx.name}${rng.pick(VILLAGE_NAMES)}片区` : enterprise,
        responsibleType: type,
        responsible: type === 'unit' ? unit.code : type === 'village' ? village.code : null,
        responsibleName: type === 'enterprise' ? enterprise : '',
        severity: rng.weighted<FindingRecord['severity']>([
          ['minor', 40],
          ['general', 50],
          ['major', 10],
        ]),
        status,
        closedOn,
        closeReason: closedOn ? '整改到位，复查合格，予以销号' : '',
      };
      findings.push(finding);
      // A finding taken up for rectification gets its notice a few days after the inspection.
      if (status === 'open') continue;
      const issuedOn = minDate(addDays(foundOn, rng.int(2, 5)), closedOn ?? AS_OF);
      noticeNo += 1;
      notices.push({
        number: `${cx.short}人整〔${year}〕${noticeNo}号`,
        issuedOn,
        deadline: addDays(issuedOn, rng.pick([15, 30, 60])),
        addressee: type === 'unit' ? unit.name : type === 'village' ? `${village.name}${village.name.endsWith('社区') ? '居委会' : '村委会'}` : enterprise,
        content: `代表在${activity.title}中发现：${finding.description}。请于期限内整改到位，并将整改情况书面报镇人大主席团。`,
        findings: [finding.code],
      });
    }
  }
  return { findings, rectificationNotices: notices };
}
