/** A full copy of a volume in the same pool under a new name (a job: the Activity panel shows it while it copies). */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { storageNameProblem, type Pool, type Volume } from '../../../../shared/contract/storage';
import { errorMessage, invoke } from '../../../api';
import { formatBytes } from '../format';
import { useStorageMutation } from '../use-storage-mutation';

function copyName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-copy${name.slice(dot)}` : `${name}-copy`;
}

export function CloneVolumeModal({ pool, volume, onClose }: { pool: Pool; volume: Volume; onClose: () => void }) {
  const [name, setName] = useState(() => copyName(volume.name));
  const problem = name.trim() ? storageNameProblem(name.trim()) : 'required';
  const clone = useStorageMutation(
    'Cloning the volume',
    () => invoke('storage.cloneVolume', { connectionId: pool.connectionId, pool: pool.name, volume: volume.name, name: name.trim() }),
    (v) => {
      notifications.show({ color: 'teal', title: `Volume ${v.name} created`, message: `A copy of ${volume.name}.` });
      onClose();
    },
    false,
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Clone {volume.name}</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) clone.mutate(undefined);
        }}
      >
        <Stack gap="md" data-testid="volume-clone-form">
          <Text size="sm" c="dimmed">
            A full copy ({formatBytes(volume.allocation)} of data) into {pool.name}, which has {formatBytes(pool.available)} free.
          </Text>
          <TextInput
            label="New name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={problem}
            data-autofocus
            data-testid="volume-clone-name"
          />
          {clone.isError && (
            <Alert color="red" variant="light" title="Not cloned" data-testid="volume-clone-error">
              {errorMessage(clone.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={clone.isPending} disabled={!!problem} data-testid="volume-clone-submit">
              {clone.isPending ? 'Copying…' : 'Clone'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
