import { Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Sort, SortKey, VmRowData } from '../use-vm-rows';
import { COLUMNS, HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import { useRowKeyboard } from './use-row-keyboard';
import { VmRow } from './VmRow';
import { VmTableHead } from './VmTableHead';
import classes from './VmTable.module.css';

/** Which rows are selected (by row key) and how a click or Space changes that. */
export interface Selection {
  selected: ReadonlySet<string>;
  /** Stable across renders (memoised rows keep it). */
  toggle: (index: number, range: boolean) => void;
  toggleAll: () => void;
}

interface Props {
  rows: VmRowData[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  selection: Selection;
  /** Ids of read-only connections: their rows show no actions. */
  readOnly: ReadonlySet<string>;
}

/**
 * Thousands of VMs in a plain Mantine table: only the rows in view (plus a
 * few) are in the DOM; spacer rows above and below keep the scroll height.
 */
export function VmTable({ rows, sort, onSort, selection, readOnly }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // Rows start below the sticky header; scrolling to a row keeps it clear of the header.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (i) => rows[i]?.key ?? i,
    // Scroll updates go through React's normal batching: no flushSync from inside a render.
    useFlushSync: false,
  });
  const { focusIndex, onKeyDown, onFocusRow } = useRowKeyboard(rows.length, virtualizer, scrollRef);
  const items = virtualizer.getVirtualItems();
  const top = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div ref={scrollRef} className={classes.scroll} data-testid="vm-table-scroll">
      <Table
        stickyHeader
        layout="fixed"
        highlightOnHover
        verticalSpacing={0}
        horizontalSpacing="md"
        className={classes.table}
        aria-label="Virtual machines"
        aria-rowcount={rows.length + 1}
        data-testid="vm-table"
      >
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={c.width !== undefined ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <VmTableHead
          sort={sort}
          onSort={onSort}
          selected={rows.length > 0 && selection.selected.size >= rows.length ? 'all' : selection.selected.size > 0 ? 'some' : 'none'}
          onToggleAll={selection.toggleAll}
        />
        <Table.Tbody onKeyDown={onKeyDown}>
          {top > 0 && (
            <tr aria-hidden className={classes.spacer}>
              <td colSpan={COLUMNS.length} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <VmRow
                key={row.key}
                row={row}
                index={item.index}
                focused={item.index === focusIndex}
                selected={selection.selected.has(row.key)}
                readOnly={readOnly.has(row.connectionId)}
                onFocusRow={onFocusRow}
                onToggle={selection.toggle}
              />
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden className={classes.spacer}>
              <td colSpan={COLUMNS.length} style={{ height: bottom }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
