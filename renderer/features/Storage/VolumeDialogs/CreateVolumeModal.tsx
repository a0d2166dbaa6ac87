/** A new volume in the pool: name, qcow2 or raw, size (checked against the free space), optionally an overlay of another volume. */
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { storageNameProblem, type Pool, type Volume } from '../../../../shared/contract/storage';
import { errorMessage, invoke } from '../../../api';
import { formatBytes, fromBytes, toBytes, type SizeUnit } from '../format';
import { SizeInput } from '../SizeInput/SizeInput';
import { useStorageMutation } from '../use-storage-mutation';

export function CreateVolumeModal({ pool, volumes, onClose }: { pool: Pool; volumes: Volume[]; onClose: () => void }) {
  const [name, setName] = useState('');
  const [format, setFormat] = useState<'qcow2' | 'raw'>('qcow2');
  const [amount, setAmount] = useState<number | string>(10);
  const [unit, setUnit] = useState<SizeUnit>('GiB');
  const [backing, setBacking] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const bytes = toBytes(amount, unit);
  const bases = volumes.filter((v) => v.format === 'qcow2' || v.format === 'raw');

  const errors = {
    name: name.trim() ? storageNameProblem(name.trim()) : 'required',
    size: bytes === null ? 'a size above 0' : bytes > pool.available ? `more than the ${formatBytes(pool.available)} free` : null,
  };
  const valid = !errors.name && !errors.size;
  const create = useStorageMutation(
    'Creating the volume',
    () =>
      invoke('storage.createVolume', {
        connectionId: pool.connectionId,
        pool: pool.name,
        name: name.trim(),
        format,
        capacity: bytes!,
        ...(backing ? { backing } : {}),
      }),
    (v) => {
      notifications.show({
        color: 'teal',
        title: `Volume ${v.name} created`,
        message: `${v.format}, ${formatBytes(v.capacity)} in ${pool.name}.`,
      });
      onClose();
    },
    false,
  );
  const chooseBacking = (b: string | null) => {
    setBacking(b);
    const base = volumes.find((v) => v.name === b);
    if (base) {
      setFormat('qcow2');
      const s = fromBytes(base.capacity);
      setAmount(s.amount);
      setUnit(s.unit);
    }
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>New volume in {pool.name}</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (valid) create.mutate(undefined);
        }}
      >
        <Stack gap="md" data-testid="volume-create-form">
          <TextInput
            label="Name"
            description="Letters, digits and . _ + -, e.g. data.qcow2"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={touched ? errors.name : undefined}
            data-autofocus
            data-testid="volume-create-name"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Format
            </Text>
            <SegmentedControl
              data={[
                { value: 'qcow2', label: 'qcow2 (sparse, snapshots)' },
                { value: 'raw', label: 'raw', disabled: backing !== null },
              ]}
              value={format}
              onChange={(v) => setFormat(v as 'qcow2' | 'raw')}
              data-testid="volume-create-format"
            />
          </Stack>
          <SizeInput
            label="Size"
            description={`${formatBytes(pool.available)} free in the pool`}
            amount={amount}
            unit={unit}
            onChange={(a, u) => {
              setAmount(a);
              setUnit(u);
            }}
            error={touched ? errors.size : null}
            testId="volume-create-size"
          />
          <Select
            label="Backing volume"
            description="Optional: a copy-on-write overlay of another volume of this pool (qcow2)."
            placeholder="None: an empty volume"
            data={bases.map((v) => ({ value: v.name, label: `${v.name} (${v.format}, ${formatBytes(v.capacity)})` }))}
            value={backing}
            onChange={chooseBacking}
            clearable
            searchable
            data-testid="volume-create-backing"
          />
          {create.isError && (
            <Alert color="red" variant="light" title="No volume created" data-testid="volume-create-error">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={touched && !valid} data-testid="volume-create-submit">
              Create volume
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
