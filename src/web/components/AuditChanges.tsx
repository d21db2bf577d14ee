import type { AuditEvent } from '../api/audit.ts';
import { type EnumGroup, type Translate, useT } from '../i18n/index.tsx';

const ENUM_FIELDS: Record<string, EnumGroup> = {
  gender: 'gender',
  status: 'status',
  role: 'role',
  position: 'position',
  party: 'party',
  occupation: 'occupation',
};
const KIND_BY_ENTITY: Record<string, EnumGroup> = { handling_unit: 'unitKind', station: 'stationKind', village: 'villageKind' };
const FLAG_FIELDS = new Set(['isTownLevel', 'isCountyLevel', 'hardship', 'active', 'mustChangePassword']);
const HIDDEN_FIELDS = new Set(['id', 'townId', 'countyId']);

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/** A stored value as the user knows it: enumerations by their label, flags as yes / no. */
function show(t: Translate, entity: string, field: string, v: unknown): string {
  if (isEmpty(v)) return t('audit.emptyValue');
  // References are stored as ULIDs, which mean nothing to a reader; the field name says what changed.
  if (field.endsWith('Id') && typeof v === 'string') return t('audit.reference');
  if (FLAG_FIELDS.has(field) || typeof v === 'boolean') return v === true || v === 1 || v === '1' ? t('common.yes') : t('common.no');
  const group = field === 'kind' ? KIND_BY_ENTITY[entity] : ENUM_FIELDS[field];
  if (group && typeof v === 'string') return t.enum(group, v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** An audit event's field changes as "field: before → after", one per line; unchanged blanks are left out. */
export function AuditChanges({ changes, entity }: { changes: AuditEvent['changes']; entity: string }) {
  const t = useT();
  const entries = Object.entries(changes ?? {}).filter(([field, [before, after]]) => !HIDDEN_FIELDS.has(field) && !(isEmpty(before) && isEmpty(after)));
  if (entries.length === 0) return <span style={{ color: 'rgba(0,0,0,0.68)' }}>{t('audit.noChanges')}</span>;
  return (
    <table style={{ borderCollapse: 'collapse', fontSize: 13 }} aria-label={t('audit.changes')}>
      <tbody>
        {entries.map(([field, [before, after]]) => (
          <tr key={field}>
            <th scope="row" style={{ textAlign: 'start', fontWeight: 500, paddingInlineEnd: 8, verticalAlign: 'top', whiteSpace: 'nowrap' }}>
              {t.enum('field', field)}
            </th>
            {!isEmpty(before) && (
              <>
                <td style={{ color: '#8e0000', textDecoration: 'line-through', overflowWrap: 'anywhere', verticalAlign: 'top' }}>
                  <span className="visually-hidden">{t('audit.before')}：</span>
                  {show(t, entity, field, before)}
                </td>
                <td aria-hidden style={{ padding: '0 6px', verticalAlign: 'top' }}>
                  →
                </td>
              </>
            )}
            <td colSpan={isEmpty(before) ? 3 : 1} style={{ color: '#1b5e20', overflowWrap: 'anywhere', verticalAlign: 'top' }}>
              <span className="visually-hidden">{t('audit.after')}：</span>
              {show(t, entity, field, after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
