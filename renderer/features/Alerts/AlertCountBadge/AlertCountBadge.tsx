/** The nav's count of alerts that need someone: firing and not acknowledged (red), else pending (yellow). */
import { Badge, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { alertQueries } from '../queries';

export function AlertCountBadge() {
  const alerts = useQuery({ ...alertQueries.list(), retry: false });
  const list = alerts.data ?? [];
  const firing = list.filter((a) => a.state === 'firing' && !a.acknowledged).length;
  const pending = list.filter((a) => a.state === 'pending').length;
  if (firing === 0 && pending === 0) return null;
  const label = [firing && `${firing} firing`, pending && `${pending} pending`].filter(Boolean).join(', ');
  return (
    <Tooltip label={label}>
      <Badge
        size="sm"
        circle={firing + pending < 10}
        color={firing > 0 ? 'red' : 'yellow'}
        variant="filled"
        data-testid="alert-count"
        data-firing={firing}
        data-pending={pending}
        aria-label={label}
      >
        {firing > 0 ? firing : pending}
      </Badge>
    </Tooltip>
  );
}
