import { addDays, addMonths } from '../../lib/working-days.ts';
import { rehandleDueDate, replyDueDate } from '../suggestions/deadlines.rules.ts';
import { DEFAULT_SETTINGS, gradeOf } from '../suggestions/settings.rules.ts';
import { INITIAL, type Machine, type SuggestionEvent, type SuggestionState, next } from '../suggestions/suggestion.machine.ts';
import type { MotionRecord } from '../sessions/sessions.workbook.ts';
import type { HolidayRecord, SuggestionSettingsRecord } from '../workbook/sections/suggestion-settings.section.ts';
import type { SuggestionRecord } from '../workbook/sections/suggestions.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import type { Rng } from './demo.random.ts';

/*
 * The suggestions (建议、批评和意见) of a demo town, with the settings and the 2026 holiday calendar.
 * About thirty items in every state, dated back from the seeding moment (`asOf`, capped at the end of
 * the demo year) so that the open ones stand where the plan says whenever the seed runs: a couple
 * overdue and due soon, one awaiting the deputy's rating, one re-handled, a pending extension, and so on.
 * Matters routed 'suggestion' at the town's receptions become items of source 'reception'. About a
 * quarter of the town's own items were raised at its congress session (source 'session', the session's
 * code, submitted on its days by deputies present): among them the motion the session presidium decided
 * to handle as a suggestion (its subject, grounds, solution and sponsors), which is then linked to it.
 *
 * Every item is built by walking the lifecycle machine (`next`): a step the machine refuses throws, so
 * the stored state, round, pending request and follow-up are always what replaying the events gives.
 */

type Template = { category: string; title: string; content: string; proposal: string; answer: string };

