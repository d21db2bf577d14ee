import type { TownRecordsPlan } from './demo.records.types.ts';

/*
 * 白沙镇's presidium meetings, documents and research topics of 2026 (see demo.records.qingshi.ts):
 * a smaller town whose two stations each get their own notice. As of late November 2026 one decision
 * is overdue (road safety works the county transport bureau has not finished), a report came in after
 * its due day and waits for its grade, and the 联络站's topic is still being worked on.
 */

const ALL = { levels: ['town', 'county'] } as { levels: ('town' | 'county')[] };

export const BAISHA_RECORDS: TownRecordsPlan = {
  firstOrdinal: 16,
  meetings: [
    {
      activity: 'presidium-01',
      title: '研究全年工作要点',
      agenda: [
        { title: '审议《白沙镇人大2026年工作要点（草案）》', presenter: '@vice', result: '原则通过，修改后印发全体代表。' },
        { title: '研究联络站和代表之家全年活动安排', presenter: '@seat:洞口村', result: '联络站每月15日接待群众，代表之家每月第一个周六开展固定活动。' },
      ],
      decisions: [
        {
          content: '修改完善2026年工作要点，以主席团文件印发全体代表。',
          owner: '@vice',
          due: '2026-01-20',
          progress: [],
          done: ['2026-01-12', '已以白人主〔2026〕1号文件印发。'],
        },
        {
          content: '联络站、代表之家制定全年接待和活动日代表值班安排，1月底前公布。',
          owner: '@seat:洞口村',
          due: '2026-01-31',
          progress: [['2026-01-20', '联络站值班表已排好，代表之家正在征求代表意见。']],
          done: ['2026-01-28', '两处值班安排已在公示栏和代表群公布。'],
        },
      ],
    },
    {
      activity: 'presidium-02',
      title: '研究视察调研计划',
      agenda: [
        {
          title: '审议2026年视察、调研和执法检查计划（草案）',
          presenter: '@vice',
          result: '通过。5月视察茶产业基地，7月开展茶产业专题调研，9月开展农产品质量安全执法检查。',
        },
        { title: '确定民主评议对象', presenter: '@chair', result: '确定对镇财政所、农业综合服务中心开展民主评议。' },
      ],
      decisions: [
        {
          content: '5月组织部分代表视察茶园村茶产业基地建设。',
          owner: '@vice',
          due: '2026-05-31',
          progress: [],
          done: ['2026-05-20', '5月20日完成视察，提出意见建议 6 条。'],
        },
        {
          content: '印发对镇财政所、农业综合服务中心的民主评议工作方案。',
          owner: '@vice',
          due: '2026-04-30',
          progress: [],
          done: ['2026-04-24', '评议方案已印发，两单位开始自查。'],
        },
        {
          content: '督促河口村小型水库除险加固，汛前完成溢洪道清障。',
          owner: '@unit:U07',
          due: '2026-06-10',
          progress: [['2026-05-15', '溢洪道清障完成，坝体护坡正在施工。']],
          done: ['2026-06-08', '除险加固完成，已通过县水利局验收。'],
        },
      ],
    },
    {
      activity: 'presidium-03',
      title: '听取上半年建议办理情况',
      agenda: [
        {
          title: '听取镇政府关于上半年代表建议办理情况的汇报',
          presenter: '镇政府分管负责同志',
          result: '代表建议 17 件，已办结 11 件；“洞口至高桥道路安防设施”一件进度滞后。',
        },
        { title: '研究下半年工作安排', presenter: '@chair', result: '通过下半年工作安排。' },
      ],
      decisions: [
        {
          content: '对“洞口村至高桥村道路增设护栏和警示标志”建议进行督办，10月底前完成。',
          owner: '@unit:U06',
          due: '2026-10-31',
          progress: [
            ['2026-08-20', '县交通运输局已完成勘察设计。'],
            ['2026-10-25', '护栏材料已进场，因雨天施工推迟。'],
          ],
          done: ['2026-12-05', '完成护栏 1.2 公里、警示标志 14 处，领衔代表满意。'],
        },
        {
          content: '7月组织部分代表开展茶产业发展专题调研，形成调研报告。',
          owner: '@vice',
          due: '2026-07-31',
          progress: [['2026-07-16', '调研已完成，正在起草报告。']],
          done: ['2026-07-28', '调研报告已报送镇党委、镇政府。'],
        },
      ],
    },
    {
      activity: 'presidium-04',
      title: '研究民主评议和述职安排',
      agenda: [
        { title: '研究民主评议测评会安排', presenter: '@vice', result: '10月30日召开测评会。' },
        { title: '研究县人大代表向选民述职安排', presenter: '@chair', result: '11月下旬组织在本镇选出的县人大代表述职。' },
      ],
      decisions: [
        {
          content: '10月30日召开民主评议测评会，结果报镇党委。',
          owner: '@vice',
          due: '2026-10-31',
          progress: [],
          done: ['2026-10-30', '测评会如期召开，结果已报镇党委。'],
        },
        {
          content: '组织在本镇选出的县人大代表向选民述职，邀请选民代表测评。',
          owner: '@chair',
          due: '2026-11-30',
          progress: [['2026-11-10', '述职报告已收齐，选民代表已推选。']],
          done: ['2026-11-26', '11月26日召开述职会。'],
        },
        {
          content: '镇财政所根据评议意见，在各村公示年度惠农补贴发放明细，年底前向主席团报告整改情况。',
          owner: '@unit:U03',
          due: '2026-12-31',
          progress: [['2026-11-18', '已在各村公示栏公示2026年度补贴发放明细。']],
          done: ['2026-12-22', '整改情况已书面报告主席团。'],
        },
      ],
    },
    {
      activity: 'presidium-05',
      title: '研究人代会筹备工作',
      agenda: [
        { title: '研究镇人代会筹备方案', presenter: '@chair', result: '同意筹备方案，成立大会筹备组。' },
        { title: '讨论《白沙镇人大2027年工作要点（初稿）》', presenter: '@vice', result: '提出修改意见 4 条。' },
      ],
      decisions: [
        {
          content: '成立镇人代会筹备组，1月中旬前完成大会文件准备。',
          owner: '@vice',
          due: '2027-01-15',
          progress: [],
          done: ['2027-01-12', '大会文件已准备完毕。'],
        },
      ],
    },
  ],
  documents: [
    {
      code: 'F0001',
      title: '关于印发《白沙镇人大2026年工作要点》的通知',
      category: 'presidium',
      docNumber: '白人主〔2026〕1号',
      issueDate: '2026-01-12',
      activity: 'presidium-01',
      sentAt: '2026-01-12T15:30',
      to: ALL,
      summary:
        '各位代表：\n《白沙镇人大2026年工作要点》已经主席团会议审议通过，现印发给你们。\n\n工作要点：一、办好联络站每月15日接待日和代表之家固定活动日；二、全年举办代表培训四次；三、视察茶产业基地，开展茶产业专题调研；四、对镇财政所、农业综合服务中心开展民主评议；五、组织县人大代表向选民述职；六、走访慰问困难代表。',
    },
    {
      code: 'F0002',
      title: '关于2026年联络站接待日代表轮流值班的通知',
      category: 'notice',
      docNumber: '',
      issueDate: '2026-01-13',
      sentAt: '2026-01-13T10:00',
      to: { stations: ['S01'] },
      summary: '联络站每月15日上午9:00—12:00接待群众，每次安排本站代表轮流值班。值班表见联络站公示栏，因事不能值班的请提前与站长调换。',
    },
    {
      code: 'F0003',
      title: '新修改的《代表法》学习资料',
      category: 'study',
      docNumber: '',
      issueDate: '2026-03-12',
      activity: 'training-03',
      sentAt: '2026-03-12T10:00',
      to: ALL,
      reminders: [5],
      summary: '供3月19日培训使用。学习重点：代表在闭会期间的活动方式，代表建议的提出程序和办理时限，代表履职的保障和监督。请提前自学。',
    },
    {
      code: 'F0004',
      title: '白沙镇人大2026年视察、调研和执法检查计划（草案）',
      category: 'meeting',
      docNumber: '',
      issueDate: null,
      activity: 'presidium-02',
      sentAt: '2026-04-08T16:00',
      to: { presidium: true },
      readRate: 0.97,
      summary:
        '提请4月10日主席团会议审议：5月视察茶园村茶产业基地；6月汛期水库和河道安全检查；7月茶产业专题调研；8月农村人居环境整治检查；9月《农产品质量安全法》执法检查；10月视察民生实事项目。',
    },
    {
      code: 'F0005',
      title: '代表建议写作要点',
      category: 'study',
      docNumber: '',
      issueDate: '2026-05-28',
      activity: 'training-06',
      sentAt: '2026-05-29T10:00',
      to: ALL,
      reminders: [4],
      summary: '选题要来自群众反映强烈的问题，写清情况、原因和具体办法，一事一议。附本镇代表上年提出的两件建议及办理答复，供培训时点评。',
    },
    {
      code: 'F0006',
      title: '关于代表之家7月固定活动日开展茶产业座谈的通知',
      category: 'notice',
      docNumber: '',
      issueDate: '2026-06-29',
      sentAt: '2026-06-29T09:30',
      to: { stations: ['S02'] },
      summary: '代表之家7月4日（周六）上午9:00在洞口村党群服务中心开展固定活动，邀请茶农和合作社负责人座谈，为7月茶产业专题调研收集情况。',
    },
    {
      code: 'F0007',
      title: '乡村振兴政策汇编',
      category: 'study',
      docNumber: '',
      issueDate: '2026-08-27',
      activity: 'training-09',
      sentAt: '2026-08-27T10:00',
      to: ALL,
      reminders: [5],
      summary: '汇编县、镇两级农业产业扶持、高标准农田建设、农村人居环境整治和农村养老服务的主要政策，供9月3日培训使用。',
    },
    {
      code: 'F0008',
      title: '关于印发《白沙镇2026年度人大代表履职考评办法》的通知',
      category: 'presidium',
      docNumber: '白人主〔2026〕4号',
      issueDate: '2026-10-13',
      activity: 'training-11',
      sentAt: '2026-10-14T10:00',
      to: ALL,
      readRate: 0.87,
      reminders: [7],
      summary:
        '各位代表：\n《白沙镇2026年度人大代表履职考评办法》已经主席团会议审议通过，现印发给你们，将在11月20日培训会上说明。考评项目包括出席会议和活动、学习培训、接待日值班、提出建议、参加视察调研、向选民述职和阅读学习文件。',
    },
  ],
  topics: [
    {
      code: 'T001',
      title: '关于推动白沙茶产业提质增效的调研',
      description: '走访茶农、合作社和加工企业，调研茶叶品牌建设、销售渠道、用工和联农带农情况。',
      dueDate: '2026-08-31',
      published: '2026-03-16',
      claim: { claimant: { station: 'S02' }, at: '2026-03-28T10:00', lead: '@seat:洞口村', others: 4, activities: ['research-07'] },
      report: {
        at: '2026-08-20T15:00',
        summary: '全镇茶园 1.2 万亩，加工企业 6 家，品牌分散、机耕道不足、采茶用工紧张。建议整合“白沙茶”公共品牌，三年内新修机耕道 15 公里，推广机采。',
      },
      grade: { at: '2026-09-05T10:00', grade: 'excellent', comment: '数据翔实，建议有前瞻性，已纳入镇产业发展规划。' },
    },
    {
      code: 'T002',
      title: '农村互助养老服务调研',
      description: '调研白沙社区和河口、松岭、大坪三村互助养老点的运营、护理人员和资金保障情况。',
      dueDate: '2026-12-15',
      published: '2026-03-16',
      claim: { claimant: { station: 'S01' }, at: '2026-04-22T09:00', lead: '@vice', others: 4 },
      report: {
        at: '2026-12-10T16:00',
        summary: '四个互助养老点中两个因缺少运营经费每周只开放两天。建议将运营补助列入预算，招募低龄老人志愿服务。',
      },
      grade: { at: '2027-01-15T10:00', grade: 'good', comment: '问题清楚，建议可行。' },
    },
    {
      code: 'T003',
      title: '农村道路交通安全隐患调研',
      description: '排查高桥、洞口两村通村通组公路的急弯陡坡、临水路段和学生上下学路段的安全隐患。',
      dueDate: '2026-10-31',
      published: '2026-03-16',
      claim: { claimant: { group: 'G04' }, at: '2026-05-06T14:30', others: 4 },
      report: { at: '2026-10-28T16:00', summary: '发现缺少护栏路段 6 处、学校门口无减速带 2 处，已与代表建议“洞口至高桥道路安防设施”合并督办。' },
      grade: { at: '2026-11-12T10:00', grade: 'pass', comment: '排查认真，分析偏少。' },
    },
    {
      code: 'T004',
      title: '小型水利设施管护情况调研',
      description: '调研河口、松岭两村小型水库、山塘和灌溉渠道的管护责任和经费落实情况。',
      dueDate: '2026-11-20',
      published: '2026-03-16',
      claim: { claimant: { group: 'G02' }, at: '2026-06-02T10:00', others: 5 },
      report: {
        at: '2026-11-24T17:00',
        summary: '小型水库已落实“三个责任人”，但 5 处山塘无人管护、渠道淤塞。建议推行村级水管员制度，管护经费按库容分档补助。',
      },
      grade: { at: '2026-12-16T10:00', grade: 'good', comment: '建议具体，报告略有逾期。' },
    },
    {
      code: 'T005',
      title: '集镇农贸市场提质改造调研',
      description: '调研集镇农贸市场的布局、卫生、消防和交通秩序，提出提质改造建议。',
      dueDate: '2026-12-31',
      published: '2026-03-16',
    },
  ],
};
