/** The machine's disks: target, bus, source volume and pool, format, capacity, allocation; add, remove, change media. */
import { ActionIcon, Badge, Checkbox, Group, Menu, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDisc, IconDots, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { VmDisk } from '../../../../shared/contract/vm-details';
import { invoke } from '../../../api';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { DeviceCard, formatBytes, useMachineMutation } from '../parts';
import { detailQueries } from '../queries';
import { AddDiskModal } from './AddDiskModal';

const WHERE = { live: 'on the running machine', config: 'from the next boot', both: 'now and from the next boot' } as const;

export function DisksCard({ row }: { row: VmRowData }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const details = useQuery(detailQueries.details(row.connectionId, row.uuid));
  const readOnly = useReadOnly(row.connectionId);
  const [adding, setAdding] = useState(false);
  const detach = useMachineMutation(
    target,
    'Removing the disk',
    (i: { target: string; deleteVolume: boolean }) => invoke('vms.detachDisk', { ...target, ...i }),
    (out, i) =>
      notifications.show({
        color: 'teal',
        title: `Disk ${i.target} removed ${WHERE[out.applied]}`,
        message: [out.reason, out.deletedVolume ? `Deleted ${out.deletedVolume}.` : ''].filter(Boolean).join(' '),
      }),
  );
  const media = useMachineMutation(
    target,
    'Changing the medium',
    (i: { target: string; path: string | null }) => invoke('vms.changeMedia', { ...target, ...i }),
    (out, i) =>
      notifications.show({
        color: 'teal',
        title: i.path ? `Medium inserted in ${out.target}` : `${out.target} ejected`,
        message: out.reason,
      }),
  );

  const confirmRemove = (disk: VmDisk) => {
    let deleteVolume = false;
    modals.openConfirmModal({
      title: (
        <Text fw={600}>
          Remove disk {disk.target} from {row.name}?
        </Text>
      ),
      children: (
        <Stack gap="sm">
          <Text size="sm">
            The disk is detached from {row.name}
            {disk.source ? (
              <>
                {' '}
                (<code>{disk.source}</code>)
              </>
            ) : null}
            . Its storage is kept unless you tick the box.
          </Text>
          {disk.volume && disk.pool && disk.device === 'disk' && (
            <Checkbox
              label={`Also delete the volume ${disk.volume} in pool ${disk.pool}`}
              onChange={(e) => (deleteVolume = e.currentTarget.checked)}
              data-testid="disk-remove-delete-volume"
            />
          )}
        </Stack>
      ),
      labels: { confirm: 'Remove disk', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      onConfirm: () => detach.mutate({ target: disk.target, deleteVolume }),
    });
  };

  const askMedia = (disk: VmDisk) => {
    let path = '';
    modals.openConfirmModal({
      title: <Text fw={600}>Insert a medium in {disk.target}</Text>,
      children: (
        <TextInput
          label="ISO image path on the host"
          placeholder="/var/lib/libvirt/images/debian.iso"
          onChange={(e) => (path = e.currentTarget.value)}
          data-autofocus
          data-testid="media-path"
        />
      ),
      labels: { confirm: 'Insert', cancel: 'Cancel' },
      confirmProps: { 'data-testid': 'confirm-action' },
      onConfirm: () => media.mutate({ target: disk.target, path: path.trim() }),
    });
  };

  const d = details.data;
  return (
    <DeviceCard
      title="Disks"
      testId="machine-disks"
      readOnly={readOnly}
      add={{ label: 'Add disk', testId: 'disk-add', onClick: () => setAdding(true) }}
      details={details}
      skeletonHeight={60}
      count={d?.disks.length}
      emptyText="No disks."
      table={{
        minWidth: 720,
        testId: 'disk-table',
        head: (
          <>
            <Table.Th>Target</Table.Th>
            <Table.Th>Bus</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Format</Table.Th>
            <Table.Th ta="right">Capacity</Table.Th>
            <Table.Th ta="right">Allocation</Table.Th>
          </>
        ),
      }}
      modal={adding && <AddDiskModal row={row} onClose={() => setAdding(false)} />}
    >
      {d?.disks.map((disk) => (
        <Table.Tr key={disk.target} data-testid={`disk-row-${disk.target}`}>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" ff="monospace">
                {disk.target}
              </Text>
              {disk.device !== 'disk' && (
                <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                  {disk.device}
                </Badge>
              )}
              {disk.readonly && (
                <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                  read-only
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>{disk.bus ?? '—'}</Table.Td>
          <Table.Td maw={360}>
            {disk.source ? (
              <Stack gap={0} miw={0}>
                <Text size="sm" truncate title={disk.source} data-testid={`disk-volume-${disk.target}`}>
                  {disk.volume ?? disk.source}
                </Text>
                <Text size="xs" c="dimmed" truncate title={disk.source}>
                  {disk.pool ? `pool ${disk.pool}` : disk.source}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                empty
              </Text>
            )}
          </Table.Td>
          <Table.Td>{disk.format ?? '—'}</Table.Td>
          <Table.Td ta="right">{formatBytes(disk.capacity)}</Table.Td>
          <Table.Td ta="right">{formatBytes(disk.allocation)}</Table.Td>
          <Table.Td>
            {!readOnly && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Disk ${disk.target} actions`}
                    data-testid={`disk-menu-${disk.target}`}
                  >
                    <IconDots size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {disk.device === 'cdrom' && (
                    <>
                      <Menu.Item leftSection={<IconDisc size={14} />} onClick={() => askMedia(disk)} data-testid="disk-change-media">
                        {disk.source ? 'Change medium' : 'Insert medium'}
                      </Menu.Item>
                      {disk.source && (
                        <Menu.Item onClick={() => media.mutate({ target: disk.target, path: null })} data-testid="disk-eject">
                          Eject
                        </Menu.Item>
                      )}
                    </>
                  )}
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => confirmRemove(disk)}
                    data-testid="disk-remove"
                  >
                    Remove…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            {readOnly && (
              <Tooltip label={readOnly} multiline w={260}>
                <Text size="xs" c="dimmed">
                  —
                </Text>
              </Tooltip>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DeviceCard>
  );
}
