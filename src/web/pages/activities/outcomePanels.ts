import type { ComponentType } from 'react';
import type { ActivityDetail } from '../../api/activities.ts';
import type { MsgKey } from '../../i18n/index.tsx';

/**
 * Records that other areas link to an activity as its outcomes — the suggestions raised at it, the
 * findings of an inspection. Each such area appends one entry here; the 成果 / Outcomes panel shows the
 * entries, in this order, under the activity's outcomes text, each in its own titled section.
 *
 * Empty today: no area records anything against an activity yet, so the panel shows the text alone
 * and never placeholder links. A Panel loads its own records (e.g. GET /suggestions?activityId=…) and
 * renders nothing, or an empty note of its own, when there are none.
 */
export type OutcomePanel = {
  /** The area that owns the records, e.g. 'suggestions'; also the React key. */
  area: string;
  /** The section's heading, a message of the area's dictionary. */
  title: MsgKey;
  Panel: ComponentType<{ activity: ActivityDetail }>;
};

export const OUTCOME_PANELS: readonly OutcomePanel[] = [];
