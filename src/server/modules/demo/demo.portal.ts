import type { PortalSubmissionRecord } from '../portal/portal.workbook.ts';
import { newTrackingCode } from '../portal/portal.rules.ts';
import type { WorkbookDocument } from '../workbook/workbook.document.ts';
import { Rng } from './demo.random.ts';

/*
 * The demo town's public portal submissions (群众意见) of 2026: what residents sent to the liaison station
 * or to one deputy, most accepted with a public reply, three declined with the reason the resident reads,
 * the latest few still waiting. The demo has no suggestion made from a portal submission (no suggestion of
 * source `portal`), so none is linked to one. Only what was received before the seeding moment (`asOf`)
 * is included, and one handled after it is still waiting: the same moment always gives the same list.
 * Tracking codes, phones and deputies come from a generator of their own (demo.random.ts), never Math.random.
 */

const SEED = 0x50_7a_11;
const YEAR = '2026';

type Entry = {
  /** MM-DD HH:MM, China time, when it was received. */
  at: string;
  /** Days until staff acted on it (null: still waiting). */
  after: number | null;
  to: 'station' | 'deputy';
  village: string | null;
  category: string;
  content: string;
  /** A public reply (accepted) or a reason (declined); absent for one still waiting. */
  reply?: string;
  reason?: string;
  /** Who wrote: the name the resident gave ('' when none); most who give a name leave a phone too. */
  name: string;
};