/** {v} is a village of the lead deputy's station. */
const TEMPLATES: readonly Template[] = [
  {
    category: '交通',
    title: '关于硬化{v}通组公路的建议',
    content: '{v}通组公路仍为砂石路面，雨天泥泞，农产品运不出去，群众出行困难。',
    proposal: '将{v}通组公路硬化列入今年农村公路建设计划。',
    answer: '已列入年度农村公路建设计划，路面硬化工程已完工验收。',
  },
  {
    category: '交通',
    title: '关于在镇区主街增设红绿灯的建议',
    content: '镇区主街与省道交叉口车流量大，没有信号灯，近一年发生多起交通事故。',
    proposal: '在交叉口增设信号灯和减速带，施划人行横道。',
    answer: '信号灯和减速带已安装，人行横道已施划。',
  },
  {
    category: '交通',
    title: '关于增开镇到县城早班客车的建议',
    content: '镇到县城的第一班客车七点半才发车，学生和上班族赶不上。',
    proposal: '协调客运公司增开六点半早班车。',
    answer: '客运公司已增开六点半早班车，每日一班。',
  },
  {
    category: '交通',
    title: '关于实施{v}村道亮化的建议',
    content: '{v}村道没有路灯，晚上群众出行不便，存在安全隐患。',
    proposal: '安装太阳能路灯，实施村道亮化。',
    answer: '{v}村道已安装太阳能路灯 36 盏。',
  },
  {
    category: '卫生',
    title: '关于村卫生室配齐常用药品的建议',
    content: '{v}卫生室缺少高血压、糖尿病等慢性病常用药，老人买药要跑到镇上。',
    proposal: '由镇卫生院定期向村卫生室配送常用药品。',
    answer: '镇卫生院已建立每月配送制度，常用药品目录已扩充。',
  },
  {
    category: '卫生',
    title: '关于优化卫生院周末门诊排班的建议',
    content: '镇卫生院周末只有一名医生值班，看病排队时间长。',
    proposal: '周末增加门诊医生，开设慢病复诊窗口。',
    answer: '周六上午已增设一名门诊医生和慢病复诊窗口。',
  },
  {
    category: '卫生',
    title: '关于加强{v}垃圾清运的建议',
    content: '{v}垃圾收集点清运不及时，夏季气味大、蚊蝇多。',
    proposal: '增加清运频次，增设分类垃圾桶。',
    answer: '清运频次已调整为每日一次，新增分类垃圾桶 20 组。',
  },
  {
    category: '城建',
    title: '关于疏通镇区排水管网的建议',
    content: '镇区主街排水沟堵塞，下大雨时路面积水严重，影响沿街商户。',
    proposal: '汛期前全面疏通镇区排水管网，改造易涝点。',
    answer: '排水管网已全面疏通，两处易涝点已改造。',
  },
  {
    category: '城建',
    title: '关于在{v}建设文体广场的建议',
    content: '{v}群众文体活动没有场地，只能在晒谷坪跳舞。',
    proposal: '统筹建设村级文体广场，配置健身器材。',
    answer: '{v}文体广场已纳入明年村级公益事业建设项目。',
  },
  {
    category: '城建',
    title: '关于改造镇区老旧小区的建议',
    content: '镇区老旧小区管网老化、道路破损，居民多次反映。',
    proposal: '申报老旧小区改造项目，分期实施。',
    answer: '已向县住建局申报老旧小区改造项目。',
  },
  {
    category: '民政',
    title: '关于试点村级老年助餐点的建议',
    content: '{v}独居老人多，吃饭难问题突出。',
    proposal: '依托村级活动中心试点老年助餐点。',
    answer: '{v}老年助餐点已开办，每天为 28 位老人供餐。',
  },
  {
    category: '民政',
    title: '关于规范低保评议公示程序的建议',
    content: '部分村低保评定名单没有张榜公示，群众有意见。',
    proposal: '规范低保评议和公示程序，接受群众监督。',
    answer: '已印发低保评议公示规范，各村按要求张榜公示。',
  },
  {
    category: '民政',
    title: '关于简化高龄津贴申领手续的建议',
    content: '高龄老人申领津贴需多次往返镇上提交材料。',
    proposal: '推行村级代办，实现数据共享免提交。',
    answer: '高龄津贴已实行村级代办，材料一次提交。',
  },
  {
    category: '国土',
    title: '关于督促落实征地补偿款的建议',
    content: '{v}承包地被占用修路，征地补偿款至今未到位。',
    proposal: '督促有关部门尽快兑付补偿款。',
    answer: '补偿款已全部兑付到户。',
  },
  {
    category: '国土',
    title: '关于简化农村自建房审批的建议',
    content: '农村自建房审批环节多、时间长，群众反映强烈。',
    proposal: '推行一窗受理，明确办理时限。',
    answer: '镇便民服务中心已设农村建房一窗受理窗口。',
  },
  {
    category: '教育',
    title: '关于开通农村学生校车线路的建议',
    content: '{v}小学撤并后，孩子上学路程远，家长接送困难。',
    proposal: '开通农村学生校车线路，保障上学安全。',
    answer: '已开通两条校车线路，覆盖{v}等五个村。',
  },
  {
    category: '教育',
    title: '关于改善中心学校食堂条件的建议',
    content: '中心学校食堂就餐位置不足，学生分批就餐时间长。',
    proposal: '扩建食堂，增加就餐位置。',
    answer: '食堂扩建工程已列入明年教育项目计划。',
  },
  {
    category: '环保',
    title: '关于整治{v}河道污染的建议',
    content: '{v}河道有养殖废水直排，河水发黑发臭。',
    proposal: '开展河道专项整治，规范养殖废水处理。',
    answer: '已关停直排养殖场两家，河道水质明显好转。',
  },
  {
    category: '环保',
    title: '关于禁止秸秆露天焚烧的建议',
    content: '收割季节秸秆露天焚烧烟雾大，影响群众健康和交通安全。',
    proposal: '推广秸秆还田和综合利用，加强巡查。',
    answer: '已推广秸秆还田机械 12 台，巡查制度已建立。',
  },
  {
    category: '农业农村',
    title: '关于修复{v}灌溉水渠的建议',
    content: '{v}灌溉水渠年久失修，渗漏严重，下游农田缺水。',
    proposal: '修复灌溉水渠，保障春耕用水。',
    answer: '水渠修复工程已完工，灌溉面积恢复 600 亩。',
  },
  {
    category: '农业农村',
    title: '关于扶持特色农产品品牌建设的建议',
    content: '本镇油茶、柑橘品质好，但没有品牌，卖不上价。',
    proposal: '扶持注册地理标志品牌，搭建电商销售平台。',
    answer: '油茶地理标志申报材料已提交，电商服务站已建成。',
  },
  {
    category: '安全生产',
    title: '关于加强农村自建房安全排查的建议',
    content: '{v}部分老旧房屋墙体开裂，雨季存在安全隐患。',
    proposal: '组织专业人员开展农村自建房安全排查。',
    answer: '已完成全镇自建房排查，12 户危房已纳入改造。',
  },
  {
    category: '安全生产',
    title: '关于加强燃气安全检查的建议',
    content: '镇区餐饮店燃气管道老化，存在安全隐患。',
    proposal: '开展燃气安全专项检查，督促更换老化管道。',
    answer: '专项检查已完成，47 家餐饮店已整改。',
  },
  {
    category: '社会保障',
    title: '关于提高城乡居民医保报销比例的建议',
    content: '慢性病门诊报销比例低，群众负担重。',
    proposal: '向县有关部门反映，提高门诊慢病报销比例。',
    answer: '已向县医保局反映，留作政策调整参考。',
  },
  {
    category: '社会保障',
    title: '关于做好灵活就业人员参保服务的建议',
    content: '外出务工返乡人员不清楚灵活就业参保政策。',
    proposal: '加强政策宣传，在便民服务中心设咨询窗口。',
    answer: '已在便民服务中心设社保咨询窗口，印发政策明白纸。',
  },
  {
    category: '其他',
    title: '关于规范农村红白喜事操办的建议',
    content: '部分村红白喜事大操大办，群众负担重。',
    proposal: '修订村规民约，倡导移风易俗。',
    answer: '各村已修订村规民约，成立红白理事会。',
  },
];

/** Lead offices by category: the first unit whose name holds one of the words; the town's first unit otherwise. */
const OFFICE_WORDS: Record<string, string[]> = {
  交通: ['交通'],
  卫生: ['卫生院', '社会事务', '民政'],
  城建: ['住建', '自然资源'],
  民政: ['民政'],
  国土: ['自然资源', '国土'],
  教育: ['学校', '社会事务'],
  环保: ['农业', '水利'],
  农业农村: ['水利', '农业'],
  安全生产: ['安监'],
  社会保障: ['民政', '财政'],
  其他: ['民政'],
};

/** The official 2026 calendar (国务院办公厅 2026 年部分节假日安排), and New Year's Day 2027. */
const HOLIDAYS_2026: readonly HolidayRecord[] = [
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((date) => ({ date, kind: 'holiday' as const, name: '元旦' })),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休' },
  ...Array.from({ length: 9 }, (_, i) => ({ date: addDays('2026-02-15', i), kind: 'holiday' as const, name: '春节' })),
  { date: '2026-02-28', kind: 'workday', name: '春节调休' },
  ...['2026-04-04', '2026-04-05', '2026-04-06'].map((date) => ({ date, kind: 'holiday' as const, name: '清明节' })),
  ...Array.from({ length: 5 }, (_, i) => ({ date: addDays('2026-05-01', i), kind: 'holiday' as const, name: '劳动节' })),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休' },
  ...['2026-06-19', '2026-06-20', '2026-06-21'].map((date) => ({ date, kind: 'holiday' as const, name: '端午节' })),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休' },
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, kind: 'holiday' as const, name: '中秋节' })),
  ...Array.from({ length: 7 }, (_, i) => ({ date: addDays('2026-10-01', i), kind: 'holiday' as const, name: '国庆节' })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休' },
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
];

