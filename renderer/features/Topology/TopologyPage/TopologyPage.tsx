/**
 * The Topology area: a live map of every connected host's networks, bridges,
 * pools and machines (ECharts graph), filterable by host; a click opens a
 * node's page or expands a group; a search finds a machine and says how it
 * is wired, for when the map holds thousands of them.
 */
import { Alert, Badge, Group, Loader, Paper, Select, Stack, Text, TextInput, useComputedColorScheme } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VmState } from '../../../../shared/types';
import { errorMessage } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import { Chart } from '../../../components/Chart/Chart';
import type { ECharts } from '../../../components/Chart/echarts';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../../Machines/queries';
import { STATE_LEGEND, toChartOption } from '../chart-option';
import { buildGraph, findMachines, type GraphNode } from '../graph';
import { topologyQueries } from '../queries';

export function TopologyPage() {
  const topo = useQuery(topologyQueries.all());
  const conns = useQuery(connectionQueries.list());
  const vms = useQuery(vmQueries.list('all'));
  const dark = useComputedColorScheme('light') === 'dark';
  const [host, setHost] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');

  const hostNames = useMemo(() => new Map((conns.data ?? []).map((c) => [c.id, c.name])), [conns.data]);
  const liveStates = useMemo(
    () => new Map<string, VmState>((vms.data ?? []).map((v) => [`${v.connectionId}/${v.uuid}`, v.state])),
    [vms.data],
  );
  const hosts = useMemo(() => topo.data ?? [], [topo.data]);
  const graph = useMemo(() => buildGraph({ hosts, hostNames, liveStates, expanded, host }), [hosts, hostNames, liveStates, expanded, host]);
  const option = useMemo(() => toChartOption(graph, dark), [graph, dark]);
  const found = useMemo(() => findMachines(host ? hosts.filter((h) => h.connectionId === host) : hosts, query), [hosts, host, query]);

  // How long the last option took to draw (set → ECharts' 'finished'), shown for the record and read by the ui bench.
  const [renderMs, setRenderMs] = useState<number | null>(null);
  const setAt = useRef(0);
  useEffect(() => {
    setAt.current = performance.now();
  }, [option]);

  const onNode = useCallback((n: GraphNode) => {
    if (n.kind === 'group') {
      setExpanded((prev) => {
        const next = new Set(prev);
        if (next.has(n.id)) next.delete(n.id);
        else next.add(n.id);
        return next;
      });
    } else if (n.path) go(n.path);
  }, []);
  const onNodeRef = useRef(onNode);
  onNodeRef.current = onNode;
  const onChart = useCallback((chart: ECharts | null) => {
    if (!chart) return;
    chart.on('click', (p) => {
      const d = p.data as GraphNode | undefined;
      if (p.dataType === 'node' && d?.kind) onNodeRef.current(d);
    });
    chart.on('finished', () => {
      if (setAt.current > 0) {
        setRenderMs(Math.round(performance.now() - setAt.current));
        setAt.current = 0;
      }
    });
  }, []);

  const hostOptions = (topo.data ?? []).map((h) => ({ value: h.connectionId, label: hostNames.get(h.connectionId) ?? h.connectionId }));
  const broken = hosts.filter((h) => h.error);
  const shownHosts = host ? hosts.filter((h) => h.connectionId === host).length : hosts.length;

  return (
    <Stack gap="md" h="100%">
      <PageHeader title="Topology" description="Hosts, their networks, bridges and storage pools, and how each machine is wired to them.">
        <Select
          placeholder="All hosts"
          data={hostOptions}
          value={host}
          onChange={setHost}
          clearable
          w={220}
          aria-label="Show one host"
          data-testid="topology-host"
        />
      </PageHeader>
      {topo.isError && <Alert color="red">{errorMessage(topo.error)}</Alert>}
      {broken.map((h) => (
        <Alert
          key={h.connectionId}
          color="orange"
          variant="light"
          title={`${hostNames.get(h.connectionId) ?? h.connectionId} could not be read`}
        >
          {h.error}
        </Alert>
      ))}
      {topo.isPending ? (
        <Group justify="center" p="xl">
          <Loader size="sm" />
          <Text c="dimmed">Reading every host's networks, pools and machines…</Text>
        </Group>
      ) : hosts.length === 0 ? (
        <Paper withBorder p="xl" radius="sm">
          <Text c="dimmed" ta="center" data-testid="topology-empty">
            No host is connected. Connect one under Connections and its map appears here.
          </Text>
        </Paper>
      ) : (
        <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 520 }}>
          <Paper withBorder radius="sm" p="xs" style={{ flex: 1, minWidth: 0 }}>
            <Chart
              option={option}
              replace={['series']}
              height="100%"
              style={{ minHeight: 500 }}
              onChart={onChart}
              testId="topology-chart"
              ariaLabel={`Topology: ${graph.nodes.length} nodes, ${graph.links.length} links`}
              data={{ 'data-nodes': graph.nodes.length, 'data-links': graph.links.length, 'data-render-ms': renderMs ?? undefined }}
            />
          </Paper>
          <Paper withBorder radius="sm" p="md" w={300} style={{ flexShrink: 0 }}>
            <Stack gap="sm">
              <Text size="sm" data-testid="topology-summary" data-machines={graph.machines}>
                {shownHosts} host{shownHosts === 1 ? '' : 's'} · {graph.machines} machines · {graph.nodes.length} nodes drawn
                {renderMs !== null && (
                  <Text span c="dimmed" size="xs" display="block">
                    drawn in {renderMs} ms
                  </Text>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                Click a node to open its page; click a group to expand or collapse it. Scroll to zoom, drag to move.
              </Text>
              <Group gap={10} data-testid="topology-key">
                {STATE_LEGEND.map((k) => (
                  <Group key={k.label} gap={4} wrap="nowrap">
                    <span style={{ width: 10, height: 10, borderRadius: 5, background: k.colour, display: 'inline-block' }} />
                    <Text size="xs">{k.label}</Text>
                  </Group>
                ))}
              </Group>
              <TextInput
                placeholder="Find a machine"
                leftSection={<IconSearch size={14} />}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                data-testid="topology-search"
              />
              {query.trim() && found.length === 0 && (
                <Text size="sm" c="dimmed">
                  No machine matches.
                </Text>
              )}
              {found.map((m) => (
                <Paper
                  key={`${m.connectionId}/${m.uuid}`}
                  withBorder
                  p="xs"
                  radius="sm"
                  component="a"
                  href={machinePath(m.connectionId, m.uuid)}
                  data-testid={`topology-result-${m.name}`}
                  style={{ textDecoration: 'none', color: 'inherit' }}
                >
                  <Group justify="space-between" gap={4} wrap="nowrap">
                    <Text size="sm" fw={600} truncate>
                      {m.name}
                    </Text>
                    <Badge
                      size="xs"
                      variant="light"
                      color={(liveStates.get(`${m.connectionId}/${m.uuid}`) ?? m.state) === 'running' ? 'teal' : 'gray'}
                    >
                      {liveStates.get(`${m.connectionId}/${m.uuid}`) ?? m.state}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    on {hostNames.get(m.connectionId) ?? m.connectionId}
                  </Text>
                  <Text size="xs" data-testid="topology-result-networks">
                    networks: {[...m.networks, ...m.bridges.map((b) => `bridge ${b}`)].join(', ') || 'none'}
                  </Text>
                  <Text size="xs" data-testid="topology-result-pools">
                    pools: {m.pools.join(', ') || 'none'}
                  </Text>
                </Paper>
              ))}
            </Stack>
          </Paper>
        </Group>
      )}
    </Stack>
  );
}
