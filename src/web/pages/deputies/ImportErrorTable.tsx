import type { ImportRowError } from '../../api/imports.ts';
import { useT } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';

/** Every problem in the file, by row and column, so the user can fix them all in one pass. */
export function ImportErrorTable({ errors }: { errors: ImportRowError[] }) {
  const t = useT();
  return (
    <DataTable<ImportRowError>
      label={t('import.message')}
      rowKey={(e) => `${e.row}-${e.column}-${e.field}-${e.message}`}
      size="small"
      dataSource={errors}
      pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      columns={[
        { key: 'row', dataIndex: 'row', title: t('import.row'), width: 72 },
        { key: 'column', dataIndex: 'column', title: t('import.column'), width: 140 },
        { key: 'message', dataIndex: 'message', title: t('import.message') },
      ]}
    />
  );
}
