import { Table, Text } from '@mantine/core';
import { memo, type KeyboardEvent } from 'react';
import { formatMemory } from '../format';
import type { VmRowData } from '../use-vm-rows';
import { VmActions } from '../VmActions/VmActions';
import { VmStateBadge } from '../VmStateBadge/VmStateBadge';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import classes from './VmTable.module.css';

interface Props {
  row: VmRowData;
  index: number;
  focused: boolean;
  onFocusRow: (index: number) => void;
}

function onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>) {
  // Enter or space on the row moves into its actions (there is no detail view yet).
  if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
  e.preventDefault();
  e.currentTarget.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
}

export const VmRow = memo(function VmRow({ row, index, focused, onFocusRow }: Props) {
  return (
    <Table.Tr
      className={classes.row}
      data-testid={`vm-row-${row.name}`}
      data-vm-key={row.key}
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onKeyDown={onRowKeyDown}
    >
      <Table.Td>
        <Text size="sm" fw={500} truncate title={row.name}>
          {row.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" truncate title={row.host}>
          {row.host}
        </Text>
      </Table.Td>
      <Table.Td>
        <VmStateBadge state={row.state} testId={`vm-state-${row.name}`} />
      </Table.Td>
      <Table.Td ta="right" className={tableClasses.num}>
        {row.vcpus}
      </Table.Td>
      <Table.Td ta="right" className={tableClasses.num}>
        {formatMemory(row.memoryKiB)}
      </Table.Td>
      <Table.Td>
        <VmActions row={row} />
      </Table.Td>
    </Table.Tr>
  );
});
