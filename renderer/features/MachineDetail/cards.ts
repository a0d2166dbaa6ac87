/**
 * The machine page's cards, in order. Each lives in its own folder and takes
 * the machine's row; the VM workspace adds its cards here (overview, disks,
 * NICs, consoles, snapshots, XML).
 */
import type { ComponentType } from 'react';
import type { VmRowData } from '../Machines/use-vm-rows';
import { DisksCard } from './DisksCard/DisksCard';
import { InventoryCard } from './InventoryCard/InventoryCard';
import { MetricsCard } from './MetricsCard/MetricsCard';
import { NicsCard } from './NicsCard/NicsCard';
import { OverviewCard } from './OverviewCard/OverviewCard';
import { SnapshotsCard } from './SnapshotsCard/SnapshotsCard';
import { XmlCard } from './XmlCard/XmlCard';

export interface MachineCard {
  id: string;
  Card: ComponentType<{ row: VmRowData }>;
}

export const MACHINE_CARDS: readonly MachineCard[] = [
  { id: 'overview', Card: OverviewCard },
  { id: 'inventory', Card: InventoryCard },
  { id: 'disks', Card: DisksCard },
  { id: 'nics', Card: NicsCard },
  { id: 'snapshots', Card: SnapshotsCard },
  { id: 'metrics', Card: MetricsCard },
  { id: 'xml', Card: XmlCard },
];
