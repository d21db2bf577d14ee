import type { SessionTabProps } from './tabProps.ts';

/** Placeholder until this tab is built. */
export default function MotionsTab(_props: SessionTabProps) {
  return null;
}
