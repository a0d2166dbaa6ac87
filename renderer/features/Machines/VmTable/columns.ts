import type { SortKey } from '../use-vm-rows';

export interface Column {
  key: SortKey | 'actions';
  label: string;
  width?: number | string;
  align?: 'left' | 'right';
}

/** Fixed layout: widths never jump as virtualized rows come and go. */
export const COLUMNS: Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'host', label: 'Host', width: '22%' },
  { key: 'state', label: 'State', width: 150 },
  { key: 'vcpus', label: 'vCPUs', width: 90, align: 'right' },
  { key: 'memory', label: 'Memory', width: 120, align: 'right' },
  { key: 'actions', label: 'Actions', width: 190, align: 'right' },
];

export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 36;
