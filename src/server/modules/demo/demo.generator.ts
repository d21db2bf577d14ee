import type { DeputyRecord } from '../workbook/sections/deputies.section.ts';
import type { GroupRecord } from '../workbook/sections/groups.section.ts';
import type { PresidiumRecord } from '../workbook/sections/presidium.section.ts';
import type { UserRecord } from '../workbook/sections/users.section.ts';
import { WORKBOOK_FORMAT, WORKBOOK_FORMAT_VERSION, type WorkbookDocument, canonicalWorkbook } from '../workbook/workbook.document.ts';
import { buildAchievements } from './demo.achievements.ts';
import { buildActivities } from './demo.activities.ts';
import { BAISHA_YEAR } from './demo.calendar.baisha.ts';
import { QINGSHI_YEAR } from './demo.calendar.qingshi.ts';
import type { TownYear } from './demo.calendar.types.ts';
import { buildOversight } from './demo.oversight.ts';
import { PeopleFactory } from './demo.people.ts';
import { buildPortalSubmissions } from './demo.portal.ts';
import { buildPoints } from './demo.points.ts';
import { Rng } from './demo.random.ts';
import { BAISHA_RECORDS } from './demo.records.baisha.ts';
import { QINGSHI_RECORDS } from './demo.records.qingshi.ts';
import { buildRecords } from './demo.records.ts';
import { buildReceptions } from './demo.receptions.ts';
import { buildSessions } from './demo.sessions.ts';
import { buildSuggestions } from './demo.suggestions.ts';
import type { TownRecordsPlan } from './demo.records.types.ts';
import { BAISHA, DEMO_COUNTY, type Occupation, QINGSHI, type TownPlan } from './demo.towns.ts';

/*
 * The demo county as workbook documents, generated from the town plans with a seeded PRNG: the
 * same documents on every run (except the password hash, which is salted), loaded through the
 * workbook importer like any other workbook.
 */

export const DEMO_SEED = 20211228;
export const DEMO_TOWNS: readonly TownPlan[] = [QINGSHI, BAISHA];
/** Each town's year of activities (demo.calendar.*.ts). */
const DEMO_YEARS: Record<string, TownYear> = { [QINGSHI.code]: QINGSHI_YEAR, [BAISHA.code]: BAISHA_YEAR };
/** Each town's presidium meetings, documents and research topics (demo.records.*.ts). */
const DEMO_RECORDS: Record<string, TownRecordsPlan> = { [QINGSHI.code]: QINGSHI_RECORDS, [BAISHA.code]: BAISHA_RECORDS };

/**
 * The activities of each town draw from a generator of their own: drawing them from the people's
 * generator would change every person of the second town whenever the first town's calendar changes.
 */
const activityRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x9e3779b9) + townIndex * 0x85ebca6b);
/** Meetings, documents and research draw from a third generator per town, for the same reason. */
const recordsRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x27d4eb2f) + townIndex * 0x165667b1);
/** Receptions draw from a generator of their own per town, so adding them changed nothing else. */
const receptionsRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x5bd1e995) + townIndex * 0x1b873593);
/** Suggestions too: they come after the receptions they are made from, and draw from a generator of their own. */
const suggestionsRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x68e31da4) + townIndex * 0x7feb352d);
/**
 * The congress sessions draw from a generator of their own per town. They are built before the
 * suggestions (which read the session, its roll and the motion handled as a suggestion); they read no
 * suggestion, so the order changes none of their draws.
 */
const sessionsRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x3c6ef372) + townIndex * 0x2545f491);
/** Oversight and evaluation (findings, appraisals, duty reports, reviews, points) draw from their own generator. */
const oversightRng = (townIndex: number) => new Rng((DEMO_SEED ^ 0x1b56c4e9) + townIndex * 0x6a09e667);

export type DemoAccount = { townCode: string; role: UserRecord['role']; username: string; note: string };
export type DemoCounty = { documents: WorkbookDocument[]; accounts: DemoAccount[] };

type Draft = {
  village: string;
  constituency: string | null;
  occupation: Occupation;
  workplace?: string;
  title?: string;
  isTownLevel: boolean;
  isCountyLevel: boolean;
  gender?: 'male' | 'female';
  secretary?: boolean;
  role?: 'chair' | 'vice_chair';
  government?: boolean;
  official?: boolean;
};

