/**
 * The machine page's cards, in order. Each lives in its own folder and takes
 * the machine's row; the VM workspace adds its cards here (overview, disks,
 * NICs, consoles, snapshots, XML).
 */
import type { ComponentType } from 'react';
import type { VmRowData } from '../Machines/use-vm-rows';
import { MetricsCard } from './MetricsCard/MetricsCard';
import { SummaryCard } from './SummaryCard/SummaryCard';

export interface MachineCard {
  id: string;
  Card: ComponentType<{ row: VmRowData }>;
}

export const MACHINE_CARDS: readonly MachineCard[] = [
  { id: 'summary', Card: SummaryCard },
  { id: 'metrics', Card: MetricsCard },
];
