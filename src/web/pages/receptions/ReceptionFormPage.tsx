import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Skeleton, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { DEFAULT_CATEGORIES, type Reception, receptionsApi } from '../../api/receptions.ts';
import { stationsApi } from '../../api/stations.ts';
import { DeputyPicker } from '../../components/DeputyPicker.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStations } from '../../hooks/useLookups.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { MatterFields } from './MatterFields.tsx';
import { type MatterValues, defaultReceptionDate, matterValues, receptionBody } from './receptionFormat.ts';

type Values = {
  stationId: string;
  date: Dayjs;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  place?: string;
  notes?: string;
  deputyIds: string[];
  matters: MatterValues[];
};
const FIELDS = ['stationId', 'date', 'startTime', 'endTime', 'place', 'notes', 'deputyIds', 'matters'] as const;

/** Today in China, whatever the device's time zone: the server checks dates against it. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 登记接待 (/receptions/new) and 修改接待记录 (/receptions/:id/edit): the station (a liaison's own),
 * the date (the station's latest reception day by default), the deputies on duty (the station's
 * deputies offered first, any serving deputy of the town can be added), and the matters. Saved in one
 * go: the server takes all or nothing and names the bad row (matters[2].content), which is marked here.
 */
export default function ReceptionFormPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const { id } = useParams();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // Names of deputies on duty who are not the station's (from the record, or added by search).
  const [others, setOthers] = useState<Record<string, string>>({});
  const dateTouched = useRef(false);
  const liaisonStation = me.user.role === 'liaison' ? me.user.stationId : null;

  const existing = useQuery({ queryKey: ['receptions', 'get', id], queryFn: () => receptionsApi.get(id as string), enabled: !!id });
  const stations = useStations();
  const categories = useQuery({ queryKey: ['suggestion-settings', 'categories'], queryFn: receptionsApi.categories, staleTime: 5 * 60_000, retry: false });
  const stationId = Form.useWatch('stationId', form);
  const station = useQuery({ queryKey: ['stations', 'get', stationId], queryFn: () => stationsApi.get(stationId), enabled: !!stationId });
  const today = chinaToday();
  const days = useQuery({
    queryKey: ['stations', 'reception-days', stationId, today],
    queryFn: () => stationsApi.receptionDays(stationId, { from: dayjs(today).subtract(62, 'day').format('YYYY-MM-DD'), to: today }),
    enabled: !!stationId,
  });

  // The form's first values: the record being edited, or a new reception at the liaison's station.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current) return;
    if (id && existing.data) {
      const r: Reception = existing.data;
      loaded.current = true;
      dateTouched.current = true;
      setOthers(Object.fromEntries(r.deputies.map((d) => [d.id, d.name])));
      form.setFieldsValue({
        stationId: r.station.id,
        date: dayjs(r.date),
        startTime: r.startTime ? dayjs(`${r.date}T${r.startTime}`) : null,
        endTime: r.endTime ? dayjs(`${r.date}T${r.endTime}`) : null,
        place: r.place,
        notes: r.notes,
        deputyIds: r.deputies.map((d) => d.id),
        matters: r.matters.map(matterValues),
      });
    } else if (!id) {
      const only = stations.data?.length === 1 ? stations.data[0].id : undefined;
      const sid = liaisonStation ?? only;
      if (!sid && !stations.data) return;
      loaded.current = true;
      form.setFieldsValue({ stationId: sid, date: dayjs(today), deputyIds: [], matters: [] });
    }
  }, [id, existing.data, stations.data, liaisonStation, form, today]);

  // A new reception is dated the station's latest reception day, until the user picks a date.
  useEffect(() => {
    if (id || dateTouched.current || !days.data) return;
    form.setFieldValue('date', dayjs(defaultReceptionDate(days.data.dates, today)));
  }, [id, days.data, form, today]);

  const stationDeputies = useMemo(() => (station.data?.deputies ?? []).filter((d) => d.status === 'serving'), [station.data]);
  const deputyIds = (Form.useWatch('deputyIds', form) ?? []) as string[];
  const deputyOptions = useMemo(() => {
    const own = stationDeputies.map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }));
    const extra = deputyIds.filter((d) => !stationDeputies.some((s) => s.id === d)).map((d) => ({ value: d, label: others[d] ?? d }));
    return [...own, ...extra];
  }, [stationDeputies, deputyIds, others]);

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = receptionBody({
      stationId: v.stationId,
      date: v.date.format('YYYY-MM-DD'),
      startTime: v.startTime ? v.startTime.format('HH:mm') : null,
      endTime: v.endTime ? v.endTime.format('HH:mm') : null,
      place: v.place,
      notes: v.notes,
      activityId: existing.data?.activityId ?? null,
      deputyIds: v.deputyIds,
      matters: v.matters ?? [],
    });
    setSaving(true);
    try {
      const saved = id && existing.data ? await receptionsApi.update(id, { ...body, version: existing.data.version }) : await receptionsApi.create(body);
      message.success(id ? t('common.saved') : t('reception.saved', { code: saved.code }));
      void qc.invalidateQueries({ queryKey: ['receptions'] });
      navigate(`/receptions/${saved.id}`);
      // The form was long; the record opens at its top.
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.issues.length === 0) {
        message.error(t('common.conflict'));
        void qc.invalidateQueries({ queryKey: ['receptions'] });
        return;
      }
      if (!applyServerErrors(form, e, FIELDS)) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  if (id && existing.error) return <LoadError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && existing.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const title = id ? t('reception.edit') : t('reception.new');
  const schedule = days.data ? (days.data.text ? t('reception.scheduleHint', { text: days.data.text }) : t('reception.noSchedule')) : undefined;

  return (
    <>
      <PageHeader title={id && existing.data ? `${title} ${existing.data.code}` : title} back={id ? `/receptions/${id}` : '/receptions'} />
      <Form form={form} layout="vertical" requiredMark onFinish={() => void save()}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 16 }}>
              <Form.Item
                name="stationId"
                label={t('reception.station')}
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('reception.station') }) }]}
              >
                <Select
                  disabled={!!liaisonStation}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  onChange={() => {
                    if (!id) form.setFieldValue('deputyIds', []);
                  }}
                />
              </Form.Item>
              <Form.Item
                name="date"
                label={t('reception.date')}
                extra={schedule}
                rules={[{ required: true, message: t('common.requiredSelect', { field: t('reception.date') }) }]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                  onChange={() => {
                    dateTouched.current = true;
                  }}
                />
              </Form.Item>
              <Form.Item name="startTime" label={t('reception.startTime')}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
              </Form.Item>
              <Form.Item
                name="endTime"
                label={t('reception.endTime')}
                dependencies={['startTime']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: Dayjs | null) => {
                      const s = getFieldValue('startTime') as Dayjs | null;
                      return !v || !s || v.format('HH:mm') > s.format('HH:mm') ? Promise.resolve() : Promise.reject(new Error(t('reception.endAfterStart')));
                    },
                  }),
                ]}
              >
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
              </Form.Item>
            </div>
            <Form.Item name="place" label={t('reception.place')} extra={t('reception.placeHint')} rules={[{ max: 200 }]}>
              <Input maxLength={200} placeholder={station.data?.address} />
            </Form.Item>
            <Form.Item
              name="deputyIds"
              label={t('reception.deputies')}
              extra={t('reception.deputiesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('reception.deputies') }) }]}
            >
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} loading={station.isFetching} />
            </Form.Item>
            <div style={{ maxWidth: 360, marginBottom: 16 }}>
              <DeputyPicker
                aria-label={t('reception.addDeputy')}
                placeholder={t('reception.addDeputy')}
                excludeIds={deputyIds}
                value={null}
                onChange={(did, d) => {
                  if (!did) return;
                  if (d) setOthers((o) => ({ ...o, [did]: `${d.name}（${d.code}）` }));
                  form.setFieldValue('deputyIds', [...new Set([...(form.getFieldValue('deputyIds') ?? []), did])]);
                }}
              />
            </div>
            <Form.Item name="notes" label={t('reception.notes')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Card>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('reception.matters')}</h2>}>
            <MatterFields form={form} categories={categories.data ?? [...DEFAULT_CATEGORIES]} />
          </Card>
          <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
            <Button onClick={() => navigate(id ? `/receptions/${id}` : '/receptions')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </div>
        </Space>
      </Form>
    </>
  );
}
