/** The target host picker of the migrate dialogs: the connected hosts, those in maintenance shown disabled. */
import { type ComboboxItem, Select } from '@mantine/core';

interface Props {
  items: ComboboxItem[];
  value: string | null;
  onChange(id: string | null): void;
}

export function TargetHostSelect({ items, value, onChange }: Props) {
  return (
    <Select
      label="Target host"
      placeholder={items.length ? 'Pick a connected host' : 'No other connected host'}
      data={items}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      nothingFoundMessage="No other connected host"
      data-autofocus
      data-testid="migrate-target"
    />
  );
}
