/**
 * One network's page (#/networks/<connectionId>/<name>): its facts and
 * actions, the DHCP lease table with the machine holding each lease (a link to
 * its page), and the machines with a NIC on it.
 */
import { Alert, Anchor, Badge, Breadcrumbs, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { NetworkDetail } from '../../../../shared/contract/networks';
import { errorMessage, isApiError } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import classes from '../../../components/DataTable/DataTable.module.css';
import { connectionQueries } from '../../Connections/queries';
import { NetworkActions } from '../NetworkActions/NetworkActions';
import { ModeBadge, StateBadge } from '../NetworksPage/NetworksPage';
import { dhcpText, expiryText, ipText } from '../network-text';
import { networkQueries } from '../queries';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

function Facts({ n }: { n: NetworkDetail }) {
  const ipv4 = n.ips.filter((ip) => ip.family === 'ipv4');
  return (
    <Card withBorder padding="md" data-testid="network-facts">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm">
        <Fact label="Mode">
          <ModeBadge mode={n.mode} />
        </Fact>
        <Fact label="State">
          <StateBadge active={n.active} />
        </Fact>
        <Fact label="Bridge">
          <Text span ff="monospace" size="sm">
            {n.bridge ?? '—'}
          </Text>
        </Fact>
        <Fact label="Autostart">{n.persistent ? (n.autostart ? 'yes' : 'no') : 'transient'}</Fact>
        <Fact label="IPv4" testId="network-ipv4">
          <Text span ff="monospace" size="sm">
            {ipv4.length > 0 ? ipv4.map(ipText).join(', ') : 'none (no address on the host)'}
          </Text>
        </Fact>
        <Fact label="DHCP range" testId="network-dhcp-range">
          <Text span ff="monospace" size="sm">
            {dhcpText(n) ?? 'none'}
          </Text>
        </Fact>
        <Fact label="Machines attached">{n.attached.length}</Fact>
        <Fact label="UUID">
          <Text span ff="monospace" size="xs">
            {n.uuid}
          </Text>
        </Fact>
      </SimpleGrid>
    </Card>
  );
}

function MachineLink({ connectionId, uuid, name, testId }: { connectionId: string; uuid: string; name: string; testId: string }) {
  return (
    <Anchor href={machinePath(connectionId, uuid)} size="sm" fw={500} data-testid={testId}>
      {name}
    </Anchor>
  );
}

function Leases({ n }: { n: NetworkDetail }) {
  return (
    <Card withBorder padding="md" data-testid="network-leases">
      <Group justify="space-between" mb="xs">
        <Title order={4} fz="md">
          DHCP leases
        </Title>
        <Badge variant="light" color="gray" data-testid="network-lease-count" data-count={n.leases.length}>
          {n.leases.length}
        </Badge>
      </Group>
      {n.leases.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="network-leases-empty">
          {!n.leasesSupported
            ? "This host's driver keeps no DHCP lease table."
            : !n.active
              ? 'The network is not running: no DHCP server, no leases.'
              : dhcpText(n)
                ? 'No guest holds a lease right now.'
                : 'This network hands out no addresses (no DHCP range).'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} data-testid="lease-table">
            <Table.Thead className={classes.head}>
              <Table.Tr>
                <Table.Th>Machine</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>MAC</Table.Th>
                <Table.Th>Hostname</Table.Th>
                <Table.Th>Expires</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {n.leases.map((l) => (
                <Table.Tr key={`${l.mac}-${l.ip}`} data-testid={`lease-row-${l.mac ?? l.ip}`}>
                  <Table.Td>
                    {l.machine ? (
                      <MachineLink connectionId={n.connectionId} uuid={l.machine.uuid} name={l.machine.name} testId="lease-machine" />
                    ) : (
                      <Text size="sm" c="dimmed">
                        no machine here has this MAC
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm" data-testid="lease-ip">
                    {l.ip}/{l.prefix}
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {l.mac ?? '—'}
                  </Table.Td>
                  <Table.Td fz="sm">{l.hostname ?? '—'}</Table.Td>
                  <Table.Td fz="sm" className={classes.num}>
                    {expiryText(l.expiresAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function Attached({ n }: { n: NetworkDetail }) {
  return (
    <Card withBorder padding="md" data-testid="network-attached">
      <Title order={4} fz="md" mb="xs">
        Machines on this network
      </Title>
      {n.attached.length === 0 ? (
        <Text size="sm" c="dimmed">
          No machine has a NIC on it.
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead className={classes.head}>
            <Table.Tr>
              <Table.Th>Machine</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>MAC addresses</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {n.attached.map((m) => (
              <Table.Tr key={m.uuid} data-testid={`attached-row-${m.name}`}>
                <Table.Td>
                  <MachineLink connectionId={n.connectionId} uuid={m.uuid} name={m.name} testId="attached-machine" />
                </Table.Td>
                <Table.Td fz="sm">{m.state}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {m.macs.join(', ') || '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function NetworkDetailPage({ connectionId, name }: { connectionId: string; name: string }) {
  const connections = useQuery(connectionQueries.list());
  const detail = useQuery(networkQueries.detail(connectionId, name));
  const host = connections.data?.find((c) => c.id === connectionId)?.name ?? connectionId;
  const n = detail.data;
  return (
    <Stack gap="md" data-testid="network-page" data-network={name}>
      <Breadcrumbs>
        <Anchor href="#/networks" size="sm">
          Networks
        </Anchor>
        <Text size="sm">{host}</Text>
      </Breadcrumbs>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} fz="h3" data-testid="network-title">
          {name}
        </Title>
        {n && <NetworkActions network={n} asButton onDeleted={() => go('#/networks')} />}
      </Group>
      {detail.isError && (
        <Alert
          color={isApiError(detail.error, 'not-found') ? 'yellow' : 'red'}
          title={`Could not read ${name}`}
          data-testid="network-error"
        >
          {errorMessage(detail.error)}
        </Alert>
      )}
      {detail.isPending && <Skeleton h={260} />}
      {n && (
        <>
          <Facts n={n} />
          <Leases n={n} />
          <Attached n={n} />
        </>
      )}
    </Stack>
  );
}
