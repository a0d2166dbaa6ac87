/** Deleting a volume, naming it and its path; a volume in use names its machines and needs "delete anyway" ticked. */
import { Alert, Button, Checkbox, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Pool, Volume } from '../../../../shared/contract/storage';
import { errorMessage, invoke } from '../../../api';
import { formatBytes } from '../format';
import { useStorageMutation } from '../use-storage-mutation';

export function DeleteVolumeModal({ pool, volume, onClose }: { pool: Pool; volume: Volume; onClose: () => void }) {
  const inUse = volume.usedBy.length > 0;
  const [force, setForce] = useState(false);
  const del = useStorageMutation(
    'Deleting the volume',
    () => invoke('storage.deleteVolume', { connectionId: pool.connectionId, pool: pool.name, volume: volume.name, force }),
    (r) => {
      notifications.show({ color: 'teal', message: `Volume ${r.deleted} deleted.` });
      onClose();
    },
    false,
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Delete volume {volume.name}?</Text>}>
      <Stack gap="md" data-testid="volume-delete-dialog">
        <Text size="sm">
          <Code>{volume.path}</Code> ({formatBytes(volume.capacity)}, {formatBytes(volume.allocation)} of data) is deleted from {pool.name}.
          This cannot be undone.
        </Text>
        {inUse && (
          <Alert color="red" variant="light" title="In use" data-testid="volume-delete-in-use">
            <List size="sm">
              {volume.usedBy.map((u) => (
                <List.Item key={`${u.uuid}/${u.target}/${u.via ?? ''}`}>
                  {u.name} uses it as {u.target}
                  {u.via ? ` through the overlay ${u.via}` : ''}
                </List.Item>
              ))}
            </List>
            <Checkbox
              mt="sm"
              color="red"
              label="Delete it anyway: those machines lose this disk"
              checked={force}
              onChange={(e) => setForce(e.currentTarget.checked)}
              data-testid="volume-delete-force"
            />
          </Alert>
        )}
        {del.isError && (
          <Alert color="red" variant="light" title="Not deleted" data-testid="volume-delete-error">
            {errorMessage(del.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={del.isPending}
            disabled={inUse && !force}
            onClick={() => del.mutate(undefined)}
            data-testid="volume-delete-confirm"
          >
            Delete volume
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
