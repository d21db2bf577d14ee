import type { MatterRouting } from '../../db/tables/receptions.ts';
import type { ActivityRecord } from '../workbook/sections/activities.section.ts';
import type { ReceptionRecord } from '../workbook/sections/receptions.section.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { PeopleFactory } from './demo.people.ts';
import { Rng } from './demo.random.ts';

/*
 * The receptions (接待记录) of a demo town: one for every reception day its stations held — the
 * held occurrences of the stations' fixed-day series (固定接待日 / 代表之家固定活动日) — on that day, at
 * that place, linked to that activity, with the deputies who attended it on duty. The activity's
 * outcomes already say how many people came and how many matters were collected ("接待群众 5 人次，收集
 * 意见建议 3 件，其中当场答复 1 件"); the reception carries exactly those figures, with matters drawn
 * from what villagers bring to a township station, and routings of every kind.
 *
 * Every activity gets a generator of its own, seeded by one draw in date order whether it was held or
 * not, so a reception comes out the same whatever the seeding moment; only which of them exist yet
 * depends on it. Matters routed to 'suggestion' carry no link here: the suggestions demo
 * (demo.suggestions.ts) makes its items of source 'reception' from them.
 */

type Template = {
  category: string;
  /** {v} is the visitor's village, {c} its committee (村委会 / 居委会). */
  content: string;
  /** The routings this matter may take, with what the deputies noted ({v}, {c} as above, {d} a county deputy). */
  routes: Partial<Record<MatterRouting, string>>;
};

