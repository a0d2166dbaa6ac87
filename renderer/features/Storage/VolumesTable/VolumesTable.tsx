/** A pool's volumes: format, capacity, allocation, the machines using each (linked), and per-row actions. */
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowsDiagonal, IconCopy, IconDots, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Volume } from '../../../../shared/contract/storage';
import tableClasses from '../../../components/DataTable/DataTable.module.css';
import { machinePath } from '../../../app/paths';
import { formatBytes, percent } from '../format';

export type VolumeAction = 'resize' | 'clone' | 'delete';

interface Props {
  connectionId: string;
  volumes: Volume[];
  readOnly: string | null;
  onAction: (action: VolumeAction, v: Volume) => void;
  /** Extra per-row actions (the download button, when the transfer feature provides it). */
  rowExtra?: (v: Volume) => ReactNode;
}

function UsedBy({ connectionId, v }: { connectionId: string; v: Volume }) {
  if (v.usedBy.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="wrap" data-testid="volume-users">
      {v.usedBy.map((u) => (
        <Tooltip
          key={`${u.uuid}/${u.target}/${u.via ?? ''}`}
          label={u.via ? `as ${u.target}, through the overlay ${u.via}` : `as ${u.target}`}
        >
          <Anchor href={machinePath(connectionId, u.uuid)} size="sm" data-testid="volume-user">
            {u.name}
            <Text span size="xs" c="dimmed">
              {' '}
              {u.target}
              {u.via ? ' (via overlay)' : ''}
            </Text>
          </Anchor>
        </Tooltip>
      ))}
    </Group>
  );
}

export function VolumesTable({ connectionId, volumes, readOnly, onAction, rowExtra }: Props) {
  return (
    <Paper withBorder radius="sm" style={{ overflow: 'auto' }}>
      <Table layout="fixed" verticalSpacing={8} horizontalSpacing="md" highlightOnHover miw={960} data-testid="volumes-table">
        <Table.Thead className={tableClasses.head}>
          <Table.Tr>
            <Table.Th w="28%">Name</Table.Th>
            <Table.Th w={100}>Format</Table.Th>
            <Table.Th w={110} ta="right">
              Capacity
            </Table.Th>
            <Table.Th w={150} ta="right">
              Allocation
            </Table.Th>
            <Table.Th>Used by</Table.Th>
            <Table.Th w={rowExtra ? 96 : 56} ta="right">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {volumes.map((v) => (
            <Table.Tr key={v.key} data-testid={`volume-row-${v.name}`}>
              <Table.Td>
                <Text size="sm" fw={500} truncate title={v.name}>
                  {v.name}
                </Text>
                <Text size="xs" c="dimmed" truncate title={v.backingPath ? `overlay of ${v.backingPath}` : v.path}>
                  {v.backingPath ? `overlay of ${v.backingPath.split('/').pop()}` : v.path}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color="gray" size="sm" radius="sm" data-testid="volume-format">
                  {v.format || v.type}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" className={tableClasses.num} data-testid="volume-capacity" data-bytes={v.capacity}>
                {formatBytes(v.capacity)}
              </Table.Td>
              <Table.Td ta="right" className={tableClasses.num} data-testid="volume-allocation">
                {formatBytes(v.allocation)}
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({Math.round(percent(v.allocation, v.capacity))}%)
                </Text>
              </Table.Td>
              <Table.Td>
                <UsedBy connectionId={connectionId} v={v} />
              </Table.Td>
              <Table.Td ta="right">
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {rowExtra?.(v)}
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Actions for volume ${v.name}`}
                        data-testid={`volume-actions-${v.name}`}
                      >
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconArrowsDiagonal size={14} />}
                        disabled={!!readOnly}
                        onClick={() => onAction('resize', v)}
                        data-testid="volume-resize"
                      >
                        Resize…
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<IconCopy size={14} />}
                        disabled={!!readOnly}
                        onClick={() => onAction('clone', v)}
                        data-testid="volume-clone"
                      >
                        Clone…
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item
                        color="red"
                        leftSection={<IconTrash size={14} />}
                        disabled={!!readOnly}
                        onClick={() => onAction('delete', v)}
                        data-testid="volume-delete"
                      >
                        Delete…
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
