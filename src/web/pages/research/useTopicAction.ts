import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { TopicDetail } from '../../api/research.ts';

/**
 * Run one write on a topic: a busy flag, the success message, fresh lists and figures afterwards. A
 * stale version (409) reloads the topic so the user sees what changed before trying again.
 */
export function useTopicAction() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<TopicDetail>, done: string): Promise<TopicDetail | null> {
    setBusy(true);
    try {
      const topic = await fn();
      message.success(done);
      qc.setQueryData(['research', 'one', topic.id], topic);
      void qc.invalidateQueries({ queryKey: ['research'] });
      return topic;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: ['research'] });
      message.error((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy };
}
