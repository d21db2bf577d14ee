import { Checkbox } from 'antd';
import { useT } from '../../i18n/index.tsx';

type Props = {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
  'aria-required'?: string;
  'aria-invalid'?: string;
  'aria-describedby'?: string;
};

/**
 * Town / county level as two checkboxes in a labelled group. The form item's aria-required is not
 * allowed on a group (axe: aria-allowed-attr), so it is dropped here; the visible asterisk remains.
 */
export function LevelCheckboxes({ value, onChange, id, 'aria-describedby': describedBy }: Props) {
  const t = useT();
  return (
    <fieldset id={id} aria-describedby={describedBy} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend className="visually-hidden">{t('deputy.level')}</legend>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange?.(v as string[])}
        options={[
          { value: 'town', label: t('deputy.levelTown') },
          { value: 'county', label: t('deputy.levelCounty') },
        ]}
      />
    </fieldset>
  );
}