// Occupations of the deputies who are neither officials nor village secretaries.
const OTHER_OCCUPATIONS: readonly (readonly [Occupation, number])[] = [
  ['农民', 30],
  ['村(社区)干部', 14],
  ['企业负责人', 14],
  ['企业职工', 12],
  ['专业技术人员', 12],
  ['个体工商户', 12],
  ['其他', 6],
];
const COUNTY_ONLY_OCCUPATIONS: readonly Occupation[] = ['企业负责人', '农民', '专业技术人员', '企业负责人', '个体工商户', '村(社区)干部'];

const PARTY_OTHERS: readonly (readonly [DeputyRecord['party'], number])[] = [
  ['中共党员', 55],
  ['中共预备党员', 3],
  ['群众', 22],
  ['无党派人士', 7],
  ['民盟盟员', 3],
  ['民进会员', 3],
  ['九三学社社员', 2],
  ['农工党党员', 2],
  ['致公党党员', 1],
];
const ETHNICITY_SHARES: readonly (readonly [DeputyRecord['ethnicity'], number])[] = [
  ['汉族', 88],
  ['苗族', 6],
  ['土家族', 4],
  ['瑶族', 2],
];
const BRANDS = ['青禾', '石润', '森茂', '瑞丰', '恒达', '金竹', '绿源', '丰泽', '众兴', '鑫旺', '宏远', '顺发', '佳美', '兴隆'];
const INDUSTRIES = ['竹木制品', '农业开发', '建材', '茶业', '食品', '生态养殖', '电子科技', '物流'];
const SHOPS = ['超市', '农资店', '餐馆', '汽车维修店', '建材店', '药店'];

const BIRTH_YEARS: Record<Occupation, [number, number]> = {
  '村(社区)干部': [1968, 1992],
  企业负责人: [1966, 1988],
  企业职工: [1980, 1997],
  机关事业单位: [1972, 1986],
  农民: [1961, 1985],
  专业技术人员: [1970, 1994],
  个体工商户: [1972, 1994],
  其他: [1960, 1975],
};

const HARDSHIP_NOTE = '家庭困难（家人长期患病），列为困难代表，主席团成员定期走访慰问。';

function workplaceAndTitle(
  rng: Rng,
  d: Draft,
  town: string,
  village: { name: string; kind: 'village' | 'community' },
  gender: 'male' | 'female',
): [string, string] {
  if (d.workplace !== undefined && d.title !== undefined) return [d.workplace, d.title];
  const community = village.kind === 'community';
  switch (d.occupation) {
    case '村(社区)干部': {
      const office = community ? `${village.name}居委会` : `${village.name}村委会`;
      if (d.secretary) return [office, community ? '社区党委书记、居委会主任' : '村党总支书记、村委会主任'];
      const titles = community
        ? ['居委会副主任', '社区网格员', ...(gender === 'female' ? ['社区妇联主席'] : [])]
        : ['村委会副主任', '村委会委员', '村务监督委员会主任', ...(gender === 'female' ? ['村妇联主席'] : [])];
      return [office, rng.pick(titles)];
    }
    case '企业负责人':
      return [`云溪县${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`, rng.pick(['董事长', '总经理', '执行董事'])];
    case '企业职工':
      return [`云溪县${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`, rng.pick(['车间主任', '技术员', '质检员', '销售经理', '班组长'])];
    case '农民':
      return [`${town}${village.name}`, rng.pick(['种粮大户', '生猪养殖户', '家庭农场主', '茶叶种植户', '果蔬种植户', '农机专业合作社理事长'])];
    case '专业技术人员':
      return rng.pick([
        [`${town}中心学校`, '教师'],
        [`${town}中学`, '高级教师'],
        [`${town}卫生院`, '主治医师'],
        [`${village.name}卫生室`, '乡村医生'],
        [`${town}农业综合服务中心`, '农艺师'],
      ] as [string, string][]);
    case '个体工商户':
      return [`${town}${rng.pick(BRANDS)}${rng.pick(SHOPS)}`, '经营者'];
    case '机关事业单位':
      return [`${town}人民政府`, '干部'];
    default:
      return ['', rng.pick(['退休职工', '自由职业'])];
  }
}

