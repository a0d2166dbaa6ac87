/**
 * Resizing a volume: growing is checked against the pool's free space;
 * a smaller size needs the checkbox and then a second confirmation, since
 * the data past the new end is gone (raw and qcow2 only).
 */
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Pool, Volume } from '../../../../shared/contract/storage';
import { errorMessage, invoke } from '../../../api';
import { formatBytes, fromBytes, toBytes, type SizeUnit } from '../format';
import { SizeInput } from '../SizeInput/SizeInput';
import { useStorageMutation } from '../use-storage-mutation';

const SHRINKABLE = ['raw', 'qcow2'];

export function ResizeVolumeModal({ pool, volume, onClose }: { pool: Pool; volume: Volume; onClose: () => void }) {
  const start = fromBytes(volume.capacity);
  const [amount, setAmount] = useState<number | string>(start.amount);
  const [unit, setUnit] = useState<SizeUnit>(start.unit);
  const [shrinkOk, setShrinkOk] = useState(false);
  const bytes = toBytes(amount, unit);
  const shrinking = bytes !== null && bytes < volume.capacity;
  const canShrink = SHRINKABLE.includes(volume.format);
  const used = volume.usedBy.length > 0;
  const error =
    bytes === null
      ? 'a size above 0'
      : bytes === volume.capacity
        ? 'that is its size now'
        : !shrinking && bytes - volume.capacity > pool.available
          ? `${formatBytes(bytes - volume.capacity)} more than now: the pool has ${formatBytes(pool.available)} free`
          : shrinking && !canShrink
            ? `a ${volume.format || volume.type} volume cannot be shrunk`
            : null;
  const resize = useStorageMutation(
    'Resizing the volume',
    () =>
      invoke('storage.resizeVolume', {
        connectionId: pool.connectionId,
        pool: pool.name,
        volume: volume.name,
        capacity: bytes!,
        shrink: shrinking,
      }),
    (v) => {
      notifications.show({ color: 'teal', message: `Volume ${v.name} is now ${formatBytes(v.capacity)}.` });
      onClose();
    },
    false,
  );
  const submit = () => {
    if (error || (shrinking && !shrinkOk)) return;
    if (!shrinking) return resize.mutate(undefined);
    modals.openConfirmModal({
      title: <Text fw={600}>Shrink {volume.name}?</Text>,
      children: (
        <Text size="sm">
          From {formatBytes(volume.capacity)} to {formatBytes(bytes!)}: the last {formatBytes(volume.capacity - bytes!)} of the disk are cut
          off for good. Shrink the filesystem and partitions inside it first.
        </Text>
      ),
      labels: { confirm: 'Shrink', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      onConfirm: () => resize.mutate(undefined),
    });
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Resize {volume.name}</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md" data-testid="volume-resize-form">
          <Text size="sm" c="dimmed">
            Now {formatBytes(volume.capacity)} ({volume.format || volume.type}), {formatBytes(volume.allocation)} allocated.
          </Text>
          <SizeInput
            label="New size"
            amount={amount}
            unit={unit}
            onChange={(a, u) => {
              setAmount(a);
              setUnit(u);
              setShrinkOk(false);
            }}
            error={error}
            testId="volume-resize-size"
            autoFocus
          />
          {used && (
            <Alert color="yellow" variant="light">
              Used by {volume.usedBy.map((u) => u.name).join(', ')}. While one of them runs this is refused: a running machine's disk is
              resized from the machine.
            </Alert>
          )}
          {shrinking && canShrink && (
            <Checkbox
              color="red"
              label={`Shrink: I understand the last ${formatBytes(volume.capacity - bytes!)} of the volume are lost`}
              checked={shrinkOk}
              onChange={(e) => setShrinkOk(e.currentTarget.checked)}
              data-testid="volume-resize-shrink"
            />
          )}
          {resize.isError && (
            <Alert color="red" variant="light" title="Not resized" data-testid="volume-resize-error">
              {errorMessage(resize.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={shrinking ? 'red' : undefined}
              loading={resize.isPending}
              disabled={!!error || (shrinking && !shrinkOk)}
              data-testid="volume-resize-submit"
            >
              {shrinking ? 'Shrink…' : 'Resize'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
