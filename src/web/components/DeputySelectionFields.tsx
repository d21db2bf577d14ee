import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Select, Tag } from 'antd';
import type { InviteSelector } from '../api/activities.ts';
import { groupsApi } from '../api/groups.ts';
import { useStations } from '../hooks/useLookups.ts';
import { useT } from '../i18n/index.tsx';
import { DeputyPicker, type KnownDeputy } from './DeputyPicker.tsx';

/*
 * Choosing deputies by station, group, level or by hand, as the server's shared selector takes them
 * (roster/deputy-selection.ts): an activity's invitations and a document's recipients use this one
 * set of fields inside their own form.
 */

export type SelectionValues = { stationIds?: string[]; groupIds?: string[]; levels?: ('town' | 'county')[] };
/** The form fields the server's errors can land on. */
export const SELECTION_FIELDS = ['stationIds', 'groupIds', 'levels'] as const;

/** The request body from the form and the hand-picked deputies; null when nothing is chosen. */
export function selectionBody(v: SelectionValues, picked: readonly KnownDeputy[]): InviteSelector | null {
  const body: InviteSelector = {};
  if (v.stationIds?.length) body.stationIds = v.stationIds;
  if (v.groupIds?.length) body.groupIds = v.groupIds;
  if (v.levels?.length) body.levels = v.levels;
  if (picked.length) body.deputyIds = picked.map((d) => d.id);
  return Object.keys(body).length ? body : null;
}

const LOOKUP = { staleTime: 5 * 60_000, retry: false } as const;

/** The four ways of choosing, as Form.Items; `pickerId` names the by-hand picker for its label. */
export function DeputySelectionFields({
  pickerId,
  picked,
  onPickedChange,
}: {
  pickerId: string;
  picked: KnownDeputy[];
  onPickedChange: (next: KnownDeputy[]) => void;
}) {
  const t = useT();
  const stations = (useStations().data ?? []).map((s) => ({ value: s.id, label: s.name }));
  // The same query key as the activity pages' group list, so the list is fetched once.
  const groups = (useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list, ...LOOKUP }).data ?? []).map((g) => ({ value: g.id, label: g.name }));
  return (
    <>
      <Form.Item name="stationIds" label={t('activity.byStation')}>
        <Select mode="multiple" options={stations} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="groupIds" label={t('activity.byGroup')}>
        <Select mode="multiple" options={groups} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="levels" label={t('activity.byLevel')}>
        <Checkbox.Group
          options={[
            { value: 'town', label: t('activity.levelTown') },
            { value: 'county', label: t('activity.levelCounty') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('activity.byHand')} htmlFor={pickerId}>
        <DeputyPicker
          id={pickerId}
          value={null}
          excludeIds={picked.map((d) => d.id)}
          onChange={(_id, d) => d && onPickedChange([...picked, { id: d.id, name: d.name, code: d.code }])}
        />
        <div style={{ marginTop: 8 }}>
          {picked.map((d) => (
            <Tag
              key={d.id}
              closable
              closeIcon={<span aria-label={t('activity.removePicked', { name: d.name })}>×</span>}
              onClose={() => onPickedChange(picked.filter((x) => x.id !== d.id))}
            >
              {d.name}
            </Tag>
          ))}
        </div>
      </Form.Item>
    </>
  );
}