const TEMPLATES: readonly Template[] = [
  {
    category: '交通',
    content: '{v}通组公路有一段路面塌陷，雨天车辆无法通行，希望尽快修补。',
    routes: { village: '已转{c}，已安排先用碎石填平，承诺两周内修补', suggestion: '整理为代表建议，建议列入今年通组公路维修计划' },
  },
  {
    category: '交通',
    content: '{v}村口到镇上的路段没有路灯，晚上出行不安全。',
    routes: { suggestion: '整理为代表建议，建议实施村道亮化', village: '已转{c}统计需安装路灯的路段' },
  },
  {
    category: '交通',
    content: '希望增开镇上到县城的早班客车，方便学生和上班族。',
    routes: { county_deputy: '已转县人大代表{d}，向县交通运输局反映', suggestion: '整理为代表建议，建议协调客运公司调整班次' },
  },
  {
    category: '交通',
    content: '镇中心学校门口上下学时段车辆乱停，道路拥堵。',
    routes: { on_spot: '值班代表当场联系镇派出所，已安排上下学时段民警值守', suggestion: '整理为代表建议，建议在学校门口施划临时停车位' },
  },
  {
    category: '卫生',
    content: '{v}卫生室缺少常用慢性病药品，老人买药要跑到镇上。',
    routes: { suggestion: '整理为代表建议，建议镇卫生院定期向村卫生室配送常用药', village: '已转{c}与村医对接药品目录' },
  },
  {
    category: '卫生',
    content: '镇卫生院周末只有一名医生值班，看病排队时间长。',
    routes: { suggestion: '整理为代表建议，建议优化卫生院周末排班', on_spot: '值班代表（卫生院院长）当场说明已增加周六上午门诊医生' },
  },
  {
    category: '卫生',
    content: '{v}垃圾收集点清运不及时，天热时气味很大。',
    routes: { village: '已转{c}，协调保洁员每天清运一次', on_spot: '值班代表当场电话联系镇环卫站，当天已清运' },
  },
  {
    category: '城建',
    content: '镇区主街排水沟堵塞，下大雨时路面积水严重。',
    routes: { suggestion: '整理为代表建议，建议汛期前疏通镇区排水管网', on_spot: '值班代表当场联系镇城建办，已安排疏通' },
  },
  {
    category: '城建',
    content: '希望在{v}建一个小广场，方便群众跳舞健身。',
    routes: { village: '已转{c}，纳入公益事业一事一议讨论', suggestion: '整理为代表建议，建议统筹村级文体设施建设' },
  },
  {
    category: '城建',
    content: '{v}部分老旧房屋墙体开裂，担心雨季出危险。',
    routes: { village: '已转{c}，组织危房排查并登记', county_deputy: '已转县人大代表{d}，向县住建局反映农村危房改造政策' },
  },
  {
    category: '民政',
    content: '家里老人八十多岁，想了解高龄津贴怎么申请。',
    routes: { on_spot: '值班代表当场讲解申请条件和材料，告知到{c}代办' },
  },
  {
    category: '民政',
    content: '{v}低保评定名单没有公示，群众有意见。',
    routes: { village: '已转{c}，要求按规定张榜公示', suggestion: '整理为代表建议，建议规范低保评议和公示程序' },
  },
  {
    category: '民政',
    content: '残疾人两项补贴到账时间不固定，希望按月发放。',
    routes: { county_deputy: '已转县人大代表{d}，向县民政局反映', on_spot: '值班代表当场向镇民政办核实，已说明发放时间' },
  },
  {
    category: '民政',
    content: '希望在{v}办一个老年食堂，解决独居老人吃饭难。',
    routes: { suggestion: '整理为代表建议，建议试点村级老年助餐点', village: '已转{c}调查有需求的老人人数' },
  },
  {
    category: '国土',
    content: '和邻居因宅基地边界发生争执，对方已经起诉到法院。',
    routes: { not_accepted: '该纠纷已进入诉讼程序，不属于代表接待受理范围，已告知通过司法途径解决' },
  },
  {
    category: '国土',
    content: '{v}承包地被占用修路，征地补偿款还没有到位。',
    routes: { county_deputy: '已转县人大代表{d}，向县自然资源局了解补偿进度', suggestion: '整理为代表建议，建议督促落实征地补偿' },
  },
  {
    category: '国土',
    content: '想了解农村自建房审批需要哪些材料。',
    routes: { on_spot: '值班代表当场讲解农村建房审批流程，并提供办事指南' },
  },
  {
    category: '教育',
    content: '{v}小学撤并后孩子上学路远，希望开通校车。',
    routes: { suggestion: '整理为代表建议，建议开通农村学生校车线路', county_deputy: '已转县人大代表{d}，向县教育局反映' },
  },
  {
    category: '教育',
    content: '镇中学寄宿生宿舍热水供应时间太短。',
    routes: { on_spot: '值班代表当场联系学校后勤，已延长热水供应时间', village: '已转镇中学家委会跟进' },
  },
  {
    category: '环保',
    content: '{v}附近石料厂粉尘大，影响村民晾晒和出行。',
    routes: { county_deputy: '已转县人大代表{d}，向县生态环境分局反映', suggestion: '整理为代表建议，建议对石料厂开展环保执法检查' },
  },
  {
    category: '环保',
    content: '有人往{v}河道倾倒建筑垃圾。',
    routes: { village: '已转{c}，组织清理并落实河长巡查', on_spot: '值班代表当场联系镇河长办，已安排清理' },
  },
  {
    category: '农业农村',
    content: '{v}灌溉水渠年久失修，漏水严重，影响春耕。',
    routes: { suggestion: '整理为代表建议，建议将水渠维修列入小型水利工程计划', village: '已转{c}，组织群众投工投劳先行修补' },
  },
  {
    category: '农业农村',
    content: '今年茶叶收购价格偏低，希望引进茶叶加工企业。',
    routes: { suggestion: '整理为代表建议，建议发展茶叶精深加工、延长产业链', county_deputy: '已转县人大代表{d}，向县农业农村局反映' },
  },
  {
    category: '农业农村',
    content: '农机购置补贴怎么申请，流程不清楚。',
    routes: { on_spot: '值班代表当场讲解补贴政策和申请流程' },
  },
  {
    category: '安全生产',
    content: '{v}一座老桥栏杆损坏，存在安全隐患。',
    routes: { village: '已转{c}，已设置警示标志', suggestion: '整理为代表建议，建议开展农村危桥排查' },
  },
  {
    category: '安全生产',
    content: '镇区有商户在人行道上堆放液化气罐。',
    routes: { on_spot: '值班代表当场联系镇安监站，已现场督促整改' },
  },
  {
    category: '社会保障',
    content: '城乡居民医保缴费标准提高，部分困难群众缴费有压力。',
    routes: { county_deputy: '已转县人大代表{d}，向县医保局反映困难群体资助政策', on_spot: '值班代表当场讲解困难群众参保资助政策' },
  },
  {
    category: '社会保障',
    content: '外出务工回乡后，养老保险转移接续手续复杂。',
    routes: { on_spot: '值班代表当场讲解转移接续流程，告知可在手机上办理' },
  },
  {
    category: '其他',
    content: '在外地工地打工的工资被拖欠三个月。',
    routes: { not_accepted: '属劳动争议，不属于代表接待受理范围，已告知向务工所在地劳动保障监察部门投诉' },
  },
  {
    category: '其他',
    content: '反映与亲属之间的财产继承纠纷，希望代表出面调解。',
    routes: { not_accepted: '属家庭财产纠纷，已告知向村人民调解委员会申请调解或通过诉讼解决' },
  },
  {
    category: '其他',
    content: '对{v}村务公开不及时有意见。',
    routes: { village: '已转{c}，要求按月公开村务', on_spot: '值班代表当场说明村务公开的规定和监督渠道' },
  },
];

const ON_SPOT = TEMPLATES.filter((t) => t.routes.on_spot);
/** Matters that can go elsewhere than an answer on the spot. */
const ELSEWHERE = TEMPLATES.filter((t) => Object.keys(t.routes).some((r) => r !== 'on_spot'));
const PHONE_PREFIXES = ['137', '139', '150', '151', '158', '159', '187', '188'];

