/**
 * One pool's page (#/storage/<connectionId>/<pool>): its facts, usage bar and
 * health line, its actions, and its volumes with create, resize, clone and
 * delete. Survives a reload: everything is read from the address.
 */
import { Alert, Anchor, Badge, Button, Center, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconDatabaseOff, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Volume } from '../../../../shared/contract/storage';
import { errorMessage, isApiError } from '../../../api';
import { go } from '../../../app/paths';
import { CapacityList } from '../../Analytics/CapacityList/CapacityList';
import { Fact, Guarded } from '../../MachineDetail/parts';
import { useReadOnly } from '../../Machines/read-only';
import { PoolActions } from '../PoolActions/PoolActions';
import { HealthLine, UsageBar } from '../PoolUsage/PoolUsage';
import { STATE_COLOR } from '../PoolsTable/PoolsTable';
import { storageQueries } from '../queries';
import { CloneVolumeModal } from '../VolumeDialogs/CloneVolumeModal';
import { CreateVolumeModal } from '../VolumeDialogs/CreateVolumeModal';
import { DeleteVolumeModal } from '../VolumeDialogs/DeleteVolumeModal';
import { ResizeVolumeModal } from '../VolumeDialogs/ResizeVolumeModal';
import { VolumesTable, type VolumeAction } from '../VolumesTable/VolumesTable';
import { formatBytes } from '../format';
import { TransferSlot } from './TransferSlot';

function Missing({ text }: { text: string }) {
  return (
    <Center mih={320} data-testid="pool-missing">
      <EmptyState variant="light" icon={<IconDatabaseOff size={28} stroke={1.5} />} title="No such pool" description={text} />
    </Center>
  );
}

export function PoolPage({ connectionId, pool: name }: { connectionId: string; pool: string }) {
  const listing = useQuery(storageQueries.volumes(connectionId, name));
  const readOnly = useReadOnly(connectionId);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ action: VolumeAction; volume: Volume } | null>(null);

  const back = (
    <Anchor href="#/storage" size="sm" data-testid="pool-back">
      <Group gap={2} component="span" wrap="nowrap">
        <IconChevronLeft size={14} /> Storage
      </Group>
    </Anchor>
  );
  if (listing.isPending) return <Skeleton h={320} />;
  if (listing.isError && isApiError(listing.error, 'not-found'))
    return (
      <Stack>
        {back}
        <Missing text={`The host has no storage pool "${name}" (deleted meanwhile?).`} />
      </Stack>
    );
  if (listing.isError)
    return (
      <Stack>
        {back}
        <Alert color="red" variant="light" title={`Could not read the pool ${name}`}>
          {errorMessage(listing.error)}
        </Alert>
      </Stack>
    );
  const { pool, volumes } = listing.data;
  const running = pool.state === 'running';
  const used = volumes.filter((v) => v.usedBy.length > 0).length;

  return (
    <Stack gap="md" data-testid="pool-page">
      <Stack gap={6}>
        {back}
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} miw={0}>
            <Group gap="sm" wrap="nowrap">
              <Title order={2} fz="h3" data-testid="pool-name">
                {pool.name}
              </Title>
              <Badge variant="light" color={STATE_COLOR[pool.state] ?? 'gray'} data-testid="pool-page-state">
                {pool.state}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {pool.type} pool on {pool.host}
              {pool.autostart ? ' · starts with the host' : ''}
            </Text>
          </Stack>
          <PoolActions pool={pool} readOnly={readOnly} onPoolPage onDeleted={() => go('#/storage')} />
        </Group>
      </Stack>
      <Paper withBorder radius="sm" p="md" data-testid="pool-summary">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg" verticalSpacing="sm">
          <Fact label="Location">{pool.targetPath ?? '—'}</Fact>
          <Fact label="Source">{pool.source ?? 'local'}</Fact>
          <Fact label="Volumes">{pool.volumeCount === null ? '—' : `${pool.volumeCount}${used ? ` (${used} in use)` : ''}`}</Fact>
          <Fact label="Capacity">{running ? formatBytes(pool.capacity) : '—'}</Fact>
        </SimpleGrid>
        <Stack gap="xs" mt="md">
          <UsageBar pool={pool} testId="pool-page-usage" />
          <HealthLine pool={pool} testId="pool-page-health" />
        </Stack>
      </Paper>
      <Paper withBorder radius="sm" p="md" data-testid="pool-capacity">
        <Stack gap="xs">
          <Group justify="space-between" align="baseline">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
              Capacity forecast
            </Text>
            <Anchor href="#/analytics" size="xs">
              Every host and pool in Analytics
            </Anchor>
          </Group>
          <CapacityList connectionId={connectionId} pool={pool.name} compact />
        </Stack>
      </Paper>
      <Group justify="space-between">
        <Title order={3} fz="md">
          Volumes
        </Title>
        <Group gap="xs">
          <TransferSlot kind="upload" connectionId={connectionId} pool={pool.name} />
          <Guarded reason={readOnly ?? (running ? null : 'Start the pool to create volumes in it.')}>
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={!!readOnly || !running}
              onClick={() => setCreating(true)}
              data-testid="volume-create-open"
            >
              New volume
            </Button>
          </Guarded>
        </Group>
      </Group>
      {!running && (
        <Alert color="yellow" variant="light" data-testid="pool-stopped">
          The pool is {pool.state}: libvirt lists its volumes only while it runs. Start it from the actions menu.
        </Alert>
      )}
      {running && volumes.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="volumes-empty">
          No volumes yet.
        </Text>
      )}
      {volumes.length > 0 && (
        <VolumesTable
          connectionId={connectionId}
          volumes={volumes}
          readOnly={readOnly}
          onAction={(action, volume) => setDialog({ action, volume })}
          rowExtra={(v) => <TransferSlot kind="download" connectionId={connectionId} pool={pool.name} volume={v.name} />}
        />
      )}
      {creating && <CreateVolumeModal pool={pool} volumes={volumes} onClose={() => setCreating(false)} />}
      {dialog?.action === 'resize' && <ResizeVolumeModal pool={pool} volume={dialog.volume} onClose={() => setDialog(null)} />}
      {dialog?.action === 'clone' && <CloneVolumeModal pool={pool} volume={dialog.volume} onClose={() => setDialog(null)} />}
      {dialog?.action === 'delete' && <DeleteVolumeModal pool={pool} volume={dialog.volume} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