/** The deputies of one town, in code order, before people are attached. */
function draftDeputies(rng: Rng, plan: TownPlan): Draft[] {
  const drafts: Draft[] = [];
  for (const c of plan.constituencies) {
    const own: Draft[] = plan.officials
      .filter((o) => o.constituency === c.code)
      .map((o) => ({
        village: c.villages[0],
        constituency: c.code,
        occupation: o.occupation,
        workplace: o.workplace,
        title: o.title,
        isTownLevel: true,
        isCountyLevel: o.level === 'both',
        gender: o.gender,
        role: o.role,
        government: o.government,
        official: true,
      }));
    for (const v of c.villages)
      own.push({ village: v, constituency: c.code, occupation: '村(社区)干部', secretary: true, isTownLevel: true, isCountyLevel: false });
    for (let i = 0; own.length < c.seats; i++) {
      own.push({
        village: c.villages[i % c.villages.length],
        constituency: c.code,
        occupation: rng.weighted(OTHER_OCCUPATIONS),
        isTownLevel: true,
        isCountyLevel: false,
      });
    }
    drafts.push(...own);
  }
  // Town deputies who also sit in the county congress: secretaries and the people a county
  // congress usually draws from a town (entrepreneurs, farmers, professionals).
  const candidates = drafts.filter((d) => !d.official && (d.secretary || ['企业负责人', '农民', '专业技术人员'].includes(d.occupation)));
  for (const d of rng.shuffle(candidates).slice(0, plan.extraCountyLevel)) d.isCountyLevel = true;
  const villages = plan.villages.map(([code]) => code);
  for (let i = 0; i < plan.countyOnly; i++) {
    drafts.push({
      village: rng.pick(villages),
      constituency: null,
      occupation: COUNTY_ONLY_OCCUPATIONS[i % COUNTY_ONLY_OCCUPATIONS.length],
      isTownLevel: false,
      isCountyLevel: true,
    });
  }
  // About three in ten deputies are women.
  const free = drafts.map((d, i) => (d.gender ? -1 : i)).filter((i) => i >= 0);
  const women = Math.round(drafts.length * 0.3) - drafts.filter((d) => d.gender === 'female').length;
  const chosen = new Set(rng.shuffle(free).slice(0, Math.max(0, women)));
  drafts.forEach((d, i) => {
    d.gender ??= chosen.has(i) ? 'female' : 'male';
  });
  return drafts;
}

