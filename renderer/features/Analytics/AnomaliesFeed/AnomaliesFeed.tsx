/** The anomaly feed: flagged points, newest first, filtered by host, machine and series; live from anomaly.detected. */
import { Anchor, Center, EmptyState, Group, Progress, Select, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconActivityHeartbeat } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { HOST_SERIES_NAMES, VM_SERIES_NAMES, type SeriesName } from '../../../../shared/contract/metrics-series';
import { errorMessage } from '../../../api';
import { hostPath, machinePath } from '../../../app/paths';
import { ago, when } from '../../Alerts/alert-text';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../../Machines/queries';
import { formatValue, seriesInfo, seriesLabel } from '../../Monitoring/format';
import { analyticsQueries, type AnomalyFilter } from '../queries';

const SERIES = [
  { group: 'Machine', items: VM_SERIES_NAMES.map((s) => ({ value: s, label: seriesLabel(s) })) },
  { group: 'Host', items: HOST_SERIES_NAMES.map((s) => ({ value: s, label: seriesLabel(s) })) },
];

export function AnomaliesFeed() {
  const [host, setHost] = useState<string | null>(null);
  const [machine, setMachine] = useState<string | null>(null);
  const [series, setSeries] = useState<SeriesName | null>(null);
  const connections = useQuery(connectionQueries.list());
  const vms = useQuery(vmQueries.list());
  const hostName = useMemo(() => new Map((connections.data ?? []).map((c) => [c.id, c.name])), [connections.data]);
  const machines = useMemo(
    () =>
      (vms.data ?? [])
        .filter((v) => !host || v.connectionId === host)
        .map((v) => ({ value: `${v.connectionId}/${v.uuid}`, label: `${v.name} (${hostName.get(v.connectionId) ?? v.connectionId})` })),
    [vms.data, host, hostName],
  );
  const [mConn, mUuid] = machine ? machine.split('/') : [];
  const filter: AnomalyFilter = {
    ...(mConn ? { connectionId: mConn } : host ? { connectionId: host } : {}),
    ...(mUuid ? { uuid: mUuid } : {}),
    ...(series ? { series } : {}),
  };
  const q = useQuery(analyticsQueries.anomalies(filter));
  const list = q.data ?? [];

  return (
    <Stack gap="sm" data-testid="anomalies-feed">
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label="Host"
          placeholder="Every host"
          w={200}
          clearable
          data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={host}
          onChange={(v) => {
            setHost(v);
            setMachine(null);
          }}
          data-testid="anomalies-host"
        />
        <Select
          aria-label="Machine"
          placeholder="Every machine"
          w={260}
          clearable
          searchable
          limit={50}
          nothingFoundMessage="No machine matches"
          data={machines}
          value={machine}
          onChange={setMachine}
          data-testid="anomalies-machine"
        />
        <Select
          aria-label="Series"
          placeholder="Every series"
          w={240}
          clearable
          searchable
          data={SERIES}
          value={series}
          onChange={(v) => setSeries((v as SeriesName | null) ?? null)}
          data-testid="anomalies-series"
        />
        <Text size="sm" c="dimmed" data-testid="anomalies-count" data-count={list.length}>
          {list.length} anomal{list.length === 1 ? 'y' : 'ies'}
        </Text>
      </Group>
      {q.isPending && <Skeleton h={200} />}
      {q.isError && (
        <Text c="red" size="sm">
          {errorMessage(q.error)}
        </Text>
      )}
      {q.data && list.length === 0 && (
        <Center mih={200}>
          <EmptyState
            variant="light"
            icon={<IconActivityHeartbeat size={28} stroke={1.5} />}
            title="No anomalies"
            description="The detector scores every series as it arrives; anything unusual shows up here at once."
          />
        </Center>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="anomalies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Machine or host</Table.Th>
                <Table.Th>Series</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th w={160}>Score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={`${a.connectionId}/${a.uuid ?? 'host'}/${a.series}/${a.t}`} data-testid="anomaly-row" data-series={a.series}>
                  <Table.Td>
                    <Tooltip label={when(a.t)}>
                      <Text size="sm">{ago(a.t)}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={a.uuid ? machinePath(a.connectionId, a.uuid) : hostPath(a.connectionId)} size="sm">
                      {a.name}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {' '}
                      on {hostName.get(a.connectionId) ?? a.connectionId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{seriesLabel(a.series)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatValue(a.value, seriesInfo(a.series).unit)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={a.score * 100} color={a.score >= 0.9 ? 'red' : 'orange'} size="sm" w={70} />
                      <Text size="xs">{a.score.toFixed(2)}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
