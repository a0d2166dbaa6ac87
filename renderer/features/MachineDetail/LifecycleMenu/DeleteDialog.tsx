/**
 * Delete a machine: the plan from vms.deletePlan lists exactly which volumes
 * go (with "also delete storage") and which stay and why; a running machine
 * needs "force it off first". The dialog is the confirmation.
 */
import { Alert, Button, Checkbox, Group, List, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeleteOutput, DeletePlan } from '../../../../shared/contract/vm-lifecycle';
import { errorMessage, invoke } from '../../../api';
import { formatBytes } from '../parts';
import { detailQueries } from '../queries';

interface Props {
  connectionId: string;
  uuid: string;
  name: string;
  host: string;
  onClose: () => void;
  onDeleted: (out: DeleteOutput) => void;
}

export function DeletePlanView({ plan, withStorage }: { plan: DeletePlan; withStorage: boolean }) {
  return (
    <Stack gap="xs" data-testid="delete-plan">
      {plan.volumes.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {withStorage ? 'These volumes are deleted:' : 'These volumes are kept (tick the box to delete them):'}
          </Text>
          <List size="sm" spacing={2} data-testid="delete-volumes">
            {plan.volumes.map((v) => (
              <List.Item key={v.path} data-testid={`delete-volume-${v.volume}`} data-deleted={withStorage || undefined}>
                <Text span size="sm" ff="monospace" c={withStorage ? 'red' : undefined}>
                  {v.volume}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  ({v.target}, pool {v.pool}, {formatBytes(v.capacity)})
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {plan.kept.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Kept in any case:
          </Text>
          <List size="sm" spacing={2} data-testid="delete-kept">
            {plan.kept.map((k) => (
              <List.Item key={k.target} data-testid={`delete-kept-${k.target}`}>
                <Text span size="sm" ff="monospace">
                  {k.path ?? k.target}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  — {k.reason}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {plan.volumes.length === 0 && plan.kept.length === 0 && (
        <Text size="sm" c="dimmed">
          The machine has no storage.
        </Text>
      )}
      {(plan.nvram || plan.snapshots > 0 || plan.managedSave) && (
        <Text size="xs" c="dimmed">
          Also removed with the definition:
          {plan.snapshots > 0 && ` the metadata of ${plan.snapshots} snapshot${plan.snapshots === 1 ? '' : 's'};`}
          {plan.managedSave && ' its saved memory state;'}
          {plan.nvram && ` its UEFI variable store ${plan.nvram}.`}
        </Text>
      )}
    </Stack>
  );
}

export function DeleteDialog({ connectionId, uuid, name, host, onClose, onDeleted }: Props) {
  const plan = useQuery(detailQueries.deletePlan(connectionId, uuid));
  const [withStorage, setWithStorage] = useState(false);
  const [force, setForce] = useState(false);
  const del = useMutation({
    mutationFn: (p: DeletePlan) =>
      invoke('vms.delete', { connectionId, uuid, withStorage, volumes: withStorage ? p.volumes.map((v) => v.path) : [], force }),
    onSuccess: onDeleted,
  });
  const p = plan.data;
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={600}>Delete {name}?</Text>}>
      <Stack gap="md" data-testid="delete-dialog">
        <Text size="sm">
          The definition of {name} on {host} is removed from libvirt. This cannot be undone.
        </Text>
        {plan.isPending && <Skeleton h={80} />}
        {plan.isError && (
          <Alert color="red" title="Could not work out what would be deleted">
            {errorMessage(plan.error)}
          </Alert>
        )}
        {p && (
          <>
            {p.volumes.length > 0 && (
              <Checkbox
                label={`Also delete storage (${p.volumes.length} volume${p.volumes.length === 1 ? '' : 's'})`}
                checked={withStorage}
                onChange={(e) => setWithStorage(e.currentTarget.checked)}
                data-testid="delete-with-storage"
              />
            )}
            <DeletePlanView plan={p} withStorage={withStorage} />
            {p.running && (
              <Checkbox
                color="red"
                label={`${name} is running: force it off first (like pulling the plug)`}
                checked={force}
                onChange={(e) => setForce(e.currentTarget.checked)}
                data-testid="delete-force"
              />
            )}
          </>
        )}
        {del.isError && (
          <Alert color="red" variant="light" title="Not deleted" data-testid="delete-error">
            {errorMessage(del.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="delete-cancel">
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!p || (p.running && !force)}
            loading={del.isPending}
            onClick={() => p && del.mutate(p)}
            data-testid="delete-confirm"
          >
            {withStorage ? `Delete ${name} and its storage` : `Delete ${name}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
