/** Add a disk: a new volume in a pool, an existing volume, or an ISO image as a CD-ROM (pickers from vms.deviceChoices). */
import { Alert, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NewDiskSource } from '../../../../shared/contract/vm-config';
import { errorMessage, invoke } from '../../../api';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { AddFormFooter, formatBytes, useMachineMutation } from '../parts';
import { detailQueries } from '../queries';

type Kind = NewDiskSource['kind'];

export function AddDiskModal({ row, onClose }: { row: VmRowData; onClose: () => void }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const choices = useQuery(detailQueries.choices(row.connectionId));
  const [kind, setKind] = useState<Kind>('new-volume');
  const [pool, setPool] = useState<string | null>(null);
  const [volume, setVolume] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [sizeGiB, setSizeGiB] = useState<number | string>(1);
  const [format, setFormat] = useState<'qcow2' | 'raw'>('qcow2');
  const [iso, setIso] = useState('');
  const [bus, setBus] = useState<string | null>('virtio');
  const attach = useMachineMutation(
    target,
    'Adding the disk',
    (source: NewDiskSource) =>
      invoke('vms.attachDisk', { ...target, source, bus: (kind === 'iso' ? 'sata' : bus) as 'virtio' | 'sata' | 'scsi' | 'usb' }),
    (out) => {
      notifications.show({
        color: 'teal',
        title: `Disk ${out.target} added (${out.applied === 'config' ? 'next boot' : out.applied})`,
        message: out.reason,
      });
      onClose();
    },
  );
  const pools = choices.data?.pools ?? [];
  const poolInfo = pools.find((p) => p.name === pool);

  const source = (): NewDiskSource | null => {
    if (kind === 'iso') return iso.trim() ? { kind: 'iso', path: iso.trim() } : null;
    if (!pool) return null;
    if (kind === 'volume') return volume ? { kind: 'volume', pool, volume } : null;
    const gib = Number(sizeGiB);
    if (!(gib > 0)) return null;
    return {
      kind: 'new-volume',
      pool,
      capacityBytes: Math.round(gib * 1024 ** 3),
      format,
      ...(newName.trim() ? { volume: newName.trim() } : {}),
    };
  };
  const ready = source();

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Add a disk to {row.name}</Text>} size="md">
      <Stack gap="md" data-testid="disk-add-form">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'new-volume', label: 'New volume' },
            { value: 'volume', label: 'Existing volume' },
            { value: 'iso', label: 'ISO as CD-ROM' },
          ]}
          data-testid="disk-add-kind"
        />
        {choices.isError && <Alert color="red">{errorMessage(choices.error)}</Alert>}
        {kind !== 'iso' && (
          <Select
            label="Pool"
            placeholder={choices.isPending ? 'Loading…' : 'Pick a pool'}
            data={pools.map((p) => ({
              value: p.name,
              label: `${p.name} (${formatBytes(p.availableBytes)} free${p.active ? '' : ', inactive'})`,
              disabled: !p.active,
            }))}
            value={pool}
            onChange={(v) => {
              setPool(v);
              setVolume(null);
            }}
            data-testid="disk-add-pool"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {kind === 'volume' && (
          <Select
            label="Volume"
            placeholder={pool ? 'Pick a volume' : 'Pick a pool first'}
            data={poolInfo?.volumes ?? []}
            value={volume}
            onChange={setVolume}
            searchable
            disabled={!pool}
            data-testid="disk-add-volume"
          />
        )}
        {kind === 'new-volume' && (
          <Group grow align="flex-start">
            <NumberInput
              label="Size (GiB)"
              min={0.001}
              decimalScale={3}
              value={sizeGiB}
              onChange={setSizeGiB}
              data-testid="disk-add-size"
            />
            <Select
              label="Format"
              data={['qcow2', 'raw']}
              value={format}
              onChange={(v) => setFormat(v === 'raw' ? 'raw' : 'qcow2')}
              allowDeselect={false}
            />
          </Group>
        )}
        {kind === 'new-volume' && (
          <TextInput
            label="Volume name"
            description="Empty for <machine>-<target>.<format>"
            value={newName}
            onChange={(e) => setNewName(e.currentTarget.value)}
            data-testid="disk-add-name"
          />
        )}
        {kind === 'iso' && (
          <TextInput
            label="ISO image path on the host"
            placeholder="/var/lib/libvirt/images/debian.iso"
            value={iso}
            onChange={(e) => setIso(e.currentTarget.value)}
            data-testid="disk-add-iso"
          />
        )}
        {kind !== 'iso' && (
          <Select
            label="Bus"
            data={['virtio', 'sata', 'scsi', 'usb']}
            value={bus}
            onChange={setBus}
            allowDeselect={false}
            data-testid="disk-add-bus"
          />
        )}
        <AddFormFooter
          mutation={attach}
          onClose={onClose}
          ready={!!ready}
          onSave={() => ready && attach.mutate(ready)}
          saveLabel="Add disk"
          saveTestId="disk-add-save"
        />
      </Stack>
    </Modal>
  );
}
