/**
 * The props every tab of the session page receives (SessionDetailPage renders the tabs). After a write a
 * tab invalidates the query keys that start with ['sessions', sessionId] so that the header (quorum,
 * counts) and the other tabs refresh.
 */
export type SessionTabProps = {
  sessionId: string;
  sessionStatus: 'preparing' | 'open' | 'closed';
  /** Whether the caller may write (town_admin of the town). */
  canManage: boolean;
};

/** An agenda item as the vote panel needs it. */
export type AgendaItemRef = { id: string; kind: string; title: string; status: string };