/** A step of the plan: an event (with what it needs), `gap` days after the step before. */
type Step =
  | { e: 'submit' | 'register' | 'start' | 'close' | 'withdraw' | 'key' | 'publish' | 'request_return'; gap: number }
  | { e: 'not_accept'; gap: number; reason: string }
  | { e: 'assign'; gap: number; co?: boolean }
  | { e: 'consult'; gap: number; stage: 'before' | 'during' | 'after'; method: 'face' | 'phone' | 'site' }
  | { e: 'request_extension'; gap: number; days: number }
  | { e: 'decide_return' | 'decide_extension'; gap: number; approved: boolean }
  | { e: 'reply'; gap: number; grade: string }
  | { e: 'rate'; gap: number; result: 'satisfied' | 'basically' | 'dissatisfied' };

const s = (e: 'submit' | 'register' | 'start' | 'close' | 'withdraw' | 'key' | 'publish' | 'request_return', gap: number): Step => ({ e, gap });
const INTAKE: Step[] = [s('submit', 0), s('register', 2)];
const HANDLED = (grade: string, co = false): Step[] => [
  ...INTAKE,
  { e: 'assign', gap: 3, co },
  { e: 'consult', gap: 6, stage: 'before', method: 'face' },
  { e: 'consult', gap: 20, stage: 'during', method: 'site' },
  { e: 'reply', gap: 25, grade },
];
const RATED = (grade: string, result: 'satisfied' | 'basically' | 'dissatisfied', co = false): Step[] => [...HANDLED(grade, co), { e: 'rate', gap: 6, result }];

/**
 * What becomes of an item: its steps, and how many days the last step lies before the seeding moment
 * ([min, max]; open items stay recent so they are not late unless the plan says so).
 */
type Fate = { name: string; steps: Step[]; age: [number, number] };

const FATES: Record<string, Fate> = {
  submitted: { name: 'submitted', steps: [s('submit', 0)], age: [0, 4] },
  registered: { name: 'registered', steps: INTAKE, age: [0, 5] },
  assigned: { name: 'assigned', steps: [...INTAKE, { e: 'assign', gap: 3 }], age: [1, 5] },
  handling: {
    name: 'handling',
    steps: [...INTAKE, { e: 'assign', gap: 3, co: true }, s('start', 2), { e: 'consult', gap: 5, stage: 'before', method: 'phone' }],
    age: [3, 30],
  },
  extension: {
    name: 'extension',
    steps: [
      ...INTAKE,
      { e: 'assign', gap: 2 },
      s('start', 3),
      { e: 'consult', gap: 10, stage: 'during', method: 'site' },
      { e: 'request_extension', gap: 20, days: 45 },
    ],
    age: [1, 6],
  },
  returned: {
    name: 'returned',
    steps: [...INTAKE, { e: 'assign', gap: 2 }, s('request_return', 3), { e: 'decide_return', gap: 2, approved: true }, { e: 'assign', gap: 1 }],
    age: [2, 20],
  },
  replied: { name: 'replied', steps: HANDLED('A'), age: [1, 6] },
  closedA: { name: 'closedA', steps: RATED('A', 'satisfied', true), age: [10, 150] },
  closedC: { name: 'closedC', steps: RATED('C', 'basically'), age: [10, 150] },
  closedD: { name: 'closedD', steps: RATED('D', 'basically'), age: [10, 150] },
  following: { name: 'following', steps: RATED('B', 'satisfied'), age: [5, 100] },
  followClosed: { name: 'followClosed', steps: [...RATED('B', 'satisfied', true), s('close', 60)], age: [5, 60] },
  rehandling: { name: 'rehandling', steps: [...RATED('C', 'dissatisfied'), { e: 'consult', gap: 3, stage: 'during', method: 'face' }], age: [1, 10] },
  rehandled: {
    name: 'rehandled',
    steps: [
      ...RATED('C', 'dissatisfied'),
      { e: 'consult', gap: 3, stage: 'during', method: 'face' },
      { e: 'reply', gap: 20, grade: 'A' },
      { e: 'rate', gap: 5, result: 'basically' },
    ],
    age: [5, 80],
  },
  closedUnrated: { name: 'closedUnrated', steps: [...HANDLED('D'), s('close', 40)], age: [5, 80] },
  extended: {
    name: 'extended',
    steps: [
      ...INTAKE,
      { e: 'assign', gap: 2 },
      { e: 'request_extension', gap: 40, days: 30 },
      { e: 'decide_extension', gap: 2, approved: true },
      { e: 'reply', gap: 60, grade: 'A' },
      { e: 'rate', gap: 5, result: 'satisfied' },
    ],
    age: [5, 60],
  },
  notAccepted: {
    name: 'notAccepted',
    steps: [s('submit', 0), { e: 'not_accept', gap: 3, reason: '所反映问题属于个人民事纠纷，已告知通过司法途径解决，不作为代表建议立案' }],
    age: [5, 200],
  },
  withdrawn: { name: 'withdrawn', steps: [s('submit', 0), s('withdraw', 1)], age: [5, 200] },
};

