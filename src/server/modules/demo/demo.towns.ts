import type { DeputyRecord } from '../workbook/sections/deputies.section.ts';
import type { ScheduleRule, StationRecord } from '../workbook/sections/stations.section.ts';
import type { UnitRecord } from '../workbook/sections/units.section.ts';

/*
 * The two towns of the demo county 云溪县, as plans the generator fills with invented people.
 * Town 1 is shaped after the sample annual report (a town of about a dozen villages with 79 deputies
 * of both levels and one 代表工作室); town 2 is a smaller one with two stations.
 * Every name here is invented.
 */

export type Occupation = DeputyRecord['occupation'];

export type OfficialPlan = {
  constituency: string;
  occupation: Occupation;
  workplace: string;
  title: string;
  level: 'town' | 'both';
  gender?: 'male' | 'female';
  /** 人大主席 / full-time vice chair; the station head is named on the station. */
  role?: 'chair' | 'vice_chair';
  /** Holds a government post: may not sit on the presidium (地方组织法). */
  government?: boolean;
};

export type StationPlan = {
  code: string;
  name: string;
  kind: StationRecord['kind'];
  address: string;
  scheduleRule: ScheduleRule;
  description: string;
  villages: string[];
  /** The full-time vice chair, or the secretary of a village. */
  head: 'vice_chair' | { village: string };
};

export type UserPlan = {
  username: string;
  role: 'county_admin' | 'town_admin' | 'liaison' | 'deputy' | 'handler';
  station?: string;
  unit?: string;
  note: string;
};

export type TownPlan = {
  code: string;
  name: string;
  population: number;
  terms: { number: number; startDate: string; endDate: string | null }[];
  villages: [code: string, name: string, kind: 'village' | 'community'][];
  constituencies: { code: string; name: string; seats: number; villages: string[] }[];
  officials: OfficialPlan[];
  /** Town deputies who are county deputies too, besides the officials marked 'both'. */
  extraCountyLevel: number;
  /** County deputies elected here who are not town deputies. */
  countyOnly: number;
  stations: StationPlan[];
  groups: { code: string; name: string; constituencies: string[] }[];
  units: [code: string, name: string, kind: UnitRecord['kind']][];
  /** Vice chairs taken from the village secretaries, besides the full-time one. */
  villageViceChairs: number;
  presidiumMembers: number;
  hardship: number;
  leavers: { status: 'resigned' | 'transferred'; date: string; reason: string }[];
  users: UserPlan[];
};

export const DEMO_COUNTY = { code: 'DEMO', name: '云溪县' };

const MONTHLY_9_19: ScheduleRule = { type: 'monthly_days', days: [9, 19] };

