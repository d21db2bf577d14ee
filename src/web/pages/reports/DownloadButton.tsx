import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { reportsApi } from '../../api/reports.ts';
import { useT } from '../../i18n/index.tsx';

type Format = 'docx' | 'md' | 'json';

/** Word / Markdown / JSON of the current text with live figures, or of one version with its frozen figures. */
export function DownloadButton({ id, title, version, size }: { id: string; title: string; version?: number; size?: 'small' }) {
  const t = useT();
  const { message } = App.useApp();
  const get = (format: Format) => reportsApi.exportFile(id, format, version, title).catch((e: Error) => message.error(e.message));
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'docx', label: t('report.downloadWord') },
          { key: 'md', label: t('report.downloadMd') },
          { key: 'json', label: t('report.downloadJson') },
        ],
        onClick: ({ key }) => void get(key as Format),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />}>
        {t('report.download')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
