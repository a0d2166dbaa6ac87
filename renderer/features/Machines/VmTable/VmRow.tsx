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
  selected: boolean;
  /** The machine's connection is read-only: no actions, a lock with the reason instead. */
  readOnly: boolean;
  onFocusRow: (index: number) => void;
  /** Toggles the row's selection; `range` (Shift) extends it from the last toggled row. */
  onToggle: (index: number, range: boolean) => void;
}

/** Enter opens the machine's page; Space toggles the row's selection; → moves into its actions (← or Escape comes back). */
function onRowKeyDown(e: KeyboardEvent<HTMLTableRowElement>, path: string, toggle: (range: boolean) => void) {
  if (e.target !== e.currentTarget) return;
  if (e.key === 'Enter') {
    e.preventDefault();
    go(path);
  } else if (e.key === ' ') {
    e.preventDefault();
    toggle(e.shiftKey);
  } else if (e.key === 'ArrowRight') {
    e.preventDefault();
    e.currentTarget.querySelector<HTMLButtonElement>('td:last-child button:not(:disabled)')?.focus();
  }
}

export const VmRow = memo(function VmRow({ row, index, focused, selected, readOnly, onFocusRow, onToggle }: Props) {
  const path = machinePath(row.connectionId, row.uuid);
  return (
    <Table.Tr
      className={classes.row}
      data-testid={`vm-row-${row.name}`}
      data-vm-key={row.key}
      data-index={index}
      data-selected={selected || undefined}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onKeyDown={(e) => onRowKeyDown(e, path, (range) => onToggle(index, range))}
    >
      <Table.Td className={classes.select}>
        {/* A native box: a Mantine Checkbox per row is several elements and an icon to lay out per scrolled frame. */}
        <input
          type="checkbox"
          className={classes.check}
          checked={selected}
          tabIndex={-1}
          aria-label={`Select ${row.name} on ${row.host}`}
          data-testid={`vm-select-${row.name}`}
          // The click (not change) event carries Shift for a range.
          onChange={() => undefined}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(index, e.shiftKey);
          }}
        />
      </Table.Td>
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
        <VmActions row={row} readOnly={readOnly} />
      </Table.Td>
    </Table.Tr>
  );
});
