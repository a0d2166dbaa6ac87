/** A host's maintenance: the badge (host header, Connections row) and the switch on its page (hosts.setMaintenance). */
import { Badge, Switch, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTool } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Connection } from '../../../../shared/types';
import { errorMessage, invoke } from '../../../api';
import { upsertConnectionInCache } from '../../Connections/cache-sync';

export const MAINTENANCE_HINT =
  'In maintenance NovaCron starts nothing new here: no start, create or migration to it. What runs keeps running.';

export function MaintenanceBadge({ connection, testId }: { connection: Pick<Connection, 'maintenance'>; testId?: string }) {
  if (!connection.maintenance) return null;
  return (
    <Tooltip label={MAINTENANCE_HINT} multiline w={280}>
      <Badge
        color="orange"
        variant="light"
        leftSection={<IconTool size={12} />}
        style={{ textTransform: 'none', flexShrink: 0 }}
        data-testid={testId}
      >
        Maintenance
      </Badge>
    </Tooltip>
  );
}

export function MaintenanceSwitch({ connection }: { connection: Connection }) {
  const client = useQueryClient();
  // What the user just asked, shown at once until the answer (or its failure) settles it.
  const [asked, setAsked] = useState<boolean | null>(null);
  const set = useMutation({
    mutationFn: (maintenance: boolean) => invoke('hosts.setMaintenance', { connectionId: connection.id, maintenance }),
    // The answer is only ok: the record's change is written the way its connection.changed event will be.
    onSuccess: (_ok, maintenance) => upsertConnectionInCache(client, { ...connection, maintenance }),
    onError: (e) => notifications.show({ color: 'red', title: `Maintenance of ${connection.name} not changed`, message: errorMessage(e) }),
    onSettled: () => setAsked(null),
  });
  return (
    <Tooltip label={MAINTENANCE_HINT} multiline w={280} openDelay={400}>
      <Switch
        label="Maintenance"
        color="orange"
        checked={asked ?? connection.maintenance}
        disabled={asked !== null}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setAsked(next);
          set.mutate(next);
        }}
        data-testid="host-maintenance-switch"
      />
    </Tooltip>
  );
}
