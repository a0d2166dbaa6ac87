import { Alert, Button, Center, EmptyState, Skeleton, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Connection } from '../../../../shared/types';
import { errorMessage } from '../../../api';
import { connectionQueries } from '../queries';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { useConnectFlow } from '../ConnectFlow/use-connect-flow';
import { ConnectionFormModal } from '../ConnectionForm/ConnectionFormModal';
import { ConnectionsTable } from '../ConnectionsTable/ConnectionsTable';
import { AddLocalHostButton } from '../LocalHost/AddLocalHostButton';
import { useDisconnect, useRemoveConnection } from '../mutations';

type Editing = { connection?: Connection } | null;

export function ConnectionsPage() {
  const list = useQuery(connectionQueries.list());
  const flow = useConnectFlow();
  const disconnect = useDisconnect();
  const remove = useRemoveConnection();
  const [editing, setEditing] = useState<Editing>(null);

  const pending = useMemo(() => {
    const s = new Set(flow.pending);
    if (disconnect.isPending && disconnect.variables) s.add(disconnect.variables);
    return s;
  }, [flow.pending, disconnect.isPending, disconnect.variables]);

  const fail = (title: string) => (e: unknown) => notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 10_000 });

  const confirmRemove = (c: Connection) =>
    modals.openConfirmModal({
      title: <Text fw={600}>Remove {c.name}?</Text>,
      children: (
        <Text size="sm">
          NovaCron forgets this connection: its URI, key file path and any stored secret. The machines on the host are not touched, and you
          can add the connection again later.
        </Text>
      ),
      labels: { confirm: 'Remove', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () => remove.mutate(c.id, { onError: fail(`Could not remove ${c.name}`) }),
    });

  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})} data-testid="add-connection">
      Add connection
    </Button>
  );

  return (
    <Stack gap="md">
      <PageHeader title="Connections" description="The libvirt hosts NovaCron manages: local, over SSH, or test drivers.">
        {add}
      </PageHeader>
      {list.isPending && <Skeleton h={160} />}
      {list.isError && (
        <Alert color="red" title="Could not load connections">
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.data && list.data.length === 0 && (
        <Center mih={320}>
          <EmptyState
            variant="light"
            icon={<IconPlugConnected size={28} stroke={1.5} />}
            title="No connections yet"
            description="Add a libvirt host by URI (qemu+ssh://root@kvm01/system) or by host name, user and key file."
          >
            <EmptyState.Actions>
              <AddLocalHostButton />
            </EmptyState.Actions>
          </EmptyState>
        </Center>
      )}
      {list.data && list.data.length > 0 && (
        <ConnectionsTable
          connections={list.data}
          pending={pending}
          onConnect={flow.connect}
          onDisconnect={(c) => disconnect.mutate(c.id, { onError: fail(`Could not disconnect ${c.name}`) })}
          onEdit={(c) => setEditing({ connection: c })}
          onRemove={confirmRemove}
        />
      )}
      {editing && (
        <ConnectionFormModal
          connection={editing.connection}
          onClose={() => setEditing(null)}
          onSaved={(c) =>
            notifications.show({
              color: 'teal',
              title: editing.connection ? 'Connection saved' : 'Connection added',
              message: `${c.name} — ${c.uri}`,
            })
          }
        />
      )}
      {flow.element}
    </Stack>
  );
}
