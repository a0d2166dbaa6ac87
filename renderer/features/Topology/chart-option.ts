/**
 * The map as an ECharts graph option: shapes by kind, colours by state, a
 * force layout that settles before it is shown when the graph is big (an
 * animated layout of hundreds of nodes only makes the page busy).
 */
import type { ChartOption } from '../../components/Chart/echarts';
import type { Graph, GraphNode, NodeKind } from './graph';

export const KINDS: readonly { kind: NodeKind; label: string; symbol: string }[] = [
  { kind: 'host', label: 'Hosts', symbol: 'roundRect' },
  { kind: 'network', label: 'Networks', symbol: 'diamond' },
  { kind: 'bridge', label: 'Bridges', symbol: 'triangle' },
  { kind: 'pool', label: 'Storage pools', symbol: 'rect' },
  { kind: 'group', label: 'Machine groups', symbol: 'roundRect' },
  { kind: 'machine', label: 'Machines', symbol: 'circle' },
];

/** Colours by state; the same meaning everywhere on the console (green runs, grey is off, red is trouble). */
const STATUS_COLOURS: Record<string, string> = {
  running: '#2f9e44',
  paused: '#f08c00',
  pmsuspended: '#f08c00',
  blocked: '#f08c00',
  shutdown: '#868e96',
  shutoff: '#868e96',
  nostate: '#868e96',
  crashed: '#e03131',
  up: '#1c7ed6',
  error: '#e03131',
  active: '#0c8599',
  inactive: '#adb5bd',
  collapsed: '#7048e8',
  expanded: '#b197fc',
};

/** What the colours mean, for the key beside the map. */
export const STATE_LEGEND: readonly { label: string; colour: string }[] = [
  { label: 'running', colour: STATUS_COLOURS.running! },
  { label: 'paused', colour: STATUS_COLOURS.paused! },
  { label: 'shut off', colour: STATUS_COLOURS.shutoff! },
  { label: 'crashed or unreachable', colour: STATUS_COLOURS.crashed! },
  { label: 'host', colour: STATUS_COLOURS.up! },
  { label: 'network or pool active', colour: STATUS_COLOURS.active! },
  { label: 'inactive', colour: STATUS_COLOURS.inactive! },
  { label: 'group of machines', colour: STATUS_COLOURS.collapsed! },
];

const colourOf = (n: GraphNode) => STATUS_COLOURS[n.status] ?? '#868e96';

function sizeOf(n: GraphNode): number {
  switch (n.kind) {
    case 'host':
      return 34;
    case 'network':
    case 'pool':
      return 20;
    case 'bridge':
      return 14;
    case 'group':
      // Area grows with the count, within reason.
      return Math.min(44, 14 + Math.sqrt(n.count ?? 1) * 2);
    default:
      return 10;
  }
}

/** Above this many nodes the layout is computed before drawing, and machine labels wait for a hover. */
export const BIG_GRAPH = 250;

export function toChartOption(graph: Graph, dark: boolean): ChartOption {
  const big = graph.nodes.length > BIG_GRAPH;
  const index = new Map(KINDS.map((k, i) => [k.kind, i]));
  const text = dark ? '#c1c2c5' : '#343a40';
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const d = (p as { data?: GraphNode & { source?: string } }).data;
        if (!d || d.source !== undefined || !d.kind) return '';
        const kind = KINDS.find((k) => k.kind === d.kind)?.label.replace(/s$/, '') ?? d.kind;
        const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
        return `<b>${esc(d.label)}</b><br/>${esc(kind)} · ${esc(d.status)}${d.kind === 'group' ? '<br/>click to expand or collapse' : ''}`;
      },
    },
    legend: { data: KINDS.map((k) => ({ name: k.label, icon: k.symbol })), bottom: 0, textStyle: { color: text } },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        animation: !big,
        force: {
          repulsion: big ? 80 : 320,
          edgeLength: big ? [25, 70] : [60, 150],
          gravity: big ? 0.15 : 0.08,
          layoutAnimation: !big,
        },
        // The legend tells shapes apart; colours are the nodes' states (see STATE_LEGEND), so its icons stay neutral.
        categories: KINDS.map((k) => ({ name: k.label, symbol: k.symbol, itemStyle: { color: dark ? '#909296' : '#868e96' } })),
        label: { show: true, position: 'right', fontSize: 11, color: text },
        labelLayout: { hideOverlap: true },
        lineStyle: { color: dark ? '#5c5f66' : '#ced4da', width: 1, curveness: 0.05 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2 } },
        data: graph.nodes.map((n) => ({
          ...n,
          name: n.id,
          category: index.get(n.kind),
          symbolSize: sizeOf(n),
          itemStyle: { color: colourOf(n) },
          label: { show: n.kind !== 'machine' || !big, formatter: n.label },
        })),
        links: graph.links,
      },
    ],
  };
}