export const QINGSHI: TownPlan = {
  code: 'DEMO01',
  name: '青石镇',
  population: 51200,
  terms: [
    { number: 17, startDate: '2016-12-26', endDate: '2021-12-27' },
    { number: 18, startDate: '2021-12-28', endDate: null },
  ],
  villages: [
    ['V01', '青石社区', 'community'],
    ['V02', '桥东社区', 'community'],
    ['V03', '罗家湾村', 'village'],
    ['V04', '枫林村', 'village'],
    ['V05', '石门村', 'village'],
    ['V06', '柳塘村', 'village'],
    ['V07', '杨梅村', 'village'],
    ['V08', '竹山村', 'village'],
    ['V09', '龙泉村', 'village'],
    ['V10', '黄土岭村', 'village'],
    ['V11', '桃花村', 'village'],
    ['V12', '新田村', 'village'],
  ],
  constituencies: [
    { code: 'C01', name: '第一选区（青石社区）', seats: 9, villages: ['V01'] },
    { code: 'C02', name: '第二选区（桥东社区）', seats: 8, villages: ['V02'] },
    { code: 'C03', name: '第三选区（罗家湾村）', seats: 7, villages: ['V03'] },
    { code: 'C04', name: '第四选区（枫林村、石门村）', seats: 8, villages: ['V04', 'V05'] },
    { code: 'C05', name: '第五选区（柳塘村）', seats: 7, villages: ['V06'] },
    { code: 'C06', name: '第六选区（杨梅村）', seats: 6, villages: ['V07'] },
    { code: 'C07', name: '第七选区（竹山村、龙泉村）', seats: 8, villages: ['V08', 'V09'] },
    { code: 'C08', name: '第八选区（黄土岭村）', seats: 6, villages: ['V10'] },
    { code: 'C09', name: '第九选区（桃花村）', seats: 7, villages: ['V11'] },
    { code: 'C10', name: '第十选区（新田村）', seats: 7, villages: ['V12'] },
  ],
  officials: [
    { constituency: 'C01', occupation: '机关事业单位', workplace: '中共青石镇委员会', title: '镇党委书记', level: 'both', government: true },
    { constituency: 'C01', occupation: '机关事业单位', workplace: '青石镇人民政府', title: '镇党委副书记、镇长', level: 'both', government: true },
    { constituency: 'C01', occupation: '机关事业单位', workplace: '青石镇人大', title: '镇人大主席', level: 'town', role: 'chair' },
    {
      constituency: 'C02',
      occupation: '机关事业单位',
      workplace: '青石镇人大',
      title: '镇人大专职副主席',
      level: 'town',
      role: 'vice_chair',
      gender: 'female',
    },
    { constituency: 'C02', occupation: '机关事业单位', workplace: '青石镇人民政府', title: '副镇长', level: 'town', gender: 'female', government: true },
    { constituency: 'C01', occupation: '专业技术人员', workplace: '青石镇中心学校', title: '校长', level: 'town' },
    { constituency: 'C02', occupation: '专业技术人员', workplace: '青石镇卫生院', title: '院长、主治医师', level: 'town' },
    { constituency: 'C02', occupation: '机关事业单位', workplace: '青石镇农业综合服务中心', title: '主任', level: 'town', government: true },
  ],
  extraCountyLevel: 7,
  countyOnly: 6,
  stations: [
    {
      code: 'S01',
      name: '青石镇人大代表联系群众工作室',
      kind: 'studio',
      address: '青石镇人民政府一楼东侧',
      scheduleRule: MONTHLY_9_19,
      description: '全镇县、镇两级人大代表轮流值班，每月9日、19日为固定接待日，收集群众意见建议。',
      villages: ['V01', 'V02', 'V03', 'V04', 'V05', 'V06', 'V07', 'V08', 'V09', 'V10', 'V11', 'V12'],
      head: 'vice_chair',
    },
  ],
  groups: [
    { code: 'G01', name: '第一代表小组（青石社区片）', constituencies: ['C01'] },
    { code: 'G02', name: '第二代表小组（桥东片）', constituencies: ['C02'] },
    { code: 'G03', name: '第三代表小组（罗家湾片）', constituencies: ['C03'] },
    { code: 'G04', name: '第四代表小组（枫林柳塘片）', constituencies: ['C04', 'C05'] },
    { code: 'G05', name: '第五代表小组（杨梅竹山片）', constituencies: ['C06', 'C07'] },
    { code: 'G06', name: '第六代表小组（黄土岭片）', constituencies: ['C08'] },
    { code: 'G07', name: '第七代表小组（桃花新田片）', constituencies: ['C09', 'C10'] },
  ],
  units: [
    ['U01', '民政办', 'town_office'],
    ['U02', '安监站', 'town_office'],
    ['U03', '财政所', 'town_office'],
    ['U04', '农业综合服务中心', 'town_office'],
    ['U05', '自然资源所', 'other'],
    ['U06', '社会事务办', 'town_office'],
    ['U07', '派出所', 'other'],
    ['U08', '司法所', 'town_office'],
    ['U09', '中心学校', 'other'],
    ['U10', '卫生院', 'other'],
    ['U11', '县交通运输局', 'county_dept'],
    ['U12', '县住建局', 'county_dept'],
    ['U13', '县水利局', 'county_dept'],
  ],
  villageViceChairs: 1,
  presidiumMembers: 6,
  hardship: 3,
  leavers: [
    { status: 'resigned', date: '2024-03-18', reason: '因身体原因本人申请辞去镇人大代表职务，经镇人大主席团接受' },
    { status: 'transferred', date: '2025-06-30', reason: '工作调动至外县，不再担任本镇人大代表' },
  ],
  users: [
    { username: 'county', role: 'county_admin', note: '县人大常委会管理员：可切换查看云溪县各乡镇' },
    { username: 'admin', role: 'town_admin', note: '青石镇人大管理员（主席团办公室）' },
    { username: 'liaison', role: 'liaison', station: 'S01', note: '青石镇代表工作室联络员' },
    { username: 'deputy', role: 'deputy', note: '青石镇人大代表' },
    { username: 'handler', role: 'handler', unit: 'U01', note: '青石镇民政办承办人员' },
  ],
};

