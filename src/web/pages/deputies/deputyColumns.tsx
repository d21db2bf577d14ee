import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { Deputy, DeputySort } from '../../api/deputies.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import type { Translate } from '../../i18n/index.tsx';
import { levelOf } from './deputyRules.ts';

type SortState = { sort?: string; order?: string };

function sortOrderOf(key: DeputySort, s: SortState) {
  if (s.sort !== key) return null;
  return s.order === 'desc' ? ('descend' as const) : ('ascend' as const);
}

export function deputyColumns(t: Translate, s: SortState): TableColumnsType<Deputy> {
  // Sized to fit the 1,050 px a 1280-px screen leaves beside the menu; the workplace column takes the rest.
  return [
    { key: 'code', dataIndex: 'code', title: t('deputy.code'), width: 80, sorter: true, sortOrder: sortOrderOf('code', s) },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('deputy.name'),
      width: 88,
      sorter: true,
      sortOrder: sortOrderOf('name', s),
      render: (_, d) => <Link to={`/deputies/${d.id}`}>{d.name}</Link>,
    },
    { key: 'status', title: t('deputy.status'), width: 72, render: (_, d) => <StatusTag status={d.status} /> },
    { key: 'gender', title: t('deputy.gender'), width: 68, render: (_, d) => t.enum('gender', d.gender) },
    {
      key: 'birthDate',
      title: t('deputy.age'),
      width: 64,
      sorter: true,
      sortOrder: sortOrderOf('birthDate', s),
      render: (_, d) => d.age ?? '—',
    },
    { key: 'level', title: t('deputy.level'), width: 88, render: (_, d) => t.enum('level', levelOf(d)) },
    { key: 'party', title: t('deputy.party'), width: 104, ellipsis: true, render: (_, d) => t.enum('party', d.party) },
    { key: 'occupation', title: t('deputy.occupation'), width: 108, ellipsis: true, render: (_, d) => t.enum('occupation', d.occupation) },
    { key: 'station', dataIndex: 'stationName', title: t('deputy.station'), width: 112, ellipsis: true },
    { key: 'workplace', dataIndex: 'workplace', title: t('deputy.workplace'), ellipsis: true, minWidth: 140 },
    { key: 'phone', dataIndex: 'phone', title: t('deputy.phone'), width: 112 },
  ];
}
