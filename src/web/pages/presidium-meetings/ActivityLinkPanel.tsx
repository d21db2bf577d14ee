import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { activitiesApi } from '../../api/activities.ts';
import { STAFF } from '../../api/auth.ts';
import { type MeetingDetail, presidiumMeetingsApi } from '../../api/presidiumMeetings.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';

/** Same rule as the server's isPresidiumKind: the default kind's code, or a kind named for the presidium. */
const presidiumKind = (k: { code: string; name: string }) => k.code === 'presidium_meeting' || k.name.includes('主席团');

/**
 * The activity that carries the meeting's invitations, leave and sign-in. Administrators create it
 * from the meeting, or link an activity of the 主席团会议 kind within a month of the meeting's date.
 */
export function ActivityLinkPanel({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const staff = useHasRole(STAFF);
  const [picking, setPicking] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['presidium-meetings'] });
    void qc.invalidateQueries({ queryKey: ['activities'] });
    message.success(t('common.saved'));
    setPicking(false);
  };
  const fail = (e: Error) => message.error(e.message, 6);
  const create = useMutation({ mutationFn: () => presidiumMeetingsApi.createActivity(meeting.id, meeting.version), onSuccess: done, onError: fail });
  const link = useMutation({ mutationFn: (activityId: string | null) => presidiumMeetingsApi.update(meeting.id, { version: meeting.version, activityId }), onSuccess: done, onError: fail });
  const kinds = useQuery({ queryKey: ['activities', 'kinds', 'active'], queryFn: () => activitiesApi.kinds(true), enabled: picking });
  const kindId = kinds.data?.items.find(presidiumKind)?.id;
  const from = dayjs(meeting.date).subtract(1, 'month').format('YYYY-MM-DD');
  const to = dayjs(meeting.date).add(1, 'month').format('YYYY-MM-DD');
  const candidates = useQuery({
    queryKey: ['activities', 'list', { kindId, from, to }],
    queryFn: () => activitiesApi.list({ kindId, from, to, pageSize: 100 }),
    enabled: picking && !!kindId,
  });

  const a = meeting.activity;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('meeting.activity')}</h2>} size="small">
      {a ? (
        <Space wrap>
          {staff ? <Link to={`/activities/${a.id}`}>{a.title}</Link> : <span>{a.title}</span>}
          <Typography.Text type="secondary">{t('meeting.activityInfo', { code: a.code, invited: a.invited, signedIn: a.signedIn })}</Typography.Text>
          {meeting.canEdit && (
            <Button size="small" loading={link.isPending} onClick={() => link.mutate(null)}>
              {t('meeting.unlinkActivity')}
            </Button>
          )}
        </Space>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: meeting.canEdit ? 8 : 0 }}>
            {t('meeting.activityNone')}
          </Typography.Paragraph>
          {meeting.canEdit && (
            <Space wrap>
              <Button type="primary" loading={create.isPending} onClick={() => create.mutate()}>
                {t('meeting.createActivity')}
              </Button>
              {!picking ? (
                <Button onClick={() => setPicking(true)}>{t('meeting.linkActivity')}</Button>
              ) : (
                <>
                  <Select
                    aria-label={t('meeting.pickActivity')}
                    placeholder={t('meeting.pickActivity')}
                    style={{ width: 280, maxWidth: '100%' }}
                    loading={kinds.isFetching || candidates.isFetching}
                    value={chosen}
                    onChange={setChosen}
                    options={(candidates.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code} ${dayjs(x.startAt).format('YYYY-MM-DD')} ${x.title}` }))}
                  />
                  <Button disabled={!chosen} loading={link.isPending} onClick={() => chosen && link.mutate(chosen)}>
                    {t('common.confirm')}
                  </Button>
                </>
              )}
            </Space>
          )}
        </>
      )}
    </Card>
  );
}
