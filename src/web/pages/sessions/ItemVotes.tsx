import type { AgendaItemRef, SessionTabProps } from './tabProps.ts';

/** Placeholder until the vote panel is built: the votes of one agenda item and the button to record one. */
export default function ItemVotes(_props: SessionTabProps & { item: AgendaItemRef }) {
  return null;
}
