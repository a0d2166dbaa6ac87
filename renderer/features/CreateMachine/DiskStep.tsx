/**
 * Step 3: the disk. A new volume in a pool, an existing volume, an ISO to
 * install from (a CD-ROM plus a new disk), a cloud image (a qcow2 overlay
 * on it plus a cloud-init seed NovaCron builds from the user, SSH key and
 * host name given here), or none.
 */
import { Divider, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { CreateChoices } from '../../../shared/contract/vm-create';
import type { DiskKind } from './create-form';
import { errorOf, type StepProps } from './step-props';

const KINDS: Array<{ value: DiskKind; label: string }> = [
  { value: 'new-volume', label: 'New disk' },
  { value: 'volume', label: 'Existing volume' },
  { value: 'iso', label: 'Install from ISO' },
  { value: 'cloud-image', label: 'Cloud image' },
  { value: 'none', label: 'No disk' },
];

const GiB = 2 ** 30;
const gib = (bytes: number) => `${(bytes / GiB).toFixed(bytes < GiB ? 2 : 1)} GiB`;
type Pool = CreateChoices['pools'][number];
const isIso = (v: Pool['volumes'][number]) => v.format === 'iso' || /\.iso$/i.test(v.name);

function PoolSelect(p: StepProps & { field: 'pool' | 'isoPool'; label: string; testId: string }) {
  const pools = (p.choices?.pools ?? []).filter((x) => x.active);
  return (
    <Select
      label={p.label}
      data={pools.map((x) => ({ value: x.name, label: `${x.name} (${gib(x.availableBytes)} free)` }))}
      value={p.form[p.field]}
      onChange={(v) => p.set(p.field === 'pool' ? { pool: v, volume: null, image: null } : { isoPool: v, isoVolume: null })}
      error={errorOf(p, p.field)}
      allowDeselect={false}
      data-testid={p.testId}
    />
  );
}

function SizeFormat(p: StepProps & { optional?: boolean }) {
  return (
    <Group grow align="flex-start">
      <NumberInput
        label="Size (GiB)"
        description={p.optional ? 'Empty: the image’s own size' : undefined}
        min={0.01}
        decimalScale={2}
        step={1}
        value={p.form.sizeGiB}
        onChange={(v) => p.set({ sizeGiB: v })}
        error={errorOf(p, 'sizeGiB')}
        data-testid="create-size"
      />
      {!p.optional && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Format
          </Text>
          <SegmentedControl
            data={[
              { value: 'qcow2', label: 'qcow2' },
              { value: 'raw', label: 'raw' },
            ]}
            value={p.form.format}
            onChange={(v) => p.set({ format: v as 'qcow2' | 'raw' })}
            data-testid="create-format"
          />
        </Stack>
      )}
    </Group>
  );
}

function volumesOf(p: StepProps, pool: string | null, keep: (v: Pool['volumes'][number]) => boolean) {
  const vols = p.choices?.pools.find((x) => x.name === pool)?.volumes ?? [];
  return vols.filter(keep).map((v) => ({ value: v.name, label: `${v.name} (${v.format}, ${gib(v.capacityBytes)})` }));
}

export function DiskStep(p: StepProps) {
  const kind = p.form.diskKind;
  return (
    <Stack gap="md" data-testid="create-step-disk">
      <SegmentedControl
        fullWidth
        data={KINDS}
        value={kind}
        onChange={(v) => p.set({ diskKind: v as DiskKind, sizeGiB: v === 'cloud-image' ? '' : p.form.sizeGiB || 10 })}
        data-testid="create-disk-kind"
      />
      {kind === 'none' && (
        <Text size="sm" c="dimmed">
          The machine gets no disk: it boots from the network, and disks can be added on its page.
        </Text>
      )}
      {kind !== 'none' && (
        <PoolSelect {...p} field="pool" label={kind === 'volume' ? 'Pool' : 'Pool for the new disk'} testId="create-pool" />
      )}
      {(kind === 'new-volume' || kind === 'iso') && <SizeFormat {...p} />}
      {kind === 'volume' && (
        <Select
          label="Volume"
          description="Used as it is, not copied"
          searchable
          data={volumesOf(p, p.form.pool, (v) => !isIso(v))}
          value={p.form.volume}
          onChange={(v) => p.set({ volume: v })}
          error={errorOf(p, 'volume')}
          nothingFoundMessage="No volume in this pool"
          data-testid="create-volume"
        />
      )}
      {kind === 'iso' && (
        <Group grow align="flex-start">
          <PoolSelect {...p} field="isoPool" label="ISO pool" testId="create-iso-pool" />
          <Select
            label="ISO image"
            searchable
            data={volumesOf(p, p.form.isoPool, isIso)}
            value={p.form.isoVolume}
            onChange={(v) => p.set({ isoVolume: v })}
            error={errorOf(p, 'isoVolume')}
            nothingFoundMessage="No .iso volume in this pool"
            data-testid="create-iso"
          />
        </Group>
      )}
      {kind === 'cloud-image' && (
        <>
          <Select
            label="Cloud image"
            description="The disk is a new qcow2 overlay on it: the image itself stays untouched"
            searchable
            data={volumesOf(p, p.form.pool, (v) => !isIso(v))}
            value={p.form.image}
            onChange={(v) => p.set({ image: v })}
            error={errorOf(p, 'image')}
            nothingFoundMessage="No image in this pool"
            data-testid="create-image"
          />
          <SizeFormat {...p} optional />
          <Divider mt="xs" label="cloud-init: a NoCloud seed NovaCron builds, attached as a CD-ROM" labelPosition="left" />
          <Group grow align="flex-start">
            <TextInput
              label="User"
              placeholder="ops"
              value={p.form.ciUser}
              onChange={(e) => p.set({ ciUser: e.currentTarget.value })}
              error={errorOf(p, 'ciUser')}
              data-testid="create-ci-user"
            />
            <TextInput
              label="Host name"
              placeholder="web-1"
              value={p.form.ciHostname}
              onChange={(e) => p.set({ ciHostname: e.currentTarget.value })}
              error={errorOf(p, 'ciHostname')}
              data-testid="create-ci-hostname"
            />
          </Group>
          <Textarea
            label="SSH public key"
            description="Optional; without one the user's password stays locked"
            placeholder="ssh-ed25519 AAAA… you@laptop"
            autosize
            minRows={2}
            maxRows={4}
            value={p.form.ciKey}
            onChange={(e) => p.set({ ciKey: e.currentTarget.value })}
            error={errorOf(p, 'ciKey')}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            data-testid="create-ci-key"
          />
        </>
      )}
    </Stack>
  );
}
