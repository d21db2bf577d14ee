import { CloseOutlined, FileOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useId, useRef } from 'react';
import { suggestionsApi } from '../../api/suggestions.ts';
import { DeputyPicker, type KnownDeputy } from '../../components/DeputyPicker.tsx';
import { VillagePicker } from '../../components/VillagePicker.tsx';
import { useT } from '../../i18n/index.tsx';
import { UploadButton } from './UploadButton.tsx';
import { fileSize } from './suggestionFormat.ts';

/*
 * Form controls of the suggestion form (each takes value/onChange from its Form.Item): one village,
 * the co-sponsoring deputies, the attachments.
 */

/** One village with the shared picker (which chooses many): the last one picked wins. */
export function OneVillage({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (v: string | undefined) => void }) {
  return <VillagePicker id={id} value={value ? [value] : []} onChange={(ids) => onChange?.(ids.length ? ids[ids.length - 1] : undefined)} />;
}

const LIST = { listStyle: 'none', margin: '8px 0 0', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 } as const;
const CHIP = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 2,
  border: '1px solid #d9d9d9',
  borderRadius: 4,
  padding: '0 0 0 8px',
  background: '#fafafa',
} as const;

/** Co-sponsors: add by searching the roster, remove with the button beside each name. */
export function CoSponsorsField({
  id,
  value,
  onChange,
  exclude,
}: {
  id?: string;
  value?: KnownDeputy[];
  onChange?: (v: KnownDeputy[]) => void;
  exclude: string[];
}) {
  const t = useT();
  const list = value ?? [];
  return (
    <div>
      <DeputyPicker
        id={id}
        value={null}
        placeholder={t('suggestion.edit.addCoSponsor')}
        excludeIds={[...exclude, ...list.map((d) => d.id)]}
        onChange={(_, d) => d && onChange?.([...list, { id: d.id, name: d.name, code: d.code }])}
      />
      {list.length === 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
          {t('suggestion.edit.noCoSponsors')}
        </Typography.Text>
      ) : (
        <ul aria-label={t('suggestion.coSponsors')} style={LIST}>
          {list.map((d) => (
            <li key={d.id} style={CHIP}>
              {d.name}
              {d.code ? <Typography.Text type="secondary">（{d.code}）</Typography.Text> : null}
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('suggestion.edit.removeCoSponsor', { name: d.name })}
                onClick={() => onChange?.(list.filter((x) => x.id !== d.id))}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type Attached = { id: string; name: string; size: number };

/** Attachments: each chosen file is uploaded at once (POST /files?use=any) and kept by its id. */
export function AttachmentsField({ id, value, onChange }: { id?: string; value?: Attached[]; onChange?: (v: Attached[]) => void }) {
  const t = useT();
  const uid = useId();
  const list = value ?? [];
  // Several files may finish uploading before the form re-renders: add each to the latest list.
  const latest = useRef(list);
  latest.current = list;
  return (
    <div>
      <UploadButton
        id={id ?? `${uid}-files`}
        multiple
        accept=".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
        upload={suggestionsApi.uploadAttachment}
        onUploaded={(f) => {
          latest.current = [...latest.current, { id: f.id, name: f.name, size: f.size }];
          onChange?.(latest.current);
        }}
      />
      {list.length > 0 && (
        <ul aria-label={t('suggestion.section.files')} style={{ ...LIST, flexDirection: 'column', alignItems: 'flex-start' }}>
          {list.map((f) => (
            <li key={f.id} style={CHIP}>
              <FileOutlined aria-hidden />
              {f.name}
              <Typography.Text type="secondary">（{fileSize(f.size)}）</Typography.Text>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('suggestion.form.removeFile', { name: f.name })}
                onClick={() => onChange?.(list.filter((x) => x.id !== f.id))}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
