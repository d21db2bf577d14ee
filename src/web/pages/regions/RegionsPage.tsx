import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { ConstituencyTable } from './ConstituencyTable.tsx';
import { TermTable } from './TermTable.tsx';
import { TownTable } from './TownTable.tsx';
import { VillageTable } from './VillageTable.tsx';

const TABS = ['towns', 'villages', 'terms', 'constituencies'] as const;

export default function RegionsPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const tab = TABS.find((x) => x === sp.get('tab')) ?? 'villages';
  return (
    <>
      <PageHeader title={t('region.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        items={[
          { key: 'towns', label: t('region.towns'), children: <TownTable /> },
          { key: 'villages', label: t('region.villages'), children: <VillageTable /> },
          { key: 'terms', label: t('region.terms'), children: <TermTable /> },
          { key: 'constituencies', label: t('region.constituencies'), children: <ConstituencyTable /> },
        ]}
      />
    </>
  );
}