/** The plan of a town's own items (reception items come on top), oldest fates first. */
const PLAN: readonly string[] = [
  'closedA',
  'closedA',
  'closedA',
  'closedC',
  'closedD',
  'following',
  'following',
  'followClosed',
  'rehandled',
  'closedUnrated',
  'extended',
  'notAccepted',
  'withdrawn',
  'closedA',
  'closedC',
  'following',
  'replied',
  'replied',
  'rehandling',
  'extension',
  'returned',
  'handling',
  'handling',
  'assigned',
  'registered',
  'submitted',
  'submitted',
  'overdue',
  'overdue',
  'dueSoon',
  'dueSoon',
];

/**
 * The items of PLAN (by index) raised at the town's closed congress session once it has taken place
 * (before it they are ordinary items): finished fates, none of the demo deputy's own; the one at
 * SESSION_MOTION is the motion handled as a suggestion. An item whose fate does not fit the time
 * since the session gets the furthest of SESSION_FALLBACK that does.
 */
const SESSION_SLOTS: readonly number[] = [1, 2, 3, 4, 6, 7, 8, 10, 13, 14];
const SESSION_MOTION = 6;
const SESSION_FALLBACK = ['closedA', 'following', 'replied', 'handling', 'assigned', 'registered', 'submitted'] as const;
/** What the office answers on the motion handled as a suggestion (its category and lead office). */
const MOTION_TEMPLATE: Pick<Template, 'category' | 'answer'> = {
  category: '农业农村',
  answer: '已完成全镇村集体资产清查，建立村级“三资”台账和季度公开制度，镇农经站每年开展一次专项审计。',
};

const CHINA = 8 * 3_600_000;
const chinaDate = (ms: number) => new Date(ms + CHINA).toISOString().slice(0, 10);
const at = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000).toISOString();
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const span = (steps: readonly Step[]) => steps.reduce((n, x) => n + x.gap, 0);

const RATING_COMMENT = {
  satisfied: '办理及时，效果明显，群众满意。',
  basically: '基本解决，希望继续跟进。',
  dissatisfied: '答复过于笼统，问题没有实质解决，请重新办理。',
} as const;
const CONSULT_NOTE = {
  before: '办理前与领衔代表面商，明确办理思路和时间安排。',
  during: '与代表一同到现场查看，通报办理进展。',
  after: '答复后征求代表意见。',
} as const;
const GRADE_TEXT: Record<string, (answer: string) => string> = {
  A: (a) => `经研究，${a}`,
  B: (a) => `该问题正在解决，已列入工作计划：${a.replace(/。$/, '')}，预计年内完成。`,
  C: () => '经调查，该问题受资金和用地条件限制，目前暂不具备实施条件，待条件成熟后解决。',
  D: () => '感谢代表的意见，相关建议已留作今后工作参考。',
};

type Built = { record: SuggestionRecord; machine: Machine };

