import type { DeputyStatus } from '../api/deputies.ts';
import { useT } from '../i18n/index.tsx';
import { Pill, type Tone } from './Pill.tsx';

const TONE: Record<DeputyStatus, Tone> = { serving: 'good', resigned: 'brown', recalled: 'bad', terminated: 'dim', transferred: 'info' };

export function StatusTag({ status }: { status: DeputyStatus }) {
  const t = useT();
  return <Pill tone={TONE[status] ?? 'dim'}>{t.enum('status', status)}</Pill>;
}
