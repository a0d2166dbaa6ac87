import { Badge, Loader } from '@mantine/core';
import type { ConnectionState } from '../../../../shared/types';

const LOOK: Record<ConnectionState, { color: string; label: string; busy?: boolean }> = {
  disconnected: { color: 'gray', label: 'disconnected' },
  connecting: { color: 'blue', label: 'connecting', busy: true },
  connected: { color: 'teal', label: 'connected' },
  lost: { color: 'orange', label: 'link lost' },
  reconnecting: { color: 'yellow', label: 'reconnecting', busy: true },
  failed: { color: 'red', label: 'failed' },
};

/** A connection's state as a coloured badge; `data-state` carries the raw value. */
export function ConnectionStateBadge({ state, testId }: { state: ConnectionState; testId?: string }) {
  const look = LOOK[state];
  return (
    <Badge
      color={look.color}
      variant="light"
      data-testid={testId}
      data-state={state}
      leftSection={look.busy ? <Loader size={10} color={look.color} /> : undefined}
      styles={{ root: { textTransform: 'none' } }}
    >
      {look.label}
    </Badge>
  );
}
