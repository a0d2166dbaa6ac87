/**
 * Deleting a pool: by default only its definition goes (the data stays on
 * disk); with the checkbox its volumes, listed by name, and its directory go
 * too. The machines using its volumes are named up front: the backend refuses then.
 */
import { Alert, Button, Checkbox, Code, Group, List, Modal, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Pool } from '../../../../shared/contract/storage';
import { errorMessage, invoke } from '../../../api';
import { storageQueries } from '../queries';
import { useStorageMutation } from '../use-storage-mutation';

export function DeletePoolModal({ pool, onClose, onDeleted }: { pool: Pool; onClose: () => void; onDeleted?: (() => void) | undefined }) {
  const running = pool.state === 'running';
  const listing = useQuery({ ...storageQueries.volumes(pool.connectionId, pool.name), enabled: running });
  const [withVolumes, setWithVolumes] = useState(false);
  const volumes = listing.data?.volumes ?? [];
  const users = [...new Set(volumes.flatMap((v) => v.usedBy.map((u) => u.name)))].sort();
  const del = useStorageMutation(
    'Deleting the pool',
    () => invoke('storage.deletePool', { connectionId: pool.connectionId, pool: pool.name, deleteVolumes: withVolumes }),
    (r) => {
      notifications.show({
        color: 'teal',
        title: `Pool ${r.deleted} deleted`,
        message: r.volumesDeleted.length
          ? `With ${r.volumesDeleted.length} volumes: ${r.volumesDeleted.join(', ')}`
          : 'Its data was left on disk.',
      });
      onClose();
      onDeleted?.();
    },
    false,
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Delete pool {pool.name}?</Text>} size="lg">
      <Stack gap="md" data-testid="pool-delete-dialog">
        <Text size="sm">
          The pool's definition is removed from {pool.host}
          {running ? ' after it is stopped' : ''}. {withVolumes ? 'Its volumes and its storage go with it:' : 'Its data stays on disk'}
          {!withVolumes && pool.targetPath && (
            <>
              {' '}
              at <Code>{pool.targetPath}</Code>
            </>
          )}
          {!withVolumes && '.'}
        </Text>
        {running && listing.isPending && <Skeleton h={40} />}
        {users.length > 0 && (
          <Alert color="red" variant="light" title="In use" data-testid="pool-delete-in-use">
            {users.join(', ')} {users.length === 1 ? 'uses' : 'use'} volumes of this pool: remove those disks first. The delete will be
            refused.
          </Alert>
        )}
        <Checkbox
          label={`Also delete its ${volumes.length} ${volumes.length === 1 ? 'volume' : 'volumes'} and its directory`}
          description={running ? 'Cannot be undone.' : 'Start the pool first: only a running pool lists its volumes.'}
          checked={withVolumes}
          disabled={!running}
          onChange={(e) => setWithVolumes(e.currentTarget.checked)}
          data-testid="pool-delete-volumes"
        />
        {withVolumes && volumes.length > 0 && (
          <ScrollArea.Autosize mah={180}>
            <List size="sm" spacing={2} data-testid="pool-delete-list">
              {volumes.map((v) => (
                <List.Item key={v.name}>
                  <Code>{v.name}</Code>
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        )}
        {del.isError && (
          <Alert color="red" variant="light" title="Not deleted" data-testid="pool-delete-error">
            {errorMessage(del.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={del.isPending} onClick={() => del.mutate(undefined)} data-testid="pool-delete-confirm">
            {withVolumes ? `Delete pool and ${volumes.length} ${volumes.length === 1 ? 'volume' : 'volumes'}` : 'Delete pool'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
