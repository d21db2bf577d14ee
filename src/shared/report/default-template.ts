import type { TemplateSet } from './template.ts';

/*
 * The built-in template, in the structure towns use (see ../shared/domain/sample-annual-report.txt): a lead
 * paragraph; 一、the main work and results, one （一） per area; 二、shortcomings; 三、next period's plan.
 * Every sentence that states a figure has `when` on that figure, so a figure that is zero is left out
 * rather than written as "0 次". A town copies this into its own template and edits the words.
 * {town}, {period}, {year}, {nextPeriod} are the report's own words; {{key}} are facts (docs/report-facts.md).
 */
export const DEFAULT_TEMPLATE: TemplateSet = {
  title: '{town}人大主席团{period}工作总结',
  lead: [
    {
      text: '{period}，{town}人大主席团在县人大常委会的指导和镇党委的领导下，认真履行宪法和法律赋予的职责，组织全镇人大代表围绕中心、服务大局，依法开展各项工作，较好地发挥了代表作用。',
    },
    { when: ['deputies.total'], text: '全镇现有人大代表{{deputies.total}}名。' },
    { text: '现将{period}工作总结如下。' },
  ],
  sections: [
    { key: 'work', heading: '{period}主要工作和成效', level: 1, sentences: [] },
    {
      key: 'sessions',
      heading: '依法开好人民代表大会',
      level: 2,
      when: ['sessions.held'],
      sentences: [
        { when: ['sessions.firstName'], text: '{{sessions.firstDate|date}}，召开了{{sessions.firstName}}。' },
        { when: ['sessions.reports'], text: '大会审议了{{sessions.reports|、}}。' },
        { when: ['sessions.writtenReviews'], text: '书面审查了{{sessions.writtenReviews|、}}。' },
        { when: ['sessions.attendanceRate'], text: '代表出席率为{{sessions.attendanceRate|pct}}。' },
        { when: ['sessions.itemsPassed'], text: '大会表决通过事项{{sessions.itemsPassed}}项。' },
        { when: ['sessions.motions'], text: '代表依法提出议案{{sessions.motions}}件。' },
        { when: ['sessions.motionsOnAgenda'], text: '经主席团审议，列入大会议程{{sessions.motionsOnAgenda}}件。' },
        { when: ['sessions.motionsToSuggestions'], text: '作为代表建议交有关单位办理的议案{{sessions.motionsToSuggestions}}件。' },
        { when: ['sessions.elected'], text: '大会依法选举产生了{{sessions.elected|、}}。' },
        { when: ['sessions.suggestions'], text: '会议期间代表提出建议{{sessions.suggestions}}件。' },
        { when: ['sessions.suggestionsReplied'], text: '目前已答复{{sessions.suggestionsReplied}}件。' },
      ],
    },
    {
      key: 'training',
      heading: '加强代表学习培训，提高履职能力',
      level: 2,
      when: ['trainings.held', 'documents.sent'],
      sentences: [
        { when: ['trainings.held'], text: '组织代表培训学习{{trainings.held}}次、{{trainings.personTimes}}人次，内容包括{{trainings.topics|、}}。' },
        { when: ['documents.sent'], text: '及时向代表发送学习资料和工作通报{{documents.sent}}份，代表的履职能力得到提高。' },
      ],
    },
    {
      key: 'activities',
      heading: '组织代表活动，发挥代表主体作用',
      level: 2,
      when: ['activities.held'],
      sentences: [
        {
          when: ['activities.held'],
          text: '{period}共组织各类代表活动{{activities.held}}次，代表参加{{activities.personTimes}}人次，出席率{{activities.attendanceRate|pct}}。',
        },
        // By the town's own kinds, which already name group activities, fixed days and visits; a town that
        // prefers those as sentences of their own has groups.held, fixedDays.held and visits.held.
        { when: ['activities.byKind'], text: '其中{{activities.byKind|，}}。' },
      ],
    },
    {
      key: 'stations',
      heading: '建好用好代表联络站，密切联系人民群众',
      level: 2,
      when: ['receptions.held', 'opinions.total'],
      sentences: [
        { when: ['stations.total'], text: '全镇建有人大代表联络站{{stations.total}}个。' },
        {
          when: ['receptions.held'],
          text: '各联络站共接待群众{{receptions.held}}次、{{receptions.visitors}}人次，代表进站接待{{receptions.deputyTimes}}人次。',
        },
        { when: ['opinions.total'], text: '收集群众反映的意见建议{{opinions.total}}件。' },
        {
          when: ['opinions.fromPortal'],
          text: '其中接待选民时登记{{opinions.fromReceptions}}件，通过门户网站收到并受理{{opinions.fromPortal}}件。',
        },
        { when: ['opinions.categories'], text: '内容涉及{{opinions.categories|、}}等方面。' },
        { when: ['opinions.resolved'], text: '其中当场答复或转村（社区）办理{{opinions.resolved}}件。' },
        { when: ['opinions.toSuggestions'], text: '转为代表建议交有关单位办理{{opinions.toSuggestions}}件。' },
      ],
    },
    {
      key: 'suggestions',
      heading: '认真督办代表建议，做到件件有回音',
      level: 2,
      when: ['suggestions.total', 'suggestions.replied'],
      sentences: [
        { when: ['suggestions.total'], text: '代表共提出建议、批评和意见{{suggestions.total}}件。' },
        { when: ['suggestions.categories'], text: '内容涉及{{suggestions.categories|、}}等方面。' },
        { when: ['suggestions.session'], text: '其中人代会期间提出{{suggestions.session}}件。' },
        {
          when: ['suggestions.session.replied'],
          text: '人代会期间提出的建议已答复{{suggestions.session.replied}}件，按期答复率{{suggestions.session.onTimeRate|pct}}。',
        },
        { when: ['suggestions.interSession'], text: '闭会期间提出{{suggestions.interSession}}件。' },
        {
          when: ['suggestions.interSession.replied'],
          text: '闭会期间提出的建议已答复{{suggestions.interSession.replied}}件，按期答复率{{suggestions.interSession.onTimeRate|pct}}。',
        },
        { when: ['suggestions.assigned'], text: '主席团及时交办{{suggestions.assigned}}件，主要承办单位有{{suggestions.units|、}}。' },
        { when: ['suggestions.replied'], text: '承办单位已答复{{suggestions.replied}}件，按期答复率{{suggestions.onTimeRate|pct}}。' },
        { when: ['suggestions.gradeA'], text: '已解决或采纳的A类{{suggestions.gradeA}}件。' },
        { when: ['suggestions.gradeB'], text: '正在解决或列入计划解决的B类{{suggestions.gradeB}}件。' },
        { when: ['suggestions.gradeC'], text: '因条件限制留作参考的C类{{suggestions.gradeC}}件。' },
        { when: ['suggestions.satisfied'], text: '代表对办理结果满意和基本满意的{{suggestions.satisfied}}件，满意率{{suggestions.satisfactionRate|pct}}。' },
        { when: ['suggestions.closed'], text: '已办结{{suggestions.closed}}件。' },
      ],
    },
    {
      key: 'oversight',
      heading: '开展视察调研和执法检查，增强监督实效',
      level: 2,
      when: ['inspections.held', 'surveys.held', 'research.completed', 'findings.found'],
      sentences: [
        {
          when: ['inspections.held'],
          text: '组织代表开展视察、执法检查和安全检查{{inspections.held}}次、{{inspections.personTimes}}人次，主要有{{inspections.titles|、}}。',
        },
        { when: ['surveys.held'], text: '围绕{{surveys.titles|、}}开展调研{{surveys.held}}次。' },
        { when: ['research.completed'], text: '代表小组认领专题调研课题{{research.claimed}}个，完成{{research.completed}}个，课题有{{research.titles|、}}。' },
        { when: ['research.excellent'], text: '其中{{research.excellent}}个课题成果评为优秀。' },
        { when: ['findings.found'], text: '视察检查中发现问题{{findings.found}}个。' },
        { when: ['findings.notices'], text: '向责任单位发出限期整改通知书{{findings.notices}}份。' },
        { when: ['findings.fixedOnTime'], text: '经复查，按期整改到位{{findings.fixedOnTime}}个。' },
        { when: ['findings.open'], text: '尚未整改到位的{{findings.open}}个问题正在跟踪督促。' },
      ],
    },
    {
      key: 'appraisals',
      heading: '开展民主评议，推动改进工作',
      level: 2,
      when: ['appraisals.held'],
      sentences: [
        {
          when: ['appraisals.held'],
          text: '组织代表对{{appraisals.units|、}}开展民主评议，代表们听取工作汇报、提出询问，进行了书面测评。',
        },
        { when: ['appraisals.satisfied'], text: '测评结果为满意的单位{{appraisals.satisfied}}个。' },
        { when: ['appraisals.issues'], text: '对评议中指出的{{appraisals.issues}}个问题列出清单、限期整改。' },
        { when: ['appraisals.issuesDone'], text: '已整改到位{{appraisals.issuesDone}}个。' },
      ],
    },
    {
      key: 'evaluation',
      heading: '开展代表述职和履职考评，督促代表履职尽责',
      level: 2,
      when: ['dutyReports.held', 'points.monthsPublished', 'reviews.peer', 'reviews.voter'],
      sentences: [
        { when: ['dutyReports.held'], text: '组织代表向选民述职{{dutyReports.held}}场，选民代表{{dutyReports.voterReps}}人次参加评议。' },
        { when: ['dutyReports.competent'], text: '{{dutyReports.competent}}名代表的述职评议结果为称职。' },
        { when: ['points.monthsPublished'], text: '坚持代表履职积分管理，按月公布履职积分{{points.monthsPublished}}次。' },
        { when: ['reviews.peer'], text: '在联络站内开展代表互评{{reviews.peer}}次。' },
        { when: ['reviews.voter'], text: '组织选民对代表比评{{reviews.voter}}次。' },
        { when: ['points.topGrade'], text: '年度考评中{{points.topGrade}}名代表为优秀。' },
        { when: ['points.commended'], text: '拟对{{points.commended|、}}等代表予以表彰。' },
      ],
    },
    {
      key: 'presidium',
      heading: '加强主席团自身建设，提高工作水平',
      level: 2,
      when: ['presidium.meetings'],
      sentences: [{ when: ['presidium.meetings'], text: '召开主席团会议{{presidium.meetings}}次，研究了{{presidium.topics|、}}等事项。' }],
    },
    {
      key: 'results',
      heading: '代表履职取得的成效',
      level: 2,
      when: ['achievements.count'],
      sentences: [{ when: ['achievements.items'], text: '在全镇代表和各方面的共同努力下，{{achievements.items|；}}。' }],
    },
    {
      key: 'gaps',
      heading: '存在的不足',
      level: 1,
      sentences: [
        { text: '{period}，镇人大工作取得了一定成绩，但对照法律赋予的职权和人民群众的期望，还存在一些不足。' },
        { when: ['gaps.onTimeRate'], text: '代表建议按期答复率为{{gaps.onTimeRate|pct}}，办理时效还需提高。' },
        { when: ['gaps.suggestionsUnreplied'], text: '还有{{gaps.suggestionsUnreplied}}件交办的建议尚未答复。' },
        { when: ['gaps.attendanceRate'], text: '代表活动出席率为{{gaps.attendanceRate|pct}}，部分代表参加活动不够经常。' },
        { when: ['gaps.findingsOpen'], text: '检查发现的问题还有{{gaps.findingsOpen}}个没有整改到位。' },
        { text: '代表深入基层调查研究还不够，人大工作的宣传力度还需加大。' },
      ],
    },
    {
      key: 'plan',
      heading: '{nextPeriod}工作打算',
      level: 1,
      sentences: [
        {
          text: '{nextPeriod}，镇人大主席团将在镇党委的领导下，围绕全镇工作大局，依法履行职责。一是依法开好人民代表大会，认真做好会议的各项筹备工作。二是加强代表学习培训，组织好代表小组活动和联络站活动，密切代表同人民群众的联系。三是加大代表建议督办力度，提高办理质量和代表满意度。四是围绕群众关心的热点难点问题开展视察、调研和执法检查，跟踪问题整改。五是完善代表履职考评，加强主席团自身建设，推动镇人大工作再上新台阶。',
        },
      ],
    },
  ],
};
