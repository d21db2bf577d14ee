import { DatabaseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { FACT_CATALOGUE } from '../../../shared/report/catalogue.ts';
import { useT } from '../../i18n/index.tsx';

export type NamePath = (string | number)[];

/** The catalogue as options of a "when" select: the label to read, the key to be exact. */
export const FACT_OPTIONS = FACT_CATALOGUE.map((f) => ({ value: f.key, label: `${f.label}（${f.key}）` }));

export const sentenceId = (path: NamePath) => `tpl-${path.join('-')}`;

/**
 * The sentences of the lead or of one section: each a text with {{key}} tokens and the facts it depends
 * on. `base` is the list's full name in the form (for ids and for inserting data at the cursor).
 */
export function TemplateSentences({
  base,
  listName,
  disabled,
  onPick,
}: {
  base: NamePath;
  listName: NamePath;
  disabled: boolean;
  onPick: (path: NamePath) => void;
}) {
  const t = useT();
  return (
    <Form.List name={listName}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, j) => {
            const path = [...base, f.name, 'text'];
            const n = j + 1;
            return (
              <div key={f.key} style={{ borderTop: '1px dashed #e3e6ea', paddingTop: 8, marginTop: 8 }}>
                <Form.Item name={[f.name, 'text']} label={t('tpl.sentenceText', { n })} htmlFor={sentenceId(path)} style={{ marginBottom: 6 }}>
                  <Input.TextArea id={sentenceId(path)} autoSize={{ minRows: 1, maxRows: 8 }} disabled={disabled} />
                </Form.Item>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                  <Form.Item name={[f.name, 'when']} label={t('tpl.sentenceWhen', { n })} style={{ flex: '1 1 260px', marginBottom: 0 }}>
                    <Select mode="multiple" allowClear disabled={disabled} options={FACT_OPTIONS} optionFilterProp="label" placeholder={t('tpl.whenHint')} />
                  </Form.Item>
                  {!disabled && (
                    <div style={{ display: 'flex', gap: 4, paddingTop: 30 }}>
                      <Button size="small" icon={<DatabaseOutlined />} onClick={() => onPick(path)}>
                        {t('report.insertFact')}
                      </Button>
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('tpl.removeSentence', { n })}
                        onClick={() => remove(f.name)}
                      />
                    </div>
                  )}
                </div>
              </div>
            );
          })}
          {!disabled && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ text: '' })}>
              {t('tpl.addSentence')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
