/** Clone a shut-off machine under a new name: a job (its progress in the Jobs panel); the clone opens when done. */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, invoke } from '../../../api';
import { applyJobs, openResultWhenDone } from '../../Jobs/cache-sync';

export function CloneDialog({
  connectionId,
  uuid,
  name,
  running,
  onClose,
}: {
  connectionId: string;
  uuid: string;
  name: string;
  running: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [newName, setNewName] = useState(`${name}-clone`);
  const clone = useMutation({
    mutationFn: () => invoke('vms.clone', { connectionId, uuid, newName: newName.trim() }),
    onSuccess: (job) => {
      openResultWhenDone(job.id);
      applyJobs(client, [job]);
      notifications.show({
        color: 'blue',
        title: job.title,
        message: 'Running as a job: the clone opens when it is done (progress under Jobs).',
      });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Clone {name}</Text>}>
      <Stack gap="md" data-testid="clone-dialog">
        <Text size="sm">Every disk is copied through libvirt; the clone gets a new name, UUID and MAC addresses.</Text>
        {running && (
          <Alert color="orange" variant="light">
            {name} is running: libvirt may refuse to copy a running machine's disks. Shut it down first for a consistent copy.
          </Alert>
        )}
        <TextInput
          label="New name"
          value={newName}
          onChange={(e) => setNewName(e.currentTarget.value)}
          data-autofocus
          data-testid="clone-name"
        />
        {clone.isError && (
          <Alert color="red" variant="light" title="Not cloned" data-testid="clone-error">
            {errorMessage(clone.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!newName.trim()} loading={clone.isPending} onClick={() => clone.mutate()} data-testid="clone-start">
            Clone
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
