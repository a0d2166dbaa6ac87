/** The machine in full: state and reason, host, uptime, resources, firmware, boot order, autostart, managed save. */
import { Alert, Badge, Button, Group, SimpleGrid, Skeleton, Switch, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Uptime } from '../../../../shared/contract/vm-details';
import { errorMessage, invoke } from '../../../api';
import { formatMemory } from '../../Machines/format';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { VmStateBadge } from '../../Machines/VmStateBadge/VmStateBadge';
import { CardFrame, Fact, Guarded, useMachineMutation } from '../parts';
import { detailQueries } from '../queries';
import { ResourcesModal } from './ResourcesModal';

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

function UptimeText({ uptime }: { uptime: Uptime }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (uptime.since === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [uptime.since]);
  if (uptime.since === null) return <>—</>;
  const text = duration(now - uptime.since);
  const how =
    uptime.source === 'start-event'
      ? 'NovaCron saw it start'
      : uptime.source === 'first-seen'
        ? 'at least: it was running when NovaCron first looked'
        : 'not known';
  return (
    <>
      {uptime.source === 'first-seen' ? '≥ ' : ''}
      {text}
      <Text span size="xs" c="dimmed" display="block">
        {how}
      </Text>
    </>
  );
}

export function OverviewCard({ row }: { row: VmRowData }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const details = useQuery(detailQueries.details(row.connectionId, row.uuid));
  const readOnly = useReadOnly(row.connectionId);
  const [editing, setEditing] = useState(false);
  const autostart = useMachineMutation(target, 'Autostart', (on: boolean) => invoke('vms.setAutostart', { ...target, autostart: on }));
  const discard = useMachineMutation(target, 'Discarding the saved state', () => invoke('vms.discardSave', target));

  const d = details.data;
  const confirmDiscard = () =>
    modals.openConfirmModal({
      title: <Text fw={600}>Discard the saved state of {row.name}?</Text>,
      children: (
        <Text size="sm">
          The memory image libvirt saved is deleted: the next start boots {row.name} afresh, and whatever ran in it is lost.
        </Text>
      ),
      labels: { confirm: 'Discard', cancel: 'Cancel' },
      confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
      onConfirm: () => discard.mutate(undefined),
    });

  return (
    <CardFrame
      title="Overview"
      testId="machine-overview"
      actions={
        <Guarded reason={readOnly}>
          <Button size="xs" variant="default" disabled={!!readOnly || !d} onClick={() => setEditing(true)} data-testid="resources-edit">
            Change resources
          </Button>
        </Guarded>
      }
    >
      {details.isPending && <Skeleton h={96} />}
      {details.isError && (
        <Alert color="red" title="Could not read the machine's details">
          {errorMessage(details.error)}
        </Alert>
      )}
      {d && (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="md">
          <Fact label="State" testId="overview-state">
            <Group gap={6} wrap="wrap">
              <VmStateBadge state={d.state} />
              <Text span size="xs" c="dimmed" data-testid="overview-reason">
                {d.stateReason}
              </Text>
            </Group>
          </Fact>
          <Fact label="Host" testId="overview-host">
            {row.host}
            <Text span size="xs" c="dimmed" display="block">
              {d.host}
            </Text>
          </Fact>
          <Fact label="Uptime" testId="overview-uptime">
            <UptimeText uptime={d.uptime} />
          </Fact>
          <Fact label="vCPUs" testId="machine-vcpus">
            <span data-testid="overview-vcpus" data-value={d.vcpus}>
              {d.vcpus}
            </span>
            <Text span size="xs" c="dimmed">
              {' '}
              / {d.maxVcpus} max
            </Text>
          </Fact>
          <Fact label="Memory" testId="machine-memory">
            {formatMemory(d.memoryKiB)}
            <Text span size="xs" c="dimmed">
              {' '}
              / {formatMemory(d.maxMemoryKiB)} max
            </Text>
          </Fact>
          <Fact label="Machine type" testId="overview-machine-type">
            {d.machineType ?? '—'}
            {d.arch && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({d.arch})
              </Text>
            )}
          </Fact>
          <Fact label="Firmware" testId="overview-firmware">
            {d.firmware === 'uefi' ? 'UEFI' : 'BIOS'}
          </Fact>
          <Fact label="Boot order" testId="overview-boot">
            {d.bootOrder.length ? d.bootOrder.join(' → ') : '—'}
          </Fact>
          <Fact label="Autostart">
            <Guarded reason={readOnly}>
              <Switch
                checked={d.autostart}
                disabled={!!readOnly || autostart.isPending}
                onChange={(e) => autostart.mutate(e.currentTarget.checked)}
                label={d.autostart ? 'on host boot' : 'off'}
                data-testid="overview-autostart"
              />
            </Guarded>
          </Fact>
          <Fact label="Saved state" testId="overview-managed-save">
            {d.managedSave ? (
              <Group gap={6}>
                <Badge variant="light" color="violet" style={{ textTransform: 'none' }}>
                  saved
                </Badge>
                <Guarded reason={readOnly}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    disabled={!!readOnly}
                    loading={discard.isPending}
                    onClick={confirmDiscard}
                    data-testid="overview-discard-save"
                  >
                    Discard
                  </Button>
                </Guarded>
              </Group>
            ) : (
              'none'
            )}
          </Fact>
          {!d.persistent && (
            <Fact label="Definition">
              <Badge variant="light" color="orange" style={{ textTransform: 'none' }}>
                transient
              </Badge>
            </Fact>
          )}
        </SimpleGrid>
      )}
      {d && (d.title || d.description) && (
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }} spacing="md">
          {d.title && <Fact label="Title">{d.title}</Fact>}
          {d.description && (
            <div style={{ gridColumn: 'span 4' }}>
              <Fact label="Description" testId="overview-description">
                {d.description}
              </Fact>
            </div>
          )}
        </SimpleGrid>
      )}
      {editing && d && <ResourcesModal details={d} onClose={() => setEditing(false)} />}
    </CardFrame>
  );
}
