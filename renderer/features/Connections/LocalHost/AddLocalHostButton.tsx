/**
 * The first-run offer on a hypervisor: where the local libvirt socket exists
 * and no connection uses it yet, one click adds "This machine" and connects
 * it. Nothing is added without that click.
 */
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, invoke } from '../../../api';
import { upsertConnectionInCache } from '../cache-sync';
import { connectionQueries } from '../queries';

export function AddLocalHostButton({ onAdded }: { onAdded?: () => void }) {
  const client = useQueryClient();
  const local = useQuery(connectionQueries.localHost());
  const add = useMutation({
    mutationFn: () => invoke('connections.addLocal', {}),
    onSuccess: (c) => {
      upsertConnectionInCache(client, c);
      void client.invalidateQueries({ queryKey: connectionQueries.localHost().queryKey });
      notifications.show({ color: 'teal', title: 'This machine is connected', message: c.uri });
      onAdded?.();
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: 'Could not connect this machine', message: errorMessage(e), autoClose: 10_000 }),
  });

  if (!local.data || local.data.added) return null;
  return (
    <Stack gap={4} align="center">
      <Button
        leftSection={<IconDeviceDesktop size={16} />}
        onClick={() => add.mutate()}
        loading={add.isPending}
        data-testid="add-local-host"
      >
        Add and connect this machine
      </Button>
      <Text size="xs" c="dimmed" data-testid="local-host-hint">
        libvirt is running here: {local.data.uri}
      </Text>
    </Stack>
  );
}