const ENTRIES: readonly Entry[] = [
  {
    at: '01-06 20:15',
    after: 4,
    to: 'station',
    village: 'V03',
    category: '交通',
    name: '罗先生',
    content: '罗家湾村到镇上的村道有好几处坑洼，雨天积水看不清，骑电动车很危险，希望尽快修补。',
    reply: '已转镇交通站，1月中旬已完成坑洼修补，并在弯道处补画了标线。感谢您的反映。',
  },
  {
    at: '01-15 21:40',
    after: 3,
    to: 'deputy',
    village: 'V02',
    category: '城建',
    name: '陈女士',
    content: '桥东社区老街的路灯坏了半个多月，晚上出门看不清路，老人和孩子容易摔倒。',
    reply: '镇城建办已更换老街路灯灯具12盏，路灯已恢复照明，今后纳入每月巡查。',
  },
  {
    at: '01-27 09:05',
    after: 6,
    to: 'station',
    village: 'V05',
    category: '民政',
    name: '',
    content: '石门村有几户独居老人冬天取暖困难，希望能把他们纳入春节前的走访慰问。',
    reply: '已将名单转石门村委会和镇民政办，春节前完成走访慰问并送去取暖物资。',
  },
  {
    at: '02-09 18:30',
    after: 5,
    to: 'station',
    village: 'V01',
    category: '卫生',
    name: '刘女士',
    content: '青石社区卫生服务站周末不开门，老人看个小病都要跑到镇卫生院，能否安排周末有人值班？',
    reply: '镇卫生院已安排医生轮流到社区卫生服务站周六上午值班，3月起实行。',
  },
  {
    at: '02-24 10:20',
    after: 2,
    to: 'station',
    village: 'V06',
    category: '国土',
    name: '廖先生',
    content: '我家和邻居因为宅基地界线闹纠纷，已经起诉到法院了，希望代表帮忙跟法院说说，让我们赢。',
    reason: '该纠纷已进入诉讼程序，应由人民法院依法审理，代表不能干预具体案件，故不予受理。',
  },
  {
    at: '03-05 07:50',
    after: 7,
    to: 'deputy',
    village: 'V07',
    category: '教育',
    name: '杨女士',
    content: '杨梅村小学门口没有校车停靠点，孩子们只能站在路边等车，来往货车多，很不安全。',
    reply: '已会同镇教育办和交警中队在校门口设置校车停靠站，并加装减速带和警示牌。',
  },
  {
    at: '03-18 16:10',
    after: 6,
    to: 'station',
    village: 'V09',
    category: '环保',
    name: '',
    content: '龙泉村河边有人偷倒建筑垃圾，河道越来越窄，担心夏天下大雨排水不畅。',
    reply: '镇生态环境办已组织清运建筑垃圾约40车，河边设立禁止倾倒标牌并安装监控。',
  },
  {
    at: '03-30 12:25',
    after: 9,
    to: 'deputy',
    village: 'V11',
    category: '农业农村',
    name: '黄先生',
    content: '桃花村的灌溉渠年久失修，渗漏严重，春耕用水紧张，希望能修一修。',
    reply: '该渠道已列入今年小型农田水利项目，4月中旬完成防渗修缮，春耕用水已保障。',
  },
  {
    at: '04-21 19:45',
    after: 5,
    to: 'station',
    village: 'V04',
    category: '社会保障',
    name: '方女士',
    content: '枫林村不少老人不会在手机上缴城乡居民养老保险，希望有人到村里指导办理。',
    reply: '镇社保所已于5月上旬到枫林村集中代办和指导，今后每年缴费期都到村服务。',
  },
  {
    at: '05-06 08:35',
    after: 2,
    to: 'deputy',
    village: 'V06',
    category: '安全生产',
    name: '',
    content: '柳塘村有家小作坊在居民楼一楼堆放了很多液化气瓶，楼上住着人，存在安全隐患。',
    reply: '镇应急办已联合市场监管所现场检查，责令清理多余气瓶并限期整改，已复查到位。',
  },
  {
    at: '05-19 22:05',
    after: 8,
    to: 'station',
    village: 'V08',
    category: '交通',
    name: '朱先生',
    content: '竹山村口的急弯没有反光镜和警示牌，晚上会车根本看不到对面来车。',
    reply: '镇交通站已在竹山村口急弯安装广角反光镜和急弯警示牌。',
  },
  {
    at: '06-02 13:15',
    after: 3,
    to: 'station',
    village: null,
    category: '社会保障',
    name: '周先生',
    content: '我在县城一家装修公司打工，老板拖欠了三个月工资不给，希望代表帮我把钱要回来。',
    reason: '属劳动争议，请向县劳动人事争议仲裁委员会申请仲裁，或拨打12333咨询；工作人员已电话告知办理途径。',
  },
  {
    at: '06-16 17:00',
    after: 6,
    to: 'station',
    village: 'V10',
    category: '卫生',
    name: '',
    content: '黄土岭村的公共厕所长期没人打扫，气味很大，影响村容村貌。',
    reply: '已督促黄土岭村委会落实保洁人员，公厕每天清扫一次，镇环卫站每周检查。',
  },
  {
    at: '07-01 09:40',
    after: 10,
    to: 'deputy',
    village: 'V12',
    category: '环保',
    name: '谢女士',
    content: '新田村养猪场的污水直接排进旁边的水塘，气味难闻，担心影响附近的水井。',
    reply: '县生态环境分局已现场检查，责令养殖场限期建设污水处理设施，目前已停止直排。',
  },
  {
    at: '07-14 06:55',
    after: 2,
    to: 'station',
    village: 'V03',
    category: '城建',
    name: '罗女士',
    content: '罗家湾村几户人家屋后的排水沟被堵死了，上周暴雨时积水都漫进了屋里。',
    reply: '镇应急办和村委会已清理排水沟并加宽出水口，汛期每次强降雨前安排巡查。',
  },
  {
    at: '07-28 20:30',
    after: 4,
    to: 'station',
    village: 'V01',
    category: '教育',
    name: '',
    content: '暑假里双职工家庭的孩子没人看管，希望社区能办个暑期托管班。',
    reply: '青石社区已联合镇中心小学开设暑期托管班，8月免费开放四周。',
  },
  {
    at: '08-11 11:10',
    after: 7,
    to: 'deputy',
    village: 'V09',
    category: '民政',
    name: '龙先生',
    content: '龙泉村有位残疾老人一直没有办残疾证，家里人不知道去哪里办、怎么办。',
    reply: '镇残联已安排上门评定，协助老人办理残疾证，补贴将按规定发放。',
  },
  {
    at: '08-25 15:35',
    after: 1,
    to: 'station',
    village: null,
    category: '其他',
    name: '',
    content: '我们新开了一家装修店，请代表们帮忙在各村群里推广一下，给大家优惠。',
    reason: '所提内容为商业推广，不属于向人大代表反映的意见建议范围。',
  },
  {
    at: '09-09 07:20',
    after: 12,
    to: 'station',
    village: 'V05',
    category: '交通',
    name: '石女士',
    content: '石门村到镇中学的公交班次太少，早上第一班车太晚，孩子上学经常赶不上。',
    reply: '已与县公交公司协调，上学日早上6:40加开一班石门村至镇中学的公交车。',
  },
  {
    at: '09-22 14:05',
    after: 8,
    to: 'deputy',
    village: 'V07',
    category: '农业农村',
    name: '',
    content: '杨梅村今年柑橘丰收，但收购商压价厉害，希望镇里帮忙对接销路。',
    reply: '镇农业农村办已联系两家电商企业和一家果品公司到村对接，已收购柑橘约30万斤。',
  },
  {
    at: '10-13 18:50',
    after: 5,
    to: 'station',
    village: 'V10',
    category: '安全生产',
    name: '黄女士',
    content: '黄土岭村后山有一处山体，去年下雨时掉过石头，下面就是村道，希望请专业人员来看看。',
    reply: '镇自然资源所已组织地质灾害隐患排查，设置警示标志，并列入汛期重点巡查点。',
  },
  {
    at: '10-29 21:15',
    after: 12,
    to: 'station',
    village: 'V04',
    category: '城建',
    name: '',
    content: '枫林村新建安置小区的路灯装好几个月了一直没有通电，晚上一片漆黑。',
    reply: '已协调供电所完成安置小区路灯接电，11月上旬起正常照明。',
  },
  {
    at: '11-12 10:30',
    after: null,
    to: 'deputy',
    village: 'V11',
    category: '卫生',
    name: '陶女士',
    content: '桃花村卫生室药品种类少，高血压、糖尿病这些慢性病常用药经常缺货。',
  },
  {
    at: '11-18 08:15',
    after: null,
    to: 'deputy',
    village: 'V12',
    category: '民政',
    name: '谢先生',
    content: '新田村一户低保家庭反映今年有两个月的低保金没有到账，希望帮忙核实一下。',
  },
  {
    at: '11-24 17:45',
    after: null,
    to: 'station',
    village: 'V02',
    category: '交通',
    name: '',
    content: '镇中心小学放学时门口道路堵得厉害，接孩子的车乱停，希望安排人员疏导。',
  },
];

