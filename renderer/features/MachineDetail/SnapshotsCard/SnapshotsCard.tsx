/** The machine's snapshots as a tree (indented by depth, current marked): create, revert, delete one or with children. */
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Menu, Modal, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconCamera } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Snapshot } from '../../../../shared/contract/snapshots';
import { errorMessage, invoke } from '../../../api';
import { upsertVmInCache } from '../../Machines/cache-sync';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { CardFrame, Guarded, useMachineMutation } from '../parts';
import { detailKeys, detailQueries } from '../queries';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function CreateSnapshotModal({ row, onClose }: { row: VmRowData; onClose: () => void }) {
  const client = useQueryClient();
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const running = row.state === 'running' || row.state === 'paused' || row.state === 'blocked';
  const [name, setName] = useState(() => `snap-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`);
  const [description, setDescription] = useState('');
  const [memory, setMemory] = useState(running);
  const create = useMachineMutation(
    target,
    'The snapshot',
    () => invoke('snapshots.create', { ...target, name: name.trim(), description: description.trim() || undefined, memory }),
    (s) => {
      void client.invalidateQueries({ queryKey: detailKeys.snapshots(row.connectionId, row.uuid) });
      notifications.show({
        color: 'teal',
        title: `Snapshot ${s.name} taken`,
        message: s.withMemory ? 'With the memory state.' : 'Disks only.',
      });
      onClose();
    },
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Snapshot {row.name}</Text>}>
      <Stack gap="md" data-testid="snapshot-form">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus data-testid="snapshot-name" />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          data-testid="snapshot-description"
        />
        <Checkbox
          label="Include the memory state"
          description={running ? 'A revert resumes the machine where it was.' : 'The machine is not running: there is no memory to save.'}
          checked={memory}
          disabled={!running}
          onChange={(e) => setMemory(e.currentTarget.checked)}
          data-testid="snapshot-memory"
        />
        {create.isError && (
          <Alert color="red" variant="light" title="No snapshot taken" data-testid="snapshot-error">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!name.trim()} loading={create.isPending} onClick={() => create.mutate(undefined)} data-testid="snapshot-create">
            Take snapshot
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SnapshotsCard({ row }: { row: VmRowData }) {
  const client = useQueryClient();
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const readOnly = useReadOnly(row.connectionId);
  const tree = useQuery(detailQueries.snapshots(row.connectionId, row.uuid));
  const [creating, setCreating] = useState(false);
  const reread = () => void client.invalidateQueries({ queryKey: detailKeys.snapshots(row.connectionId, row.uuid) });
  const revert = useMachineMutation(
    target,
    'Reverting',
    (name: string) => invoke('snapshots.revert', { ...target, name }),
    (vm, name) => {
      upsertVmInCache(client, vm);
      reread();
      notifications.show({
        color: 'teal',
        title: `${row.name} reverted to ${name}`,
        message: `It is ${vm.state === 'running' ? 'running' : 'shut off'} as the snapshot recorded.`,
      });
    },
  );
  const del = useMachineMutation(
    target,
    'Deleting the snapshot',
    (i: { name: string; children: boolean }) => invoke('snapshots.delete', { ...target, ...i }),
    (out) => {
      reread();
      notifications.show({
        color: 'teal',
        title: `Deleted ${out.deleted.length === 1 ? 'snapshot' : 'snapshots'}`,
        message: out.deleted.join(', '),
      });
    },
  );

  const confirmRevert = (s: Snapshot) =>
    modals.openConfirmModal({
      title: (
        <Text fw={600}>
          Revert {row.name} to {s.name}?
        </Text>
      ),
      children: (
        <Text size="sm">
          The machine's disks{s.withMemory ? ' and memory' : ''} go back to {dateFormat.format(s.createdAt)}; everything written since is
          lost unless another snapshot holds it. It will be {s.state === 'running' ? 'running' : 'shut off'} afterwards.
        </Text>
      ),
      labels: { confirm: 'Revert', cancel: 'Cancel' },
      confirmProps: { color: 'orange', 'data-testid': 'confirm-action' },
      onConfirm: () => revert.mutate(s.name),
    });
  const confirmDelete = (s: Snapshot, children: boolean) =>
    modals.openConfirmModal({
      title: <Text fw={600}>{children ? `Delete ${s.name} and everything below it?` : `Delete snapshot ${s.name}?`}</Text>,
      children: (
        <Text size="sm">
          {children
            ? `${s.name} and its ${s.children.length === 1 ? 'child' : 'descendants'} are deleted; the machine itself is not changed.`
            : s.children.length
              ? `Its children are kept and hang from ${s.parent ?? 'the root'} afterwards. The machine itself is not changed.`
              : 'The machine itself is not changed.'}
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      onConfirm: () => del.mutate({ name: s.name, children }),
    });

  const list = tree.data?.snapshots ?? [];
  return (
    <CardFrame
      title="Snapshots"
      testId="machine-snapshots"
      actions={
        <Guarded reason={readOnly}>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCamera size={14} />}
            disabled={!!readOnly}
            onClick={() => setCreating(true)}
            data-testid="snapshot-new"
          >
            Take snapshot
          </Button>
        </Guarded>
      }
    >
      {tree.isPending && <Skeleton h={40} />}
      {tree.isError && (
        <Alert color="red" variant="light" title="Could not list the snapshots">
          {errorMessage(tree.error)}
        </Alert>
      )}
      {tree.data && list.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="snapshot-empty">
          No snapshots.
        </Text>
      )}
      {list.length > 0 && (
        <Stack gap={2} role="tree" aria-label={`Snapshots of ${row.name}`} data-testid="snapshot-tree">
          {list.map((s) => (
            <Group
              key={s.name}
              role="treeitem"
              aria-level={s.depth + 1}
              gap="sm"
              wrap="nowrap"
              justify="space-between"
              py={4}
              pl={s.depth * 20}
              data-testid={`snapshot-${s.name}`}
              data-current={s.current || undefined}
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group gap={8} wrap="nowrap" miw={0}>
                <Text size="sm" c="dimmed" aria-hidden>
                  {s.depth > 0 ? '└' : '•'}
                </Text>
                <Stack gap={0} miw={0}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500} truncate>
                      {s.name}
                    </Text>
                    {s.current && (
                      <Badge size="xs" color="blue" variant="filled" style={{ textTransform: 'none' }} data-testid="snapshot-current">
                        current
                      </Badge>
                    )}
                    <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                      {s.state}
                      {s.withMemory ? ' + memory' : ''}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {dateFormat.format(s.createdAt)}
                    {s.description ? ` · ${s.description}` : ''}
                  </Text>
                </Stack>
              </Group>
              {!readOnly && (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => confirmRevert(s)}
                    loading={revert.isPending && revert.variables === s.name}
                    data-testid={`snapshot-revert-${s.name}`}
                  >
                    Revert
                  </Button>
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`More for ${s.name}`} data-testid={`snapshot-menu-${s.name}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item color="red" onClick={() => confirmDelete(s, false)} data-testid="snapshot-delete">
                        Delete
                      </Menu.Item>
                      {s.children.length > 0 && (
                        <Menu.Item color="red" onClick={() => confirmDelete(s, true)} data-testid="snapshot-delete-children">
                          Delete with children
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {creating && <CreateSnapshotModal row={row} onClose={() => setCreating(false)} />}
    </CardFrame>
  );
}
