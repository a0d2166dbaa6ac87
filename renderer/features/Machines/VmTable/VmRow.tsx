import { Table, Text } from '@mantine/core';
import { memo, type KeyboardEvent } from 'react';
import { go, machinePath } from '../../../app/paths';
import { Sparkline } from '../../Monitoring/Sparkline/Sparkline';
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

/** Enter on the row opens the machine's page; Space or → moves into its actions (← or Escape comes back). */
function onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>, path: string) {
  if (e.target !== e.currentTarget) return;
  if (e.key === 'Enter') {
    e.preventDefault();
    go(path);
  } else if (e.key === ' ' || e.key === 'ArrowRight') {
    e.preventDefault();
    e.currentTarget.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }
}

export const VmRow = memo(function VmRow({ row, index, focused, onFocusRow }: Props) {
  const path = machinePath(row.connectionId, row.uuid);
  return (
    <Table.Tr
      className={classes.row}
      data-testid={`vm-row-${row.name}`}
      data-vm-key={row.key}
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onKeyDown={(e) => onRowKeyDown(e, path)}
    >
      <Table.Td>
        <Text size="sm" fw={500} truncate title={row.name}>
          {/* Out of the tab order: the row is the one stop (Enter opens the page too). */}
          <a href={path} tabIndex={-1} className={classes.name} data-testid={`vm-open-${row.name}`}>
            {row.name}
          </a>
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
        <Sparkline
          connectionId={row.connectionId}
          uuid={row.uuid}
          series="cpu_pct"
          label={`CPU of ${row.name}`}
          testId={`vm-cpu-${row.name}`}
        />
      </Table.Td>
      <Table.Td>
        <Sparkline
          connectionId={row.connectionId}
          uuid={row.uuid}
          series="mem_used_pct"
          label={`Memory used by ${row.name}`}
          testId={`vm-mem-${row.name}`}
        />
      </Table.Td>
      <Table.Td>
        <VmActions row={row} />
      </Table.Td>
    </Table.Tr>
  );
});
