import {
  ApartmentOutlined,
  BulbOutlined,
  ContactsOutlined,
  FlagOutlined,
  SettingOutlined,
  ReconciliationOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CrownOutlined,
  FileTextOutlined,
  FileDoneOutlined,
  ScheduleOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  ReadOutlined,
  TeamOutlined,
  PieChartOutlined,
  AlertOutlined,
  SearchOutlined,
  MailOutlined,
  SolutionOutlined,
  ContainerOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  SafetyCertificateOutlined,
  TrophyOutlined,
  RiseOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { ADMINS, type Me, ROLES, type Role, STAFF } from './api/auth.ts';
import type { MsgKey } from './i18n/index.tsx';

/**
 * The one registry of pages. A page is added here and nowhere else: the router, the side menu, the
 * page titles and the role checks all read this list. Entries with `menu` appear in the side menu
 * in the order given, inside their `menu.group` (see MENU_GROUPS); `parent` keeps the parent's menu
 * item selected on detail pages.
 */
export type AppRoute = {
  path: string;
  title: MsgKey;
  roles: readonly Role[];
  Page: LazyExoticComponent<ComponentType>;
  menu?: { icon: ReactNode; group?: MenuGroup };
  parent?: string;
  /** A further condition on the user beyond the role (e.g. a deputy's presidium seat). */
  when?: (user: Me['user']) => boolean;
};

/** Whether the user may open the page: the role, then the page's own condition if it has one. */
export function routeAllows(route: AppRoute, user: Me['user']): boolean {
  return route.roles.includes(user.role) && (route.when?.(user) ?? true);
}

// Presidium pages: staff always; a deputy only with a current seat.
const onPresidiumOrStaff = (u: Me['user']) => u.role !== 'deputy' || u.onPresidium;

const DEPUTY_READERS: readonly Role[] = [...STAFF, 'deputy'];

export const appRoutes: AppRoute[] = [
  { path: '/', title: 'nav.home', roles: ROLES, menu: { icon: <HomeOutlined /> }, Page: lazy(() => import('./pages/home/HomePage.tsx')) },
  // 工作看板 (dashboards): a town's charts for staff, beside the home page; the county's comparison for county_admin.
  {
    path: '/dashboard',
    title: 'dash.nav',
    roles: STAFF,
    menu: { icon: <PieChartOutlined /> },
    Page: lazy(() => import('./pages/dashboards/DashboardPage.tsx')),
  },
  {
    path: '/county/dashboard',
    title: 'dash.navCounty',
    roles: ['county_admin'],
    menu: { icon: <BarChartOutlined /> },
    Page: lazy(() => import('./pages/dashboards/CountyDashboardPage.tsx')),
  },
  {
    path: '/deputies',
    title: 'nav.deputies',
    roles: DEPUTY_READERS,
    menu: { icon: <TeamOutlined />, group: 'organisation' },
    Page: lazy(() => import('./pages/deputies/DeputyListPage.tsx')),
  },
  {
    path: '/deputies/import',
    title: 'nav.deputyImport',
    roles: ADMINS,
    parent: '/deputies',
    Page: lazy(() => import('./pages/deputies/DeputyImportPage.tsx')),
  },
  {
    path: '/deputies/:id',
    title: 'nav.deputyDetail',
    roles: DEPUTY_READERS,
    parent: '/deputies',
    Page: lazy(() => import('./pages/deputies/DeputyDetailPage.tsx')),
  },
  {
    path: '/stations',
    title: 'nav.stations',
    roles: DEPUTY_READERS,
    menu: { icon: <EnvironmentOutlined />, group: 'organisation' },
    Page: lazy(() => import('./pages/stations/StationListPage.tsx')),
  },
  {
    path: '/stations/:id',
    title: 'nav.stations',
    roles: DEPUTY_READERS,
    parent: '/stations',
    Page: lazy(() => import('./pages/stations/StationDetailPage.tsx')),
  },
  {
    path: '/groups',
    title: 'nav.groups',
    roles: DEPUTY_READERS,
    menu: { icon: <ClusterOutlined />, group: 'organisation' },
    Page: lazy(() => import('./pages/groups/GroupListPage.tsx')),
  },
  {
    path: '/presidium',
    title: 'nav.presidium',
    roles: DEPUTY_READERS,
    menu: { icon: <CrownOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/presidium/PresidiumPage.tsx')),
  },
  // Presidium meetings: staff read, admins write; a deputy reads only with a current presidium seat (the API says 403 otherwise).
  {
    path: '/presidium-meetings',
    title: 'meeting.nav.list',
    roles: DEPUTY_READERS,
    when: onPresidiumOrStaff,
    menu: { icon: <ScheduleOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/presidium-meetings/MeetingListPage.tsx')),
  },
  {
    path: '/presidium-meetings/decisions',
    title: 'meeting.nav.tracking',
    roles: DEPUTY_READERS,
    when: onPresidiumOrStaff,
    menu: { icon: <FileDoneOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/presidium-meetings/DecisionTrackingPage.tsx')),
  },
  {
    path: '/presidium-meetings/:id',
    title: 'meeting.nav.detail',
    roles: DEPUTY_READERS,
    when: onPresidiumOrStaff,
    parent: '/presidium-meetings',
    Page: lazy(() => import('./pages/presidium-meetings/MeetingDetailPage.tsx')),
  },
  // 民主评议 (appraisal of offices): staff read, admins write; deputies vote on the public page /p/:town/polls/:id.
  {
    path: '/appraisals',
    title: 'appraisal.nav',
    roles: STAFF,
    menu: { icon: <SolutionOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/appraisals/AppraisalListPage.tsx')),
  },
  {
    path: '/appraisals/:id',
    title: 'appraisal.nav.detail',
    roles: STAFF,
    parent: '/appraisals',
    Page: lazy(() => import('./pages/appraisals/AppraisalDetailPage.tsx')),
  },
  // 述职评议 (duty reports to voters): staff read, admins write; a deputy opens their own from the duty record.
  {
    path: '/duty-reports',
    title: 'dutyReport.nav',
    roles: STAFF,
    menu: { icon: <AuditOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/duty-reports/DutyReportListPage.tsx')),
  },
  {
    path: '/duty-reports/:id',
    title: 'dutyReport.nav.detail',
    roles: [...STAFF, 'deputy'],
    parent: '/duty-reports',
    Page: lazy(() => import('./pages/duty-reports/DutyReportDetailPage.tsx')),
  },
  // 代表互评与比评 (peer review monthly, voter review quarterly): staff read, admins write.
  {
    path: '/reviews',
    title: 'review.nav',
    roles: STAFF,
    menu: { icon: <BarChartOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/reviews/ReviewListPage.tsx')),
  },
  {
    path: '/reviews/:id',
    title: 'review.nav.detail',
    roles: STAFF,
    parent: '/reviews',
    Page: lazy(() => import('./pages/reviews/ReviewDetailPage.tsx')),
  },
  // 履职积分 (points scheme): staff read, admins write; a deputy reads their own at /my/points.
  {
    path: '/points',
    title: 'points.nav',
    roles: STAFF,
    menu: { icon: <TrophyOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/points/PointsPage.tsx')),
  },
  {
    path: '/points/deputies/:deputyId',
    title: 'points.navDeputy',
    roles: STAFF,
    parent: '/points',
    Page: lazy(() => import('./pages/points/DeputyPointsPage.tsx')),
  },
  // 成效台账 (the achievements ledger): staff read, admins write; the work report counts it.
  {
    path: '/achievements',
    title: 'achievement.nav',
    roles: STAFF,
    menu: { icon: <RiseOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/achievements/AchievementListPage.tsx')),
  },
  {
    path: '/achievements/:id',
    title: 'achievement.nav.detail',
    roles: STAFF,
    parent: '/achievements',
    Page: lazy(() => import('./pages/achievements/AchievementDetailPage.tsx')),
  },
  // 工作台账 (the ledgers): one Excel file per area for a period; staff download.
  {
    path: '/ledgers',
    title: 'ledger.nav',
    roles: STAFF,
    menu: { icon: <ContainerOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/ledgers/LedgersPage.tsx')),
  },
  // 工作总结 (work reports written from the records): staff read and download, admins generate, edit and freeze.
  {
    path: '/reports',
    title: 'report.nav',
    roles: STAFF,
    menu: { icon: <FileTextOutlined />, group: 'presidium' },
    Page: lazy(() => import('./pages/reports/ReportListPage.tsx')),
  },
  {
    path: '/reports/templates',
    title: 'report.nav.templates',
    roles: STAFF,
    parent: '/reports',
    Page: lazy(() => import('./pages/reports/TemplatesPage.tsx')),
  },
  {
    path: '/reports/templates/:id',
    title: 'report.nav.template',
    roles: STAFF,
    parent: '/reports',
    Page: lazy(() => import('./pages/reports/TemplateEditPage.tsx')),
  },
  {
    path: '/reports/:id',
    title: 'report.nav.detail',
    roles: STAFF,
    parent: '/reports',
    Page: lazy(() => import('./pages/reports/ReportPage.tsx')),
  },
  // Congress sessions (人代会): staff and deputies read, admins write; a deputy signs in on the session page.
  {
    path: '/sessions',
    title: 'session.nav.list',
    roles: DEPUTY_READERS,
    menu: { icon: <ReconciliationOutlined />, group: 'sessions' },
    Page: lazy(() => import('./pages/sessions/SessionListPage.tsx')),
  },
  {
    path: '/sessions/absences',
    title: 'session.nav.absences',
    roles: STAFF,
    parent: '/sessions',
    Page: lazy(() => import('./pages/sessions/AbsencesPage.tsx')),
  },
  {
    path: '/sessions/:id',
    title: 'session.nav.detail',
    roles: DEPUTY_READERS,
    parent: '/sessions',
    Page: lazy(() => import('./pages/sessions/SessionDetailPage.tsx')),
  },
  {
    path: '/activities',
    title: 'nav.activities',
    roles: STAFF,
    menu: { icon: <CalendarOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/activities/ActivityCalendarPage.tsx')),
  },
  {
    path: '/activities/leave-requests',
    title: 'nav.leaveRequests',
    roles: STAFF,
    parent: '/activities',
    Page: lazy(() => import('./pages/activities/LeaveRequestsPage.tsx')),
  },
  {
    path: '/activities/board',
    title: 'nav.board',
    roles: STAFF,
    menu: { icon: <BarChartOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/duty-record/StationBoardPage.tsx')),
  },
  {
    path: '/activities/stats',
    title: 'activityView.stats',
    roles: STAFF,
    parent: '/activities',
    Page: lazy(() => import('./pages/activities/ActivityStatsPage.tsx')),
  },
  {
    path: '/activities/kinds',
    title: 'activityView.kinds',
    roles: ADMINS,
    parent: '/activities',
    Page: lazy(() => import('./pages/activities/ActivityKindsPage.tsx')),
  },
  {
    path: '/activities/series/:id',
    title: 'activity.series',
    roles: STAFF,
    parent: '/activities',
    Page: lazy(() => import('./pages/activities/SeriesPage.tsx')),
  },
  {
    path: '/activities/:id',
    title: 'nav.activityDetail',
    roles: STAFF,
    parent: '/activities',
    Page: lazy(() => import('./pages/activities/ActivityDetailPage.tsx')),
  },
  {
    path: '/stations/:id/board',
    title: 'nav.board',
    roles: DEPUTY_READERS,
    parent: '/activities/board',
    Page: lazy(() => import('./pages/duty-record/StationBoardPage.tsx')),
  },
  {
    path: '/findings',
    title: 'finding.nav',
    roles: STAFF,
    menu: { icon: <SafetyCertificateOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/findings/FindingsPage.tsx')),
  },
  {
    path: '/findings/notices/:id',
    title: 'finding.noticeHeading',
    roles: STAFF,
    parent: '/findings',
    Page: lazy(() => import('./pages/findings/NoticePrintPage.tsx')),
  },
  {
    path: '/my/activities',
    title: 'nav.myActivities',
    roles: ['deputy'],
    menu: { icon: <CarryOutOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/activities/MyActivitiesPage.tsx')),
  },
  {
    path: '/my/duty-record',
    title: 'nav.dutyRecord',
    roles: ['deputy'],
    menu: { icon: <ProfileOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/duty-record/DutyRecordPage.tsx')),
  },
  {
    path: '/my/points',
    title: 'points.navMine',
    roles: ['deputy'],
    menu: { icon: <StarOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/points/MyPointsPage.tsx')),
  },
  {
    path: '/deputies/:id/duty-record',
    title: 'nav.dutyRecord',
    roles: STAFF,
    parent: '/deputies',
    Page: lazy(() => import('./pages/duty-record/DutyRecordPage.tsx')),
  },
  {
    path: '/research',
    title: 'research.nav',
    roles: STAFF,
    menu: { icon: <ExperimentOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/research/ResearchListPage.tsx')),
  },
  {
    path: '/my/research',
    title: 'research.myNav',
    roles: ['deputy'],
    menu: { icon: <ExperimentOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/research/MyResearchPage.tsx')),
  },
  // Documents and study material: staff see them with read receipts (a liaison only their station's deputies), admins write and send.
  {
    path: '/documents',
    title: 'document.nav',
    roles: STAFF,
    menu: { icon: <FileTextOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/documents/DocumentListPage.tsx')),
  },
  {
    path: '/documents/unread',
    title: 'document.navUnread',
    roles: STAFF,
    parent: '/documents',
    Page: lazy(() => import('./pages/documents/UnreadCallsPage.tsx')),
  },
  {
    path: '/documents/:id',
    title: 'document.navDetail',
    roles: STAFF,
    parent: '/documents',
    Page: lazy(() => import('./pages/documents/DocumentDetailPage.tsx')),
  },
  {
    path: '/my/documents',
    title: 'document.navMine',
    roles: ['deputy'],
    menu: { icon: <ReadOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/documents/MyDocumentsPage.tsx')),
  },
  {
    path: '/my/documents/:id',
    title: 'document.navDetail',
    roles: ['deputy'],
    parent: '/my/documents',
    Page: lazy(() => import('./pages/documents/MyDocumentPage.tsx')),
  },
  // Receptions (接待记录): staff record them (a liaison for their station); a deputy reads those they were on duty at (the API scopes them).
  {
    path: '/receptions',
    title: 'reception.nav',
    roles: DEPUTY_READERS,
    menu: { icon: <CustomerServiceOutlined />, group: 'duty' },
    Page: lazy(() => import('./pages/receptions/ReceptionListPage.tsx')),
  },
  {
    path: '/receptions/new',
    title: 'reception.new',
    roles: STAFF,
    parent: '/receptions',
    Page: lazy(() => import('./pages/receptions/ReceptionFormPage.tsx')),
  },
  {
    path: '/receptions/:id',
    title: 'reception.title',
    roles: DEPUTY_READERS,
    parent: '/receptions',
    Page: lazy(() => import('./pages/receptions/ReceptionDetailPage.tsx')),
  },
  {
    path: '/receptions/:id/edit',
    title: 'reception.edit',
    roles: STAFF,
    parent: '/receptions',
    Page: lazy(() => import('./pages/receptions/ReceptionFormPage.tsx')),
  },
  // Suggestions (建议办理): staff list them; every role reads the ones it may see (the API scopes them); admins keep the settings.
  {
    path: '/suggestions',
    title: 'suggestion.nav',
    roles: STAFF,
    menu: { icon: <SolutionOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/suggestions/SuggestionListPage.tsx')),
  },
  {
    path: '/suggestions/new',
    title: 'suggestion.navNew',
    roles: DEPUTY_READERS,
    parent: '/suggestions',
    Page: lazy(() => import('./pages/suggestions/SuggestionFormPage.tsx')),
  },
  {
    path: '/suggestions/settings',
    title: 'suggestion.navSettings',
    roles: ADMINS,
    parent: '/suggestions',
    Page: lazy(() => import('./pages/suggestions/SuggestionSettingsPage.tsx')),
  },
  {
    path: '/suggestions/:id',
    title: 'suggestion.navDetail',
    roles: ROLES,
    parent: '/suggestions',
    Page: lazy(() => import('./pages/suggestions/SuggestionDetailPage.tsx')),
  },
  {
    path: '/suggestions/:id/edit',
    title: 'suggestion.navEdit',
    roles: [...ADMINS, 'deputy'],
    parent: '/suggestions',
    Page: lazy(() => import('./pages/suggestions/SuggestionFormPage.tsx')),
  },
  {
    path: '/my-assignments',
    title: 'suggestion.navAssignments',
    roles: ['handler'],
    menu: { icon: <ContainerOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/suggestions/MyAssignmentsPage.tsx')),
  },
  {
    path: '/my-suggestions',
    title: 'suggestion.navMine',
    roles: ['deputy'],
    menu: { icon: <CommentOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/suggestions/MySuggestionsPage.tsx')),
  },
  // Residents' opinions from the public portal (群众来信): admins the town's, a liaison their station's (the API scopes them).
  {
    path: '/portal-submissions',
    title: 'portal.inbox.nav',
    roles: STAFF,
    menu: { icon: <MailOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/portal-inbox/PortalInboxPage.tsx')),
  },
  {
    path: '/portal-submissions/:id',
    title: 'portal.inbox.detail',
    roles: STAFF,
    parent: '/portal-submissions',
    Page: lazy(() => import('./pages/portal-inbox/PortalInboxPage.tsx')),
  },
  // Search, statistics and supervision of suggestions (staff); every role's own notifications (the header's bell).
  {
    path: '/search',
    title: 'search.nav',
    roles: STAFF,
    menu: { icon: <SearchOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/search/SearchPage.tsx')),
  },
  {
    path: '/suggestion-stats',
    title: 'sstats.nav',
    roles: STAFF,
    menu: { icon: <PieChartOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/suggestion-stats/SuggestionStatsPage.tsx')),
  },
  {
    path: '/supervision',
    title: 'supervision.nav',
    roles: STAFF,
    menu: { icon: <AlertOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/supervision/SupervisionPage.tsx')),
  },
  {
    path: '/sessions/:id/elections/:electionId/tally',
    title: 'election.nav.tally',
    roles: DEPUTY_READERS,
    parent: '/sessions',
    Page: lazy(() => import('./pages/sessions/ElectionTallyPrintPage.tsx')),
  },
  {
    path: '/sessions/:id/roll/print',
    title: 'session.nav.rollPrint',
    roles: STAFF,
    parent: '/sessions',
    Page: lazy(() => import('./pages/sessions/RollPrintPage.tsx')),
  },
  {
    path: '/sessions/stats',
    title: 'sessionStats.nav',
    roles: STAFF,
    parent: '/sessions',
    Page: lazy(() => import('./pages/sessions/SessionStatsPage.tsx')),
  },
  { path: '/notifications', title: 'notice.nav', roles: ROLES, Page: lazy(() => import('./pages/notifications/NotificationsPage.tsx')) },
  {
    path: '/units',
    title: 'nav.units',
    roles: STAFF,
    menu: { icon: <BankOutlined />, group: 'suggestions' },
    Page: lazy(() => import('./pages/units/UnitListPage.tsx')),
  },
  {
    path: '/users',
    title: 'nav.users',
    roles: ADMINS,
    menu: { icon: <IdcardOutlined />, group: 'system' },
    Page: lazy(() => import('./pages/users/UserListPage.tsx')),
  },
  {
    path: '/regions',
    title: 'nav.regions',
    roles: ADMINS,
    menu: { icon: <ApartmentOutlined />, group: 'system' },
    Page: lazy(() => import('./pages/regions/RegionsPage.tsx')),
  },
  {
    path: '/audit',
    title: 'nav.audit',
    roles: ADMINS,
    menu: { icon: <AuditOutlined />, group: 'system' },
    Page: lazy(() => import('./pages/audit/AuditListPage.tsx')),
  },
];

export function menuRoutesFor(user: Me['user']): AppRoute[] {
  return appRoutes.filter((r) => r.menu && routeAllows(r, user));
}

/** The side menu's sections, in the order shown (below the entries without a group, i.e. 首页). */
export const MENU_GROUPS = [
  { key: 'organisation', title: 'nav.group.organisation', icon: <ContactsOutlined /> },
  { key: 'duty', title: 'nav.group.duty', icon: <FlagOutlined /> },
  { key: 'suggestions', title: 'nav.group.suggestions', icon: <BulbOutlined /> },
  { key: 'sessions', title: 'nav.group.sessions', icon: <ReconciliationOutlined /> },
  { key: 'presidium', title: 'nav.group.presidium', icon: <CrownOutlined /> },
  { key: 'system', title: 'nav.group.system', icon: <SettingOutlined /> },
] as const satisfies readonly { key: string; title: MsgKey; icon: ReactNode }[];

export type MenuGroup = (typeof MENU_GROUPS)[number]['key'];
export type MenuNode = { kind: 'item'; route: AppRoute } | { kind: 'group'; key: MenuGroup; title: MsgKey; icon: ReactNode; routes: AppRoute[] };

/**
 * The side menu for a user: the entries without a group, then each section with the entries the user
 * may open. A section with one such entry is shown as that entry alone (no submenu with one child);
 * an empty one is left out.
 */
export function menuTreeFor(user: Me['user']): MenuNode[] {
  const routes = menuRoutesFor(user);
  const nodes: MenuNode[] = routes.filter((r) => !r.menu?.group).map((route) => ({ kind: 'item', route }));
  for (const g of MENU_GROUPS) {
    const inGroup = routes.filter((r) => r.menu?.group === g.key);
    if (inGroup.length === 1) nodes.push({ kind: 'item', route: inGroup[0] as AppRoute });
    else if (inGroup.length > 1) nodes.push({ kind: 'group', key: g.key, title: g.title, icon: g.icon, routes: inGroup });
  }
  return nodes;
}
