/** An alert's severity and state as coloured badges; `data-state`/`data-severity` carry the raw values. */
import { Badge } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { AlertState, Severity } from '../../../../shared/contract/alerts';

const SEVERITY: Record<Severity, { color: string; icon: typeof IconInfoCircle }> = {
  info: { color: 'blue', icon: IconInfoCircle },
  warning: { color: 'orange', icon: IconAlertTriangle },
  critical: { color: 'red', icon: IconAlertOctagon },
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { color, icon: Icon } = SEVERITY[severity];
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={11} />} data-severity={severity} style={{ textTransform: 'none' }}>
      {severity}
    </Badge>
  );
}

const STATE: Record<AlertState, { color: string; variant: 'filled' | 'light' | 'outline' }> = {
  pending: { color: 'yellow', variant: 'light' },
  firing: { color: 'red', variant: 'filled' },
  resolved: { color: 'teal', variant: 'light' },
};

export function AlertStateBadge({ state, testId }: { state: AlertState; testId?: string }) {
  const look = STATE[state];
  return (
    <Badge color={look.color} variant={look.variant} data-state={state} data-testid={testId} style={{ textTransform: 'none' }}>
      {state}
    </Badge>
  );
}
