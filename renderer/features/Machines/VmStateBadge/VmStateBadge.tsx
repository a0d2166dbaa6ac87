import { Badge, Loader } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleDashed,
  IconHourglass,
  IconMoon,
  IconPlayerPauseFilled,
  IconPlayerPlayFilled,
  IconPlayerStopFilled,
  type TablerIcon,
} from '@tabler/icons-react';
import type { VmState } from '../../../../shared/types';
import { vmStateLabel } from '../vm-state';

/** Colour and icon per state; no icon means "in transition" (a spinner). */
const LOOK: Record<VmState, { color: string; icon?: TablerIcon }> = {
  running: { color: 'teal', icon: IconPlayerPlayFilled },
  blocked: { color: 'cyan', icon: IconHourglass },
  paused: { color: 'yellow', icon: IconPlayerPauseFilled },
  shutdown: { color: 'orange' },
  shutoff: { color: 'gray', icon: IconPlayerStopFilled },
  crashed: { color: 'red', icon: IconAlertTriangle },
  pmsuspended: { color: 'violet', icon: IconMoon },
  nostate: { color: 'gray', icon: IconCircleDashed },
};

/** A VM's state with an icon; `data-state` carries libvirt's raw value. */
export function VmStateBadge({ state, testId }: { state: VmState; testId?: string }) {
  const { color, icon: Icon } = LOOK[state];
  return (
    <Badge
      color={color}
      variant="light"
      data-testid={testId}
      data-state={state}
      leftSection={Icon ? <Icon size={11} /> : <Loader size={10} color={color} />}
      styles={{ root: { textTransform: 'none', fontWeight: 600 } }}
    >
      {vmStateLabel(state)}
    </Badge>
  );
}