function buildTown(rng: Rng, people: PeopleFactory, plan: TownPlan): { doc: WorkbookDocument; accounts: DemoAccount[] } {
  const village = new Map(plan.villages.map(([code, name, kind]) => [code, { name, kind }]));
  const term = plan.terms[plan.terms.length - 1];
  const stationOf = (v: string) => plan.stations.find((s) => s.villages.includes(v))?.code ?? null;
  const drafts = draftDeputies(rng, plan);

  const deputies: DeputyRecord[] = drafts.map((d, i) => {
    const gender = d.gender ?? 'male';
    const [from, to] = d.official ? BIRTH_YEARS.机关事业单位 : d.secretary ? ([1966, 1986] as [number, number]) : BIRTH_YEARS[d.occupation];
    const p = people.person(gender, from, to);
    const v = village.get(d.village) ?? { name: '', kind: 'village' as const };
    const [workplace, title] = workplaceAndTitle(rng, d, plan.name, v, gender);
    const young = Number(p.birthDate.slice(0, 4)) >= 1992;
    const party = d.official || d.secretary ? '中共党员' : young && rng.chance(0.4) ? '共青团员' : rng.weighted(PARTY_OTHERS);
    return {
      code: `D${String(i + 1).padStart(3, '0')}`,
      term: term.number,
      name: p.name,
      gender,
      birthDate: p.birthDate,
      ethnicity: rng.weighted(ETHNICITY_SHARES),
      party,
      isTownLevel: d.isTownLevel,
      isCountyLevel: d.isCountyLevel,
      constituency: d.constituency,
      station: stationOf(d.village),
      occupation: d.occupation,
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
  const draftOf = new Map(deputies.map((d, i) => [d.code, drafts[i]]));

  // A few ordinary town deputies left office during the term; their seat on a station goes with them.
  const ordinary = deputies.filter((d) => {
    const x = draftOf.get(d.code);
    return x && !x.official && !x.secretary && !d.isCountyLevel;
  });
  const leavers = rng.shuffle(ordinary).slice(0, plan.leavers.length);
  leavers.forEach((d, i) => {
    const l = plan.leavers[i];
    Object.assign(d, { status: l.status, statusDate: l.date, statusReason: l.reason, station: null });
  });
  const farmers = deputies.filter((d) => d.status === 'serving' && d.occupation === '农民');
  for (const d of rng.shuffle(farmers).slice(0, plan.hardship)) Object.assign(d, { hardship: true, notes: HARDSHIP_NOTE });

  const serving = deputies.filter((d) => d.status === 'serving');
  const secretaries = serving.filter((d) => draftOf.get(d.code)?.secretary);
  const byRole = (role: 'chair' | 'vice_chair') => serving.find((d) => draftOf.get(d.code)?.role === role);
  const chair = byRole('chair');
  const fullTimeVice = byRole('vice_chair');

  // Presidium: chair, vice chairs, then members from the villages and enterprises (no one who
  // holds a government post, as the organic law requires).
  const picked = new Set<string>([chair?.code, fullTimeVice?.code].filter((c): c is string => !!c));
  const villageVices = rng.shuffle(secretaries.filter((d) => !picked.has(d.code))).slice(0, plan.villageViceChairs);
  for (const d of villageVices) picked.add(d.code);
  const memberPool = serving.filter(
    (d) => !picked.has(d.code) && !draftOf.get(d.code)?.government && d.isTownLevel && (draftOf.get(d.code)?.secretary || d.occupation === '企业负责人'),
  );
  const members = rng.shuffle(memberPool).slice(0, plan.presidiumMembers);
  const seats: [DeputyRecord, PresidiumRecord['position']][] = [
    ...(chair ? [[chair, 'chair'] as [DeputyRecord, 'chair']] : []),
    ...[fullTimeVice, ...villageVices].filter((d): d is DeputyRecord => !!d).map((d) => [d, 'vice_chair'] as [DeputyRecord, 'vice_chair']),
    ...members.map((d) => [d, 'member'] as [DeputyRecord, 'member']),
  ];
  const onPresidium = new Set(seats.map(([d]) => d.code));
  const contacts = serving.filter((d) => !onPresidium.has(d.code));
  const presidium: PresidiumRecord[] = seats.map(([d, position], i) => ({
    term: term.number,
    deputy: d.code,
    position,
    startDate: term.startDate,
    endDate: null,
    sortOrder: i + 1,
    // 包联: every other serving deputy is kept in touch with by one presidium member.
    liaisons: contacts.filter((_, j) => j % seats.length === i).map((c) => c.code),
  }));

  const constituencyOfVillage = new Map(plan.constituencies.flatMap((c) => c.villages.map((v) => [v, c.code] as const)));
  const groups: GroupRecord[] = plan.groups.map((g) => {
    const inGroup = serving.filter((d) => g.constituencies.includes(d.constituency ?? constituencyOfVillage.get(draftOf.get(d.code)?.village ?? '') ?? ''));
    const leader = inGroup.find((d) => draftOf.get(d.code)?.secretary && d.code !== chair?.code) ?? inGroup[0];
    const vice = inGroup.find((d) => d !== leader && d.occupation === '村(社区)干部') ?? inGroup.find((d) => d !== leader);
    return {
      code: g.code,
      name: g.name,
      station: stationOf(plan.constituencies.find((c) => c.code === g.constituencies[0])?.villages[0] ?? ''),
      description: `由${g.constituencies.map((c) => plan.constituencies.find((x) => x.code === c)?.name ?? c).join('、')}的县、镇人大代表组成，定期开展小组活动。`,
      members: inGroup.map((d) => ({ deputy: d.code, role: d === leader ? 'leader' : d === vice ? 'vice_leader' : 'member' })),
    };
  });

  const stations = plan.stations.map((s) => {
    const head = s.head === 'vice_chair' ? fullTimeVice : secretaries.find((d) => draftOf.get(d.code)?.village === (s.head as { village: string }).village);
    return {
      code: s.code,
      name: s.name,
      kind: s.kind,
      address: s.address,
      phone: people.phone(),
      head: head?.code ?? null,
      scheduleRule: s.scheduleRule,
      description: s.description,
      villages: s.villages,
    };
  });

  const units = plan.units.map(([code, name, kind]) => ({
    code,
    name,
    kind,
    contactName: people.name(rng.chance(0.4) ? 'female' : 'male'),
    contactPhone: people.phone(),
    address: kind === 'county_dept' ? '云溪县行政中心' : `${plan.name}人民政府院内`,
    active: true,
  }));

  // The demo deputy account belongs to an ordinary serving town deputy from a village.
  const demoDeputy =
    serving.find((d) => d.occupation === '村(社区)干部' && !onPresidium.has(d.code) && !d.isCountyLevel && !draftOf.get(d.code)?.secretary) ?? serving[0];
  const accounts: DemoAccount[] = [];
  const users: UserRecord[] = plan.users.map((u) => {
    const isDeputy = u.role === 'deputy';
    const note = isDeputy ? `${u.note}（${demoDeputy.name}，${demoDeputy.code}）` : u.note;
    accounts.push({ townCode: plan.code, role: u.role, username: u.username, note });
    return {
      username: u.username,
      displayName: isDeputy ? demoDeputy.name : people.name(rng.chance(0.5) ? 'female' : 'male'),
      phone: isDeputy ? demoDeputy.phone : people.phone(),
      role: u.role,
      deputy: isDeputy ? demoDeputy.code : null,
      unit: u.unit ?? null,
      station: u.station ?? null,
      active: true,
    };
  });

  const doc: WorkbookDocument = {
    format: WORKBOOK_FORMAT,
    formatVersion: WORKBOOK_FORMAT_VERSION,
    county: DEMO_COUNTY,
    town: { code: plan.code, name: plan.name, population: plan.population },
    villages: plan.villages.map(([code, name, kind], i) => ({ code, name, kind, sortOrder: i + 1 })),
    terms: plan.terms,
    constituencies: plan.constituencies.map((c) => ({ term: term.number, code: c.code, name: c.name, seats: c.seats, villages: c.villages })),
    stations,
    units,
    deputies,
    groups,
    presidium,
    users,
  };
  return { doc, accounts };
}

/**
 * The demo county 云溪县: one workbook per town, in export form. With a password hash every account
 * gets it (the demo logins share one password); without one the documents carry no hashes.
 * `asOf` decides which of the year's activities have already taken place (demo.activities.ts), and
 * how far the presidium's decisions, the documents' read receipts and the research topics have got
 * (demo.records.ts): the seed passes the clock; the same `asOf` always gives the same documents.
 */
export function buildDemoCounty(passwordHash?: string, asOf: Date = new Date()): DemoCounty {
  const rng = new Rng(DEMO_SEED);
  const people = new PeopleFactory(rng);
  const documents: WorkbookDocument[] = [];
  const accounts: DemoAccount[] = [];
  for (const [i, plan] of DEMO_TOWNS.entries()) {
    const town = buildTown(rng, people, plan);
    Object.assign(town.doc, buildActivities(town.doc, DEMO_YEARS[plan.code], activityRng(i), asOf));
    Object.assign(town.doc, buildRecords(town.doc, DEMO_YEARS[plan.code], DEMO_RECORDS[plan.code], recordsRng(i), asOf));
    town.doc.receptions = buildReceptions(town.doc, receptionsRng(i));
    Object.assign(town.doc, buildSessions(town.doc, sessionsRng(i)));
    // The suggestions, some raised at the session; the motion handled as a suggestion comes back linked to its item.
    Object.assign(town.doc, buildSuggestions(town.doc, suggestionsRng(i), asOf));
    // Oversight and evaluation for the first town (the one the demo logins show); the other has none yet.
    const oversight = i === 0 ? buildOversight(town.doc, oversightRng(i), asOf) : null;
    Object.assign(town.doc, {
      findings: oversight?.findings ?? [],
      rectificationNotices: oversight?.rectificationNotices ?? [],
      reinspections: oversight?.reinspections ?? [],
      appraisals: oversight?.appraisals ?? [],
      appraisalIssues: oversight?.appraisalIssues ?? [],
      dutyReports: oversight?.dutyReports ?? [],
      deputyReviews: oversight?.deputyReviews ?? [],
      ...(oversight
        ? buildPoints(town.doc, oversight.dutyReports, oversightRng(i + 100), asOf)
        : { pointsSchemes: [], pointsAdjustments: [], presidiumRatings: [], pointsSnapshots: [] }),
    });
    // The achievements ledger (issue 7), for the first town like oversight.
    town.doc.achievements = i === 0 ? buildAchievements(town.doc, asOf) : [];
    // Public portal submissions (群众意见), for the first town like the ledger.
    town.doc.portalSubmissions = i === 0 ? buildPortalSubmissions(town.doc, asOf) : [];
    if (passwordHash) for (const u of town.doc.users ?? []) u.passwordHash = passwordHash;
    documents.push(canonicalWorkbook(town.doc));
    accounts.push(...town.accounts);
  }
  return { documents, accounts };
}
