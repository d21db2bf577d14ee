import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { issueFieldPath } from '../../api/form-errors.ts';
import type { Grade } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { categoryProblem, gradeProblems, moveItem } from './suggestionFormat.ts';

/** The server's problems by dotted field path (`grades.1.code`), whatever notation it used. */
export function issuesByField(e: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!(e instanceof ApiError)) return out;
  for (const i of e.issues) {
    const key = issueFieldPath(i.field).join('.');
    if (!out.has(key)) out.set(key, i.message);
  }
  return out;
}

const ROW = { display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0' } as const;
const ERR = { display: 'block', fontSize: 12 } as const;

/** Categories in their order: add at the end, move up or down, remove. */
export function CategoriesEditor({ value, onChange, issues }: { value: string[]; onChange: (v: string[]) => void; issues: Map<string, string> }) {
  const t = useT();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const p = categoryProblem(name, value);
    if (p)
      return setError(
        t(
          p === 'empty'
            ? 'suggestion.settings.categoryEmpty'
            : p === 'duplicate'
              ? 'suggestion.settings.categoryDuplicate'
              : 'suggestion.settings.categoryLong',
        ),
      );
    onChange([...value, name.trim()]);
    setName('');
    setError(null);
  };
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('suggestion.settings.categoriesHint')}</Typography.Paragraph>
      {issues.get('categories') && (
        <Typography.Text type="danger" role="alert" style={ERR}>
          {issues.get('categories')}
        </Typography.Text>
      )}
      <ol aria-label={t('suggestion.settings.categories')} style={{ listStyle: 'none', margin: '0 0 12px', padding: 0, maxWidth: 420 }}>
        {value.map((c, i) => (
          <li key={c} style={ROW}>
            <span style={{ flex: 1 }}>
              {c}
              {issues.get(`categories.${i}`) && (
                <Typography.Text type="danger" style={ERR}>
                  {issues.get(`categories.${i}`)}
                </Typography.Text>
              )}
            </span>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              aria-label={t('suggestion.settings.moveUp', { name: c })}
              onClick={() => onChange(moveItem(value, i, i - 1))}
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={i === value.length - 1}
              aria-label={t('suggestion.settings.moveDown', { name: c })}
              onClick={() => onChange(moveItem(value, i, i + 1))}
            />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('suggestion.settings.remove', { name: c })}
              onClick={() => onChange(value.filter((x) => x !== c))}
            />
          </li>
        ))}
      </ol>
      <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
        <Input
          aria-label={t('suggestion.settings.addCategory')}
          placeholder={t('suggestion.settings.addCategory')}
          value={name}
          maxLength={20}
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onPressEnter={add}
        />
        <Button icon={<PlusOutlined />} onClick={add}>
          {t('suggestion.settings.add')}
        </Button>
      </Space.Compact>
      {error && (
        <Typography.Text type="danger" role="alert" style={ERR}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/** Reply grades: code, label and whether the item stays under follow-up; rows added and removed. */
export function GradesEditor({ value, onChange, issues }: { value: Grade[]; onChange: (v: Grade[]) => void; issues: Map<string, string> }) {
  const t = useT();
  const local = gradeProblems(value);
  const problemOf = (row: number, field: 'code' | 'label') => {
    const server = issues.get(`grades.${row}.${field}`);
    if (server) return server;
    const p = local.find((x) => x.row === row && x.field === field);
    return p ? t(p.problem === 'empty' ? 'suggestion.settings.gradeEmpty' : 'suggestion.settings.gradeDuplicate') : null;
  };
  const set = (row: number, p: Partial<Grade>) => onChange(value.map((g, i) => (i === row ? { ...g, ...p } : g)));
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('suggestion.settings.gradesHint')}</Typography.Paragraph>
      {issues.get('grades') && (
        <Typography.Text type="danger" role="alert" style={ERR}>
          {issues.get('grades')}
        </Typography.Text>
      )}
      <ol aria-label={t('suggestion.settings.grades')} style={{ listStyle: 'none', margin: '0 0 12px', padding: 0, maxWidth: 640 }}>
        {value.map((g, i) => {
          const codeErr = problemOf(i, 'code');
          const labelErr = problemOf(i, 'label');
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the code itself is being typed
            <li key={i} style={{ ...ROW, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <div style={{ width: 80 }}>
                <Input
                  aria-label={t('suggestion.settings.gradeCodeOf', { n: i + 1 })}
                  placeholder={t('suggestion.settings.gradeCode')}
                  value={g.code}
                  maxLength={4}
                  status={codeErr ? 'error' : undefined}
                  onChange={(e) => set(i, { code: e.target.value.toUpperCase() })}
                />
                {codeErr && (
                  <Typography.Text type="danger" style={ERR}>
                    {codeErr}
                  </Typography.Text>
                )}
              </div>
              <div style={{ flex: '1 1 200px' }}>
                <Input
                  aria-label={t('suggestion.settings.gradeLabelOf', { n: i + 1 })}
                  placeholder={t('suggestion.settings.gradeLabel')}
                  value={g.label}
                  maxLength={30}
                  status={labelErr ? 'error' : undefined}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
                {labelErr && (
                  <Typography.Text type="danger" style={ERR}>
                    {labelErr}
                  </Typography.Text>
                )}
              </div>
              <Checkbox
                checked={g.followUp}
                onChange={(e) => set(i, { followUp: e.target.checked })}
                aria-label={t('suggestion.settings.gradeFollowUpOf', { n: i + 1 })}
                style={{ paddingTop: 5 }}
              >
                {t('suggestion.settings.gradeFollowUp')}
              </Checkbox>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('suggestion.settings.remove', { name: g.code || String(i + 1) })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            </li>
          );
        })}
      </ol>
      <Button icon={<PlusOutlined />} onClick={() => onChange([...value, { code: '', label: '', followUp: false }])} disabled={value.length >= 10}>
        {t('suggestion.settings.addGrade')}
      </Button>
    </div>
  );
}