/** The town's suggestion settings (the defaults, saved), the holidays, and the items. */
export function buildSuggestions(
  doc: WorkbookDocument,
  rng: Rng,
  asOf: Date,
): Pick<WorkbookDocument, 'suggestionSettings' | 'holidays' | 'suggestions' | 'motions'> {
  const settings: SuggestionSettingsRecord = { key: 'settings', ...structuredClone(DEFAULT_SETTINGS) };
  // The items lie in the demo year: a seed after it dates them as if seeded at its end.
  const anchor = chinaDate(Math.min(asOf.getTime(), Date.parse('2027-01-31T23:00:00+08:00')));
  const users = doc.users ?? [];
  const admin = users.find((u) => u.role === 'town_admin')?.username ?? null;
  const deputyUser = new Map(users.filter((u) => u.role === 'deputy' && u.deputy).map((u) => [u.deputy as string, u.username]));
  const unitUser = new Map(users.filter((u) => u.role === 'handler' && u.unit).map((u) => [u.unit as string, u.username]));
  const stationUser = new Map(users.filter((u) => u.role === 'liaison' && u.station).map((u) => [u.station as string, u.username]));
  const units = (doc.units ?? []).filter((u) => u.active);
  const villages = new Map((doc.villages ?? []).map((v) => [v.code, v.name]));
  const stations = doc.stations ?? [];
  const serving = (doc.deputies ?? []).filter((d) => d.status === 'serving' && d.station);
  const storyDeputy = users.find((u) => u.role === 'deputy')?.deputy ?? null;
  const officeOf = (category: string) => units.find((u) => (OFFICE_WORDS[category] ?? []).some((w) => u.name.includes(w))) ?? units[0];
  // The closed congress session (demo.sessions.ts runs first): its items are submitted on its two days,
  // the day after it ended at the latest being the seeding day or before.
  const session = (doc.sessions ?? []).find((x) => x.status === 'closed' && addDays(x.endDate, 1) <= anchor) ?? null;
  const present = new Set(
    (doc.sessionRoll ?? []).filter((r) => r.session === session?.code && (r.status === 'present' || r.status === 'late')).map((r) => r.deputy),
  );
  const atSession = serving.filter((d) => present.has(d.code));
  const motion = session ? (doc.motions ?? []).find((x) => x.session === session.code && x.status === 'to_suggestion' && x.suggestion === null) : undefined;

  type Draft = {
    fate: Fate;
    start: string;
    template: Template;
    lead: string | null;
    co: string[];
    village: string | null;
    source: SuggestionRecord['source'];
    sourceType: SuggestionRecord['sourceType'];
    creator: string | null;
    dueAt?: string;
    /** The congress session it was raised at, and the minute of the day (China time) it was made. */
    session?: string;
    minute?: number;
  };
  const drafts: Draft[] = [];

  // Items the deputies raised themselves (some on their visits to voters).
  const templates = rng.shuffle(TEMPLATES);
  PLAN.forEach((name, i) => {
    const template = templates[i % templates.length] as Template;
    if (session && atSession.length && SESSION_SLOTS.includes(i)) {
      drafts.push(sessionDraft(session, SESSION_SLOTS.indexOf(i), template, FATES[name] as Fate, i === SESSION_MOTION ? motion : undefined));
      return;
    }
    // The demo deputy leads a few items of their own whatever the draw, among them one awaiting their rating.
    const lead = (storyDeputy && [0, 5, 16, 21].includes(i) ? serving.find((d) => d.code === storyDeputy) : undefined) ?? rng.pick(serving);
    const mates = serving.filter((d) => d.station === lead.station && d.code !== lead.code);
    const co = rng
      .shuffle(mates)
      .slice(0, rng.int(0, 3))
      .map((d) => d.code);
    const station = stations.find((st) => st.code === lead.station);
    const village = station?.villages.length ? rng.pick(station.villages) : null;
    let fate: Fate;
    let start: string;
    let dueAt: string | undefined;
    if (name === 'overdue' || name === 'dueSoon') {
      // Assigned so that the due date (3 months on) falls a few days before, or within two weeks after, the seeding day.
      const due = addDays(anchor, name === 'overdue' ? -rng.int(3, 12) : rng.int(2, 12));
      const assignedOn = addMonths(due, -3);
      fate = { name, steps: [...INTAKE, { e: 'assign', gap: 3 }, s('start', 4), { e: 'consult', gap: 10, stage: 'before', method: 'phone' }], age: [0, 0] };
      start = addDays(assignedOn, -5);
      dueAt = due;
    } else {
      fate = FATES[name] as Fate;
      start = addDays(anchor, -(span(fate.steps) + rng.int(fate.age[0], fate.age[1])));
    }
    drafts.push({
      fate,
      start,
      template,
      lead: lead.code,
      co,
      village,
      source: null,
      sourceType: rng.chance(0.25) ? 'visit' : 'deputy',
      creator: deputyUser.get(lead.code) ?? admin,
      dueAt,
    });
  });

  // Matters routed 'suggestion' at receptions: the liaison (or the office) writes them up two days later,
  // with a deputy on duty as the lead; how far each got depends on the time since.
  const routed = (doc.receptions ?? []).flatMap((r) => r.matters.filter((m) => m.routing === 'suggestion').map((m) => ({ r, m })));
  const OPEN_UNTIL: Record<string, number> = { handling: 80, assigned: 20, registered: 10, submitted: Number.POSITIVE_INFINITY };
  for (const { r, m } of routed.slice(0, 8)) {
    const start = addDays(r.date, 2);
    const room = daysBetween(start, anchor);
    if (room < 0) continue;
    // The furthest fate that fits the time since: finished ones need only enough days, open ones must still be recent.
    const fate =
      (['closedA', 'followClosed', 'following', 'closedC', 'handling', 'assigned', 'registered', 'submitted'] as const)
        .map((n) => FATES[n] as Fate)
        .find((f) => span(f.steps) + f.age[0] <= room && room - span(f.steps) <= (OPEN_UNTIL[f.name] ?? Number.POSITIVE_INFINITY)) ?? (FATES.submitted as Fate);
    const lead = r.deputies[0] ?? null;
    const template = TEMPLATES.find((t) => t.category === m.category) ?? (TEMPLATES[0] as Template);
    const subject = m.content.replace(/[，。].*$/, '').slice(0, 30);
    drafts.push({
      fate,
      start,
      template: {
        ...template,
        title: `关于${subject}的建议`,
        content: `${m.content}（${r.date} 接待群众反映）`,
        proposal: m.routingNote.replace(/^整理为代表建议，/, '') || template.proposal,
      },
      lead,
      co: r.deputies.slice(1, 3),
      village: m.village,
      source: { type: 'reception', reception: r.code, seq: m.seq },
      sourceType: 'reception',
      creator: stationUser.get(r.station) ?? admin,
    });
  }

  /**
   * An item raised at the session, on its first or second day: the motion handled as a suggestion
   * (made by the office when the presidium decided on it, with the motion's subject and sponsors), or
   * one by a deputy present with co-sponsors present from their station. A fate that does not fit
   * the days since (the seeding day left out) gives way to the furthest fallback that does.
   */
  function sessionDraft(x: NonNullable<typeof session>, k: number, template: Template, planned: Fate, fromMotion?: MotionRecord): Draft {
    const decided = fromMotion?.decidedAt ? new Date(Date.parse(fromMotion.decidedAt) + CHINA) : null;
    const day = decided ? decided.toISOString().slice(0, 10) : k % 2 === 0 ? x.startDate : x.endDate;
    const room = daysBetween(day, anchor) - 1;
    const fate =
      span(planned.steps) <= room ? planned : (SESSION_FALLBACK.map((n) => FATES[n] as Fate).find((f) => span(f.steps) <= room) ?? (FATES.submitted as Fate));
    if (fromMotion)
      return {
        fate,
        start: day,
        minute: decided ? decided.getUTCHours() * 60 + decided.getUTCMinutes() : undefined,
        template: { ...MOTION_TEMPLATE, title: fromMotion.subject, content: fromMotion.grounds || fromMotion.subject, proposal: fromMotion.solution },
        lead: fromMotion.sponsors.find((s) => s.role === 'lead')?.deputy ?? null,
        co: fromMotion.sponsors.filter((s) => s.role !== 'lead').map((s) => s.deputy),
        village: null,
        source: null,
        sourceType: 'session',
        session: x.code,
        creator: admin,
      };
    const lead = rng.pick(atSession);
    const mates = atSession.filter((d) => d.station === lead.station && d.code !== lead.code);
    const co = rng
      .shuffle(mates)
      .slice(0, rng.int(1, 3))
      .map((d) => d.code);
    const station = stations.find((st) => st.code === lead.station);
    return {
      fate,
      start: day,
      template,
      lead: lead.code,
      co,
      village: station?.villages.length ? rng.pick(station.villages) : null,
      source: null,
      sourceType: 'session',
      session: x.code,
      creator: deputyUser.get(lead.code) ?? admin,
    };
  }

  // Codes follow the order of creation, per year.
  drafts.sort((a, b) => a.start.localeCompare(b.start) || a.template.title.localeCompare(b.template.title));
  const perYear = new Map<number, number>();
  const built: Built[] = drafts.map((d, i) => {
    const year = Number(d.start.slice(0, 4));
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    return walk(d, `${year}-${String(n).padStart(3, '0')}`, i);
  });

  // Key supervision (重点督办) for a few items the offices still hold or that are late.
  const open = built.filter((b) => ['assigned', 'handling', 'rehandling'].includes(b.record.state));
  for (const b of open
    .filter((b) => b.record.dueDate !== null && b.record.dueDate < anchor)
    .concat(open.slice(0, 1))
    .slice(0, 3))
    flagKey(b, anchor);
  // Published results with public answers: a few finished items.
  for (const b of built.filter((b) => b.record.state === 'closed' && b.record.replies.length > 0).slice(0, 4)) publish(b);
  // One duplicate merged into an item still being handled (its sponsors join the target as co-sponsors);
  // not one raised at the session, whose sponsors are those of the session.
  const target = built.find(
    (b) =>
      ['handling', 'following'].includes(b.record.state) &&
      b.record.session === null &&
      b.record.assignedOn !== null &&
      daysBetween(b.record.assignedOn, anchor) > 10,
  );
  if (target) built.push(mergeInto(target, built, anchor));

  // The motion handled as a suggestion names the item made from it.
  const fromMotion = motion && built.find((b) => b.record.session === motion.session && b.record.title === motion.subject);
  const motions = fromMotion ? doc.motions?.map((x) => (x === motion ? { ...x, suggestion: fromMotion.record.code } : x)) : doc.motions;
  return {
    suggestionSettings: [settings],
    holidays: [...HOLIDAYS_2026],
    suggestions: built.map((b) => b.record),
    ...(motions ? { motions } : {}),
  };

  function walk(d: Draft, code: string, index: number): Built {
    let m: Machine = INITIAL;
    const lead = d.lead;
    const fill = (text: string) => text.replaceAll('{v}', d.village ? (villages.get(d.village) ?? '') : '本镇');
    const office = officeOf(d.template.category);
    const co = units.filter((u) => u.code !== office.code && u.active);
    const coOffice = co.length ? co[index % co.length] : undefined;
    const handlerOf = (unit: string) => unitUser.get(unit) ?? admin;
    const rec: SuggestionRecord = {
      code,
      year: Number(code.slice(0, 4)),
      kind: index % 9 === 4 ? 'opinion' : index % 13 === 6 ? 'criticism' : 'suggestion',
      title: fill(d.template.title),
      content: fill(d.template.content),
      grounds: '',
      proposal: fill(d.template.proposal),
      category: d.template.category,
      sourceType: d.sourceType,
      source: d.source,
      village: d.village,
      session: d.session ?? null,
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
      createdBy: d.creator,
      sponsors: [
        ...(lead ? [{ deputy: lead, role: 'lead' as const }] : []),
        ...d.co.filter((c) => c !== lead).map((deputy) => ({ deputy, role: 'co' as const })),
      ].sort((a, b) => a.deputy.localeCompare(b.deputy)),
      units: [],
      files: [],
      events: [
        {
          type: 'create',
          fromState: null,
          toState: 'draft',
          round: 1,
          actor: d.creator,
          actorName: d.creator ?? '',
          at: at(d.start, d.minute ?? 9 * 60),
          data: { sourceType: d.sourceType },
          note: '',
        },
      ],
      replies: [],
      ratings: [],
      requests: [],
      consultations: [],
    };
    let day = d.start;
    let minute = (d.minute ?? 9 * 60) + 1;
    let pendingDue: string | null = null;
    const event = (e: SuggestionEvent, actor: string | null, data: Record<string, unknown> = {}, note = '') => {
      const from = m.state;
      const round = m.round;
      m = next(m, e);
      const when = at(day, minute);
      minute += 7;
      // An event is recorded in the round it happened in (the dissatisfied rating closes round 1).
      rec.events.push({ type: e.type, fromState: from, toState: m.state, round, actor, actorName: actor ?? '', at: when, data, note });
      return when;
    };
    for (const st of d.fate.steps) {
      if (st.gap > 0) {
        day = addDays(day, st.gap);
        minute = 9 * 60 + ((index * 37) % 300);
      }
      const admins = admin;
      switch (st.e) {
        case 'submit':
          rec.submittedAt = event({ type: 'submit' }, d.creator);
          break;
        case 'register':
          rec.registeredAt = event({ type: 'register' }, admins);
          break;
        case 'not_accept':
          event({ type: 'not_accept' }, admins, {}, st.reason);
          rec.notAcceptedReason = st.reason;
          break;
        case 'withdraw':
          event({ type: 'withdraw' }, d.creator, {}, '与其他代表的建议重复，撤回');
          break;
        case 'assign': {
          const due = d.dueAt ?? replyDueDate(day, settings);
          const coUnits = st.co && coOffice ? [coOffice] : [];
          event({ type: 'assign' }, admins, {
            leadUnit: { name: office.name },
            coUnits: coUnits.map((u) => ({ name: u.name })),
            assignedOn: day,
            dueDate: due,
          });
          rec.assignedOn = day;
          rec.dueDate = due;
          rec.units = [{ unit: office.code, role: 'lead' as const }, ...coUnits.map((u) => ({ unit: u.code, role: 'co' as const }))].sort((a, b) =>
            a.unit.localeCompare(b.unit),
          );
          break;
        }
        case 'start':
          event({ type: 'start' }, handlerOf(office.code));
          break;
        case 'consult': {
          const who = handlerOf(office.code);
          event({ type: 'consult' }, who, { heldOn: day, method: st.method, stage: st.stage });
          rec.consultations.push({ unit: office.code, heldOn: day, method: st.method, stage: st.stage, note: CONSULT_NOTE[st.stage], createdBy: who });
          break;
        }
        case 'request_return': {
          const who = handlerOf(office.code);
          const reason = `该事项不属于${office.name}职责范围，请重新交办`;
          const when = event({ type: 'request_return' }, who, {}, reason);
          rec.requests.push({
            unit: office.code,
            kind: 'return',
            reason,
            requestedDue: null,
            requestedBy: who,
            requestedAt: when,
            decision: null,
            decisionNote: '',
            decidedBy: null,
            decidedAt: null,
          });
          break;
        }
        case 'decide_return': {
          const when = event({ type: 'decide_return', approved: st.approved }, admins, { approved: st.approved }, '同意退回，重新交办');
          Object.assign(rec.requests[rec.requests.length - 1] as object, {
            decision: st.approved ? 'approved' : 'refused',
            decisionNote: '同意退回，重新交办',
            decidedBy: admins,
            decidedAt: when,
          });
          if (st.approved) {
            rec.units = [];
            rec.assignedOn = null;
            rec.dueDate = null;
          }
          break;
        }
        case 'request_extension': {
          const who = handlerOf(office.code);
          pendingDue = addDays(rec.dueDate as string, st.days);
          const reason = '涉及项目立项和资金安排，需要更多时间';
          const when = event({ type: 'request_extension' }, who, { requestedDue: pendingDue }, reason);
          rec.requests.push({
            unit: office.code,
            kind: 'extension',
            reason,
            requestedDue: pendingDue,
            requestedBy: who,
            requestedAt: when,
            decision: null,
            decisionNote: '',
            decidedBy: null,
            decidedAt: null,
          });
          break;
        }
        case 'decide_extension': {
          const due = st.approved ? pendingDue : rec.dueDate;
          const when = event({ type: 'decide_extension', approved: st.approved }, admins, { approved: st.approved, dueDate: due });
          Object.assign(rec.requests[rec.requests.length - 1] as object, {
            decision: st.approved ? 'approved' : 'refused',
            decidedBy: admins,
            decidedAt: when,
          });
          rec.dueDate = due;
          break;
        }
        case 'reply': {
          const grade = gradeOf(settings, st.grade);
          if (!grade) throw new Error(`demo suggestion ${code}: unknown grade ${st.grade}`);
          const who = handlerOf(office.code);
          // A reply withdraws a waiting extension request.
          const waiting = m.pending === 'extension' ? rec.requests[rec.requests.length - 1] : undefined;
          const when = event({ type: 'reply', grade: grade.code, followUp: grade.followUp }, who, {
            grade: grade.code,
            gradeLabel: grade.label,
            repliedOn: day,
            dueDate: rec.dueDate,
          });
          if (waiting) Object.assign(waiting, { decision: 'withdrawn', decidedAt: when });
          const content = (GRADE_TEXT[grade.code] ?? GRADE_TEXT.D)?.(fill(d.template.answer)) ?? '';
          rec.replies.push({
            round: m.round,
            unit: office.code,
            grade: grade.code,
            content,
            file: null,
            repliedOn: day,
            dueDate: rec.dueDate as string,
            repliedBy: who,
          });
          rec.repliedOn = day;
          rec.grade = grade.code;
          break;
        }
        case 'rate': {
          const round = m.round;
          // A deputy rates their own item; the office rates on behalf of an item without a deputy account.
          const who = (lead && deputyUser.get(lead)) ?? admins;
          const attitude = st.result === 'dissatisfied' ? 'basically' : 'satisfied';
          event({ type: 'rate', rating: st.result }, who, { attitude, result: st.result });
          rec.ratings.push({ round, deputy: lead, attitude, result: st.result, comment: RATING_COMMENT[st.result], ratedOn: day, ratedBy: who });
          rec.rating = st.result;
          if (m.state === 'rehandling') {
            rec.dueDate = rehandleDueDate(day, settings);
            (rec.events[rec.events.length - 1] as { data: Record<string, unknown> }).data.dueDate = rec.dueDate;
          }
          break;
        }
        case 'close':
          event({ type: 'close' }, admins, {}, '已落实，予以办结');
          break;
        default:
          throw new Error(`demo suggestion: unplanned step ${st.e}`);
      }
      if (day > anchor) throw new Error(`demo suggestion ${code}: ${st.e} on ${day} is after the seeding day ${anchor}`);
    }
    if (m.state === 'closed') rec.closedAt = rec.events.at(-1)?.at ?? null;
    rec.state = m.state;
    rec.pending = m.pending;
    rec.round = m.round;
    rec.followUp = m.followUp;
    return { record: rec, machine: m };
  }

  function flagKey(b: Built, today: string) {
    const r = b.record;
    if (r.keySupervision) return;
    const last = r.events[r.events.length - 1];
    const when = new Date(Math.min(Date.parse(last?.at as string) + 3_600_000, Date.parse(`${today}T08:00:00+08:00`))).toISOString();
    if (when <= (last?.at ?? '')) return;
    r.keySupervision = true;
    r.keyNote = '群众反映集中，列为镇人大主席团重点督办建议';
    r.events.push({
      type: 'key',
      fromState: r.state,
      toState: r.state,
      round: r.round,
      actor: admin,
      actorName: admin ?? '',
      at: when,
      data: { key: true },
      note: r.keyNote,
    });
  }

  function publish(b: Built) {
    const r = b.record;
    const last = r.events[r.events.length - 1];
    const when = new Date(Date.parse(last?.at as string) + 2 * 3_600_000).toISOString();
    if (chinaDate(Date.parse(when)) > anchor) return;
    r.published = true;
    r.publicAnswer = `${r.title.replace(/^关于/, '').replace(/的(建议|意见|批评)$/, '')}：${(r.replies[r.replies.length - 1]?.content ?? '').replace(/^经研究，/, '')}`;
    r.events.push({
      type: 'publish',
      fromState: r.state,
      toState: r.state,
      round: r.round,
      actor: admin,
      actorName: admin ?? '',
      at: when,
      data: { published: true },
      note: '',
    });
  }

  /** A second item on the target's subject, submitted after its assignment and merged into it at once. */
  function mergeInto(target: Built, all: Built[], today: string): Built {
    const t = target.record;
    const day = addDays(t.assignedOn as string, 4);
    const lead = serving.find((d) => !t.sponsors.some((x) => x.deputy === d.code)) ?? serving[0];
    const year = Number(day.slice(0, 4));
    const n = all.filter((b) => b.record.year === year).length + 1;
    const code = `${year}-${String(n).padStart(3, '0')}`;
    let m: Machine = INITIAL;
    const creator = (lead && deputyUser.get(lead.code)) ?? admin;
    const events: SuggestionRecord['events'] = [
      {
        type: 'create',
        fromState: null,
        toState: 'draft',
        round: 1,
        actor: creator,
        actorName: creator ?? '',
        at: at(day, 10 * 60),
        data: { sourceType: 'deputy' },
        note: '',
      },
    ];
    const step = (e: SuggestionEvent, actor: string | null, when: string, data: Record<string, unknown> = {}) => {
      const from = m.state;
      m = next(m, e);
      events.push({ type: e.type, fromState: from, toState: m.state, round: 1, actor, actorName: actor ?? '', at: when, data, note: '' });
    };
    const submittedAt = at(day, 10 * 60 + 1);
    step({ type: 'submit' }, creator, submittedAt);
    const mergedAt = at(addDays(day, 1), 10 * 60);
    step({ type: 'merge' }, admin, mergedAt, { intoCode: t.code });
    if (addDays(day, 1) > today) throw new Error('demo merge after the seeding day');
    const rec: SuggestionRecord = {
      ...structuredClone(t),
      code,
      year,
      title: `${t.title.replace(/的建议$/, '')}的意见`,
      kind: 'opinion',
      sourceType: 'deputy',
      source: null,
      state: m.state,
      pending: null,
      round: 1,
      followUp: false,
      mergedInto: t.code,
      keySupervision: false,
      keyNote: '',
      assignedOn: null,
      dueDate: null,
      submittedAt,
      registeredAt: null,
      repliedOn: null,
      grade: null,
      rating: null,
      closedAt: null,
      published: false,
      publicAnswer: '',
      createdBy: creator,
      sponsors: lead ? [{ deputy: lead.code, role: 'lead' }] : [],
      units: [],
      files: [],
      events,
      replies: [],
      ratings: [],
      requests: [],
      consultations: [],
    };
    // The target records the merge and gains the sponsor as a co-sponsor; its state does not change.
    const stateThen = replayUntil(t, mergedAt);
    t.events.push({
      type: 'merge_in',
      fromState: stateThen,
      toState: stateThen,
      round: 1,
      actor: admin,
      actorName: admin ?? '',
      at: mergedAt,
      data: { fromCode: code },
      note: '',
    });
    t.events.sort((a, b) => a.at.localeCompare(b.at));
    if (lead && !t.sponsors.some((x) => x.deputy === lead.code))
      t.sponsors = [...t.sponsors, { deputy: lead.code, role: 'co' as const }].sort((a, b) => a.deputy.localeCompare(b.deputy));
    return { record: rec, machine: m };
  }
}

