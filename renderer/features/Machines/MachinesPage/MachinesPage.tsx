import { Alert, Button, Center, CloseButton, EmptyState, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected, IconSearch, IconServer2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { errorMessage } from '../../../api';
import { AddLocalHostButton } from '../../Connections/LocalHost/AddLocalHostButton';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../queries';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { numberFormat } from '../format';
import { useVmRows, type Sort, type SortKey } from '../use-vm-rows';
import { VmTable } from '../VmTable/VmTable';

/** Every VM on every connected host, in one fast table. */
export function MachinesPage({ onOpenConnections }: { onOpenConnections: () => void }) {
  const vms = useQuery(vmQueries.list());
  const connections = useQuery(connectionQueries.list());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const deferredFilter = useDeferredValue(filter);
  const { rows, total } = useVmRows(vms.data, connections.data, deferredFilter, sort);

  const connected = (connections.data ?? []).filter((c) => c.state === 'connected').length;
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  const count =
    rows.length === total
      ? `${numberFormat.format(total)} machines`
      : `${numberFormat.format(rows.length)} of ${numberFormat.format(total)} machines`;
  const hosts = `on ${connected} connected host${connected === 1 ? '' : 's'}`;

  const filterBox = (
    <TextInput
      placeholder="Filter by name, host or state"
      aria-label="Filter machines"
      leftSection={<IconSearch size={16} />}
      rightSection={filter ? <CloseButton size="sm" aria-label="Clear filter" onClick={() => setFilter('')} /> : undefined}
      value={filter}
      onChange={(e) => setFilter(e.currentTarget.value)}
      w={320}
      data-testid="vm-filter"
    />
  );

  let body;
  if (vms.isPending || connections.isPending) body = <Skeleton flex={1} />;
  else if (vms.isError)
    body = (
      <Alert color="red" title="Could not load machines">
        {errorMessage(vms.error)}
      </Alert>
    );
  else if (connected === 0 && total === 0)
    body = (
      <Center flex={1}>
        <EmptyState
          variant="light"
          icon={<IconPlugConnected size={28} stroke={1.5} />}
          title="No host connected"
          description="Machines appear here once NovaCron is connected to at least one libvirt host."
        >
          <EmptyState.Actions>
            <Stack gap="sm" align="center">
              <AddLocalHostButton />
              <Button variant="default" onClick={onOpenConnections} data-testid="machines-open-connections">
                Open Connections
              </Button>
            </Stack>
          </EmptyState.Actions>
        </EmptyState>
      </Center>
    );
  else if (total === 0)
    body = (
      <Center flex={1}>
        <EmptyState
          icon={<IconServer2 size={28} stroke={1.5} />}
          title="No machines"
          description="The connected hosts have no virtual machines defined."
        />
      </Center>
    );
  else body = <VmTable rows={rows} sort={sort} onSort={onSort} />;

  return (
    <Stack gap="md" flex={1} mih={0}>
      <PageHeader
        title="Machines"
        description={
          <>
            <span data-testid="vm-count" data-count={rows.length} data-total={total}>
              {count}
            </span>{' '}
            {hosts}
          </>
        }
      >
        {filterBox}
      </PageHeader>
      {body}
      {total > 0 && rows.length === 0 && (
        <Text size="sm" c="dimmed" ta="center">
          No machine matches “{filter}”.
        </Text>
      )}
    </Stack>
  );
}
