/** Every pool of the connected hosts: host, type, state, autostart, the usage bar and the health line. */
import { Anchor, Badge, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Pool } from '../../../../shared/contract/storage';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import { poolPath } from '../../../app/paths';
import { PoolActions } from '../PoolActions/PoolActions';
import { HealthLine, UsageBar } from '../PoolUsage/PoolUsage';

export const STATE_COLOR: Record<string, string> = {
  running: 'teal',
  inactive: 'gray',
  building: 'blue',
  degraded: 'orange',
  inaccessible: 'red',
  unknown: 'gray',
};

interface Props {
  pools: Pool[];
  readOnlyReason: (connectionId: string) => string | null;
}

export function PoolsTable({ pools, readOnlyReason }: Props) {
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'auto' }}>
      <Table layout="fixed" verticalSpacing={10} horizontalSpacing="sm" highlightOnHover miw={980} data-testid="pools-table">
        <Table.Thead className={tableClasses.head}>
          <Table.Tr>
            <Table.Th w="18%">Name</Table.Th>
            <Table.Th w="10%">Host</Table.Th>
            <Table.Th w={64}>Type</Table.Th>
            <Table.Th w={112}>State</Table.Th>
            <Table.Th w={82}>Autostart</Table.Th>
            <Table.Th w="21%">Usage</Table.Th>
            <Table.Th>Health</Table.Th>
            <Table.Th w={48} ta="right">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pools.map((p) => (
            <Table.Tr key={`${p.connectionId}/${p.name}`} data-testid={`pool-row-${p.name}`} data-host={p.connectionId}>
              <Table.Td>
                <Anchor
                  href={poolPath(p.connectionId, p.name)}
                  fw={500}
                  size="sm"
                  style={{ display: 'block' }}
                  truncate
                  data-testid="pool-link"
                >
                  {p.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate title={p.source ?? p.targetPath ?? undefined}>
                  {p.source ?? p.targetPath ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate>
                  {p.host}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" fz={13}>
                  {p.type}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATE_COLOR[p.state] ?? 'gray'} size="sm" data-testid="pool-state">
                  {p.state}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={p.autostart ? undefined : 'dimmed'} data-testid="pool-autostart-cell">
                  {p.autostart ? 'yes' : 'no'}
                </Text>
              </Table.Td>
              <Table.Td>
                <UsageBar pool={p} />
              </Table.Td>
              <Table.Td>
                <HealthLine pool={p} />
              </Table.Td>
              <Table.Td ta="right">
                <PoolActions pool={p} readOnly={readOnlyReason(p.connectionId)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