/** The event of the machine a stored event stands for, or null for the others (create, key, publish, merge_in). */
export function machineEvent(e: { type: string; data: Record<string, unknown> }, grades = DEFAULT_SETTINGS.grades): SuggestionEvent | null {
  switch (e.type) {
    case 'submit':
    case 'register':
    case 'not_accept':
    case 'withdraw':
    case 'merge':
    case 'assign':
    case 'start':
    case 'consult':
    case 'request_return':
    case 'request_extension':
    case 'close':
      return { type: e.type };
    case 'decide_return':
    case 'decide_extension':
      return { type: e.type, approved: e.data.approved === true };
    case 'reply':
      return { type: 'reply', grade: String(e.data.grade), followUp: grades.find((g) => g.code === e.data.grade)?.followUp ?? false };
    case 'rate':
      return { type: 'rate', rating: e.data.result as 'satisfied' | 'basically' | 'dissatisfied' };
    default:
      return null;
  }
}

/** The machine after replaying an item's events (in order) through `next`; throws where one is refused. */
export function replayEvents(events: readonly { type: string; data: Record<string, unknown> }[]): Machine {
  let m = INITIAL;
  for (const e of events) {
    const me = machineEvent(e);
    if (me) m = next(m, me);
  }
  return m;
}

function replayUntil(r: SuggestionRecord, until: string): SuggestionState {
  return replayEvents(r.events.filter((e) => e.at <= until)).state;
}
