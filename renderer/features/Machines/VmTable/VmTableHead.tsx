import { Checkbox, Group, Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { Sort, SortKey } from '../use-vm-rows';
import { COLUMNS } from './columns';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import classes from './VmTable.module.css';

interface Props {
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: 'all' | 'some' | 'none';
  /** Selects every machine the filter shows (or clears the selection). */
  onToggleAll: () => void;
}

export function VmTableHead({ sort, onSort, selected, onToggleAll }: Props) {
  return (
    <Table.Thead className={tableClasses.head}>
      <Table.Tr aria-rowindex={1}>
        {COLUMNS.map((col) => {
          if (col.key === 'select') {
            return (
              <Table.Th key={col.key} className={classes.select}>
                <Checkbox
                  size="xs"
                  checked={selected === 'all'}
                  indeterminate={selected === 'some'}
                  onChange={onToggleAll}
                  aria-label={selected === 'none' ? 'Select every machine shown' : 'Clear the selection'}
                  data-testid="vm-select-all"
                />
              </Table.Th>
            );
          }
          if (col.key === 'actions' || col.key === 'cpu' || col.key === 'mem') {
            return (
              <Table.Th key={col.key} ta={col.align ?? 'left'}>
                {col.label}
              </Table.Th>
            );
          }
          const key = col.key;
          const active = sort.key === key;
          const Icon = !active ? IconSelector : sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
          return (
            <Table.Th key={key} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} p={0}>
              <UnstyledButton
                className={classes.sortButton}
                onClick={() => onSort(key)}
                data-testid={`vm-sort-${key}`}
                data-active={active || undefined}
              >
                <Group gap={4} wrap="nowrap" justify={col.align === 'right' ? 'flex-end' : 'flex-start'}>
                  <span>{col.label}</span>
                  <Icon size={14} stroke={1.8} className={classes.sortIcon} />
                </Group>
              </UnstyledButton>
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}
