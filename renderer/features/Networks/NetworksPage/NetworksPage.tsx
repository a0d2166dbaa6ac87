/** Every connected host's virtual networks in one table (filter by host), with the create dialog and each network's actions. */
import { Alert, Anchor, Badge, Button, Group, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Network } from '../../../../shared/contract/networks';
import { errorMessage } from '../../../api';
import { networkPath } from '../../../app/paths';
import classes from '../../../components/DataTable/DataTable.module.css';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { CreateNetworkModal } from '../CreateNetworkModal/CreateNetworkModal';
import { NetworkActions } from '../NetworkActions/NetworkActions';
import { dhcpText, ipText, MODE_COLOR } from '../network-text';
import { networkQueries } from '../queries';

// A badge in a table cell would otherwise shrink to "ACT…" when the columns are tight.
const NO_SHRINK = { textTransform: 'none', minWidth: 'max-content' } as const;

export function StateBadge({ active }: { active: boolean }) {
  return (
    <Badge size="sm" variant="light" color={active ? 'teal' : 'gray'} style={NO_SHRINK} data-testid="network-state">
      {active ? 'active' : 'inactive'}
    </Badge>
  );
}

export function ModeBadge({ mode }: { mode: string }) {
  return (
    <Badge size="sm" variant="outline" color={MODE_COLOR[mode] ?? 'gray'} style={NO_SHRINK} data-testid="network-mode">
      {mode}
    </Badge>
  );
}

function Row({ n, host }: { n: Network; host: string }) {
  const ipv4 = n.ips.filter((ip) => ip.family === 'ipv4');
  const dhcp = dhcpText(n);
  return (
    <Table.Tr data-testid={`network-row-${n.name}`} data-host={n.connectionId}>
      <Table.Td>
        <Anchor href={networkPath(n.connectionId, n.name)} fw={500} size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="network-link">
          {n.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate>
          {host}
        </Text>
      </Table.Td>
      <Table.Td>
        <ModeBadge mode={n.mode} />
      </Table.Td>
      <Table.Td ff="monospace" fz="sm">
        {n.bridge ?? '—'}
      </Table.Td>
      <Table.Td ff="monospace" fz="sm">
        {ipv4.length > 0 ? ipv4.map(ipText).join(', ') : '—'}
      </Table.Td>
      <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }} data-testid="network-dhcp">
        {dhcp ?? '—'}
      </Table.Td>
      <Table.Td>
        <StateBadge active={n.active} />
      </Table.Td>
      {/* A transient network has no autostart: it is gone once stopped. */}
      <Table.Td fz="sm">{n.persistent ? (n.autostart ? 'yes' : 'no') : 'transient'}</Table.Td>
      <Table.Td>
        <NetworkActions network={n} />
      </Table.Td>
    </Table.Tr>
  );
}

export function NetworksPage() {
  const connections = useQuery(connectionQueries.list());
  const list = useQuery(networkQueries.list());
  const [host, setHost] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const connected = (connections.data ?? []).filter((c) => c.state === 'connected');
  const writable = connected.filter((c) => !c.readOnly);
  const nameOf = (id: string) => connections.data?.find((c) => c.id === id)?.name ?? id;
  const needle = text.trim().toLowerCase();
  const rows = (list.data ?? [])
    .filter((n) => host === null || n.connectionId === host)
    .filter((n) => !needle || n.name.toLowerCase().includes(needle) || (n.bridge ?? '').toLowerCase().includes(needle))
    .sort((a, b) => nameOf(a.connectionId).localeCompare(nameOf(b.connectionId)) || a.name.localeCompare(b.name));
  const total = list.data?.length ?? 0;

  return (
    <Stack gap="md" flex={1} mih={0} data-testid="networks-page">
      <PageHeader
        title="Networks"
        description={
          <span data-testid="network-count" data-total={total}>
            Virtual networks of {connected.length} connected host{connected.length === 1 ? '' : 's'}: {total} in all
          </span>
        }
      >
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setCreating(true)}
          disabled={writable.length === 0}
          title={writable.length === 0 ? 'Connect a host (not read-only) first' : undefined}
          data-testid="network-create"
        >
          New network
        </Button>
      </PageHeader>
      <Group gap="sm" align="flex-end">
        <TextInput
          placeholder="Filter by name or bridge…"
          aria-label="Filter networks"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={260}
          data-testid="network-filter"
        />
        <Select
          placeholder="Every host"
          aria-label="Host"
          clearable
          data={connected.map((c) => ({ value: c.id, label: c.name }))}
          value={host}
          onChange={setHost}
          w={200}
          data-testid="network-host-filter"
        />
      </Group>
      {list.isError && (
        <Alert color="red" title="Could not list the networks">
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.isPending ? (
        <Skeleton h={200} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6} highlightOnHover data-testid="network-table">
            <Table.Thead className={classes.head}>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Host</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Bridge</Table.Th>
                <Table.Th>IPv4</Table.Th>
                <Table.Th>DHCP range</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Autostart</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((n) => (
                <Row key={`${n.connectionId}/${n.name}`} n={n} host={nameOf(n.connectionId)} />
              ))}
            </Table.Tbody>
          </Table>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="lg" data-testid="network-empty">
              {connected.length === 0 ? 'No host is connected: connect one to see its networks.' : 'No networks match.'}
            </Text>
          )}
        </Table.ScrollContainer>
      )}
      {creating && (
        <CreateNetworkModal
          hosts={writable}
          initialHost={host}
          onClose={() => setCreating(false)}
          // Back to the table, where the new row shows up (networks.changed re-reads it).
          onCreated={() => setCreating(false)}
        />
      )}
    </Stack>
  );
}