export const BAISHA: TownPlan = {
  code: 'DEMO02',
  name: '白沙镇',
  population: 16800,
  terms: [{ number: 18, startDate: '2021-12-30', endDate: null }],
  villages: [
    ['V01', '白沙社区', 'community'],
    ['V02', '河口村', 'village'],
    ['V03', '松岭村', 'village'],
    ['V04', '大坪村', 'village'],
    ['V05', '茶园村', 'village'],
    ['V06', '梨树村', 'village'],
    ['V07', '高桥村', 'village'],
    ['V08', '洞口村', 'village'],
  ],
  constituencies: [
    { code: 'C01', name: '第一选区（白沙社区）', seats: 8, villages: ['V01'] },
    { code: 'C02', name: '第二选区（河口村）', seats: 6, villages: ['V02'] },
    { code: 'C03', name: '第三选区（松岭村、大坪村）', seats: 7, villages: ['V03', 'V04'] },
    { code: 'C04', name: '第四选区（茶园村）', seats: 5, villages: ['V05'] },
    { code: 'C05', name: '第五选区（梨树村）', seats: 5, villages: ['V06'] },
    { code: 'C06', name: '第六选区（高桥村）', seats: 5, villages: ['V07'] },
    { code: 'C07', name: '第七选区（洞口村）', seats: 5, villages: ['V08'] },
  ],
  officials: [
    { constituency: 'C01', occupation: '机关事业单位', workplace: '中共白沙镇委员会', title: '镇党委书记', level: 'both', government: true },
    { constituency: 'C01', occupation: '机关事业单位', workplace: '白沙镇人民政府', title: '镇党委副书记、镇长', level: 'both', government: true },
    { constituency: 'C01', occupation: '机关事业单位', workplace: '白沙镇人大', title: '镇人大主席', level: 'town', role: 'chair' },
    { constituency: 'C02', occupation: '机关事业单位', workplace: '白沙镇人大', title: '镇人大副主席', level: 'town', role: 'vice_chair' },
    { constituency: 'C01', occupation: '专业技术人员', workplace: '白沙镇卫生院', title: '院长', level: 'town', gender: 'female' },
  ],
  extraCountyLevel: 3,
  countyOnly: 4,
  stations: [
    {
      code: 'S01',
      name: '白沙镇人大代表联络站',
      kind: 'station',
      address: '白沙镇人民政府二楼',
      scheduleRule: { type: 'monthly_days', days: [15] },
      description: '覆盖白沙社区及河口、松岭、大坪三村，每月15日接待群众。',
      villages: ['V01', 'V02', 'V03', 'V04'],
      head: 'vice_chair',
    },
    {
      code: 'S02',
      name: '白沙镇洞口片区人大代表之家',
      kind: 'home',
      address: '洞口村党群服务中心',
      scheduleRule: { type: 'first_weekend' },
      description: '覆盖茶园、梨树、高桥、洞口四村，每月第一个周末为代表固定活动日。',
      villages: ['V05', 'V06', 'V07', 'V08'],
      head: { village: 'V08' },
    },
  ],
  groups: [
    { code: 'G01', name: '第一代表小组（白沙社区片）', constituencies: ['C01'] },
    { code: 'G02', name: '第二代表小组（河口松岭片）', constituencies: ['C02', 'C03'] },
    { code: 'G03', name: '第三代表小组（茶园梨树片）', constituencies: ['C04', 'C05'] },
    { code: 'G04', name: '第四代表小组（高桥洞口片）', constituencies: ['C06', 'C07'] },
  ],
  units: [
    ['U01', '民政办', 'town_office'],
    ['U02', '安监站', 'town_office'],
    ['U03', '财政所', 'town_office'],
    ['U04', '农业综合服务中心', 'town_office'],
    ['U05', '派出所', 'other'],
    ['U06', '县交通运输局', 'county_dept'],
    ['U07', '县水利局', 'county_dept'],
  ],
  villageViceChairs: 0,
  presidiumMembers: 5,
  hardship: 2,
  leavers: [],
  users: [{ username: 'admin2', role: 'town_admin', note: '白沙镇人大管理员' }],
};
