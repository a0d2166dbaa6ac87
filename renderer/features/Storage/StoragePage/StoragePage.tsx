/** The Storage area: every connected host's pools in one table, filtered by host and name; creating a pool. */
import { Alert, Anchor, Button, Center, EmptyState, Select, Skeleton, Stack, TextInput } from '@mantine/core';
import { IconDatabaseOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../api';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { readOnlyReason } from '../../Machines/read-only';
import { CreatePoolModal } from '../CreatePoolModal/CreatePoolModal';
import { PoolsTable } from '../PoolsTable/PoolsTable';
import { storageQueries } from '../queries';

const ALL = '__all__';

export function StoragePage() {
  const connections = useQuery(connectionQueries.list());
  const pools = useQuery(storageQueries.pools());
  const [host, setHost] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);

  const connected = useMemo(() => (connections.data ?? []).filter((c) => c.state === 'connected'), [connections.data]);
  const writable = connected.filter((c) => !c.readOnly);
  const reasonOf = (id: string) => {
    const c = connections.data?.find((x) => x.id === id);
    return c?.readOnly ? readOnlyReason(c.name) : null;
  };
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (pools.data ?? []).filter(
      (p) => (host === ALL || p.connectionId === host) && (!q || p.name.toLowerCase().includes(q) || p.type.includes(q)),
    );
  }, [pools.data, host, search]);

  return (
    <Stack gap="md" data-testid="storage-page">
      <PageHeader title="Storage" description="Storage pools of every connected host: capacity, health, and their volumes.">
        <Select
          aria-label="Host"
          data={[{ value: ALL, label: 'All hosts' }, ...connected.map((c) => ({ value: c.id, label: c.name }))]}
          value={host}
          onChange={(v) => setHost(v ?? ALL)}
          allowDeselect={false}
          w={180}
          data-testid="storage-host-filter"
        />
        <TextInput
          aria-label="Filter pools"
          placeholder="Filter pools"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
          data-testid="storage-search"
        />
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setCreating(true)}
          disabled={writable.length === 0}
          title={writable.length === 0 ? 'Connect a host (not read-only) to create a pool' : undefined}
          data-testid="pool-create-open"
        >
          Create pool
        </Button>
      </PageHeader>
      {pools.isPending && <Skeleton h={200} />}
      {pools.isError && (
        <Alert color="red" variant="light" title="Could not list the storage pools">
          {errorMessage(pools.error)}
        </Alert>
      )}
      {pools.data && connected.length === 0 && (
        <Center mih={280}>
          <EmptyState
            variant="light"
            icon={<IconDatabaseOff size={28} stroke={1.5} />}
            title="No host connected"
            description={
              <>
                Connect a host in <Anchor href="#/connections">Connections</Anchor> to see its storage.
              </>
            }
          />
        </Center>
      )}
      {pools.data && connected.length > 0 && shown.length === 0 && (
        <Center mih={200} data-testid="storage-empty">
          <EmptyState
            variant="light"
            icon={<IconDatabaseOff size={28} stroke={1.5} />}
            title={pools.data.length === 0 ? 'No storage pools' : 'No pool matches'}
            description={pools.data.length === 0 ? 'Create one to hold machine disks and images.' : 'Change the host or the filter.'}
          />
        </Center>
      )}
      {shown.length > 0 && <PoolsTable pools={shown} readOnlyReason={reasonOf} />}
      {creating && (
        <CreatePoolModal
          hosts={writable.map((c) => ({ id: c.id, name: c.name }))}
          defaultHost={host !== ALL && writable.some((c) => c.id === host) ? host : writable[0]?.id}
          onClose={() => setCreating(false)}
        />
      )}
    </Stack>
  );
}