/** Visitors, matters and on-the-spot answers as the activity's outcomes text gives them. */
function figuresOf(outcomes: string): { visitors: number; matters: number; onSpot: number | null } | null {
  const v = /接待群众\s*(\d+)\s*人次/.exec(outcomes);
  const m = /收集意见建议\s*(\d+)\s*件/.exec(outcomes);
  if (!v || !m) return null;
  const s = /当场答复\s*(\d+)\s*件/.exec(outcomes);
  return { visitors: Number(v[1]), matters: Number(m[1]), onSpot: s ? Number(s[1]) : null };
}

/** 洞口村 -> 洞口村委会, 白沙社区 -> 白沙社区居委会. */
const committee = (village: string) => (village.endsWith('村') ? `${village}委会` : `${village}居委会`);

const CHINA = 8 * 3600_000;
const chinaDay = (utc: string) => new Date(Date.parse(utc) + CHINA).toISOString().slice(0, 10);
const chinaTime = (utc: string) => new Date(Date.parse(utc) + CHINA).toISOString().slice(11, 16);

export function buildReceptions(doc: WorkbookDocument, rng: Rng): ReceptionRecord[] {
  const stations = new Map((doc.stations ?? []).map((s) => [s.code, s]));
  const villageName = new Map((doc.villages ?? []).map((v) => [v.code, v.name]));
  const countyDeputies = (doc.deputies ?? []).filter((d) => d.status === 'serving' && d.isCountyLevel);
  const users = doc.users ?? [];
  const admin = users.find((u) => u.role === 'town_admin')?.username ?? null;
  const recorder = (station: string) => users.find((u) => u.role === 'liaison' && u.station === station)?.username ?? admin;
  const kinds = new Set((doc.activitySeries ?? []).filter((s) => s.kind === 'fixed_day' && s.organiserType === 'station').map((s) => s.code));
  const days = (doc.activities ?? [])
    .filter((a: ActivityRecord) => a.series !== null && kinds.has(a.series) && a.organiser !== null && stations.has(a.organiser))
    .sort((a, b) => a.startAt.localeCompare(b.startAt) || a.code.localeCompare(b.code));

  const out: Omit<ReceptionRecord, 'code'>[] = [];
  for (const a of days) {
    // One draw per reception day, held or not: the draws of later days never depend on the seeding moment.
    const own = new Rng(Math.floor(rng.next() * 2 ** 32));
    if (a.status !== 'held') continue;
    const station = stations.get(a.organiser as string);
    const onDuty = a.invitations.filter((i) => i.attendance === 'present' || i.attendance === 'late').map((i) => i.deputy);
    if (!station || onDuty.length === 0) continue;
    const people = new PeopleFactory(own);
    const f = figuresOf(a.outcomes) ?? { visitors: own.int(1, 5), matters: own.int(1, 3), onSpot: null };
    // When the outcomes say how many were answered on the spot, exactly those are; otherwise any matter may be.
    const onSpot = f.onSpot ?? 0;
    // One visitor may bring one matter or several people one matter together, never a matter without a visitor.
    const count = Math.min(f.matters, f.visitors);
    const visitors = Array.from({ length: count }, () => 1);
    for (let left = f.visitors - count; left > 0; left--) visitors[own.int(0, count - 1)]++;
    const used = new Set<Template>();
    const matters = visitors.map((visitorCount, i) => {
      const from = i < onSpot ? ON_SPOT : f.onSpot === null ? TEMPLATES : ELSEWHERE;
      const pool = from.filter((t) => !used.has(t));
      const t = own.pick(pool.length ? pool : from);
      used.add(t);
      const routings = Object.keys(t.routes) as MatterRouting[];
      const routing: MatterRouting = i < onSpot ? 'on_spot' : own.pick(f.onSpot === null ? routings : routings.filter((r) => r !== 'on_spot'));
      const v = own.pick(station.villages);
      const village = villageName.get(v) ?? '';
      const county = countyDeputies.length ? own.pick(countyDeputies).name : '';
      const named = visitorCount === 1 && own.chance(0.4);
      const gender = own.chance(0.5) ? 'male' : 'female';
      const name = named ? people.name(gender) : '';
      const phone = named && own.chance(0.6) ? `${own.pick(PHONE_PREFIXES)}${String(own.int(0, 99_999_999)).padStart(8, '0')}` : null;
      const fill = (s: string) => s.replaceAll('{v}', village).replaceAll('{c}', committee(village)).replaceAll('{d}', county);
      return {
        seq: i + 1,
        // A group of villagers is written down by what they are: 某村群众 (5 人).
        visitorName: visitorCount > 1 ? `${village}群众` : name,
        visitorPhone: visitorCount > 1 ? null : phone,
        visitorCount,
        village: v,
        category: t.category,
        content: fill(t.content),
        routing,
        routingNote: fill(t.routes[routing] ?? ''),
      };
    });
    out.push({
      station: station.code,
      date: chinaDay(a.startAt),
      startTime: chinaTime(a.startAt),
      endTime: chinaTime(a.endAt),
      place: a.place,
      activity: a.code,
      notes: '',
      createdBy: recorder(station.code),
      deputies: [...onDuty].sort(),
      matters,
    });
  }
  return out.map((r, i) => ({ code: `R${String(i + 1).padStart(4, '0')}`, ...r }));
}
