import { Paper, Table } from '@mantine/core';
import type { Connection } from '../../../../shared/types';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import { ConnectionRow, type RowActions } from './ConnectionRow';

interface Props extends RowActions {
  connections: Connection[];
  pending: ReadonlySet<string>;
}

/** Every configured hypervisor connection, its live state and what can be done with it. */
export function ConnectionsTable({ connections, pending, ...actions }: Props) {
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'auto' }}>
      <Table layout="fixed" verticalSpacing={8} horizontalSpacing="md" highlightOnHover miw={1000} data-testid="connections-table">
        <Table.Thead className={tableClasses.head}>
          <Table.Tr>
            <Table.Th w="13%">Name</Table.Th>
            <Table.Th w="22%">URI</Table.Th>
            <Table.Th w={224}>State</Table.Th>
            <Table.Th w="13%">Host</Table.Th>
            <Table.Th>Last error</Table.Th>
            <Table.Th w={236} ta="right">
              Actions
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {connections.map((c) => (
            <ConnectionRow key={c.id} c={c} busy={pending.has(c.id)} actions={actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