const PHONE_SHARE = 0.8;

/** A UTC instant (milliseconds) from a China date and time. */
const utc = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

/** The handling time: `days` after receipt, at 09:30 China time on that day. */
function handled(receivedUtc: string, days: number): string {
  const chinaDate = new Date(Date.parse(receivedUtc) + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return utc(chinaDate, '09:30');
}

export function buildPortalSubmissions(doc: WorkbookDocument, asOf: Date): PortalSubmissionRecord[] {
  const rng = new Rng(SEED);
  const station = doc.stations?.[0]?.code ?? null;
  if (!station) return [];
  const villages = new Set((doc.villages ?? []).map((v) => v.code));
  const categories = doc.suggestionSettings?.[0]?.categories ?? [];
  // Deputies a resident can write to: serving, of the latest term, at a station.
  const latest = Math.max(0, ...(doc.deputies ?? []).map((d) => d.term));
  const deputies = (doc.deputies ?? []).filter((d) => d.term === latest && d.status === 'serving' && d.station !== null).map((d) => d.code);
  const codes = new Set<string>();
  const now = asOf.toISOString();
  const out: PortalSubmissionRecord[] = [];
  for (const e of ENTRIES) {
    // Drawn for every entry, kept or not, so an earlier moment gives the same codes to the same entries.
    let code = newTrackingCode((n) => rng.int(0, n - 1));
    while (codes.has(code)) code = newTrackingCode((n) => rng.int(0, n - 1));
    codes.add(code);
    const withPhone = e.name !== '' && rng.chance(PHONE_SHARE);
    const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    const deputy = deputies.length ? deputies[rng.int(0, deputies.length - 1)] : null;
    const [day, time] = e.at.split(' ');
    const receivedAt = utc(`${YEAR}-${day}`, time);
    if (receivedAt >= now) continue;
    const handledAt = e.after === null ? null : handled(receivedAt, e.after);
    // Acted on after the seeding moment: still waiting as of then.
    const done = handledAt !== null && handledAt < now;
    const target = e.to === 'deputy' && deputy ? 'deputy' : 'station';
    out.push({
      trackingCode: code,
      receivedAt,
      target,
      station: target === 'station' ? station : null,
      deputy: target === 'deputy' ? deputy : null,
      name: e.name,
      phone: withPhone ? phone : null,
      village: e.village && villages.has(e.village) ? e.village : null,
      category: categories.length === 0 || categories.includes(e.category) ? e.category : '其他',
      content: e.content,
      status: !done ? 'received' : e.reason ? 'declined' : 'accepted',
      declineReason: done && e.reason ? e.reason : '',
      suggestion: null,
      publicReply: done && e.reply ? e.reply : '',
      handledAt: done ? handledAt : null,
    });
  }
  return out;
}
