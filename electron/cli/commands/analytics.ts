/**
 * `analytics anomalies|forecast|capacity|rightsize`: the analytics of the
 * NovaCron app, computed here from its files read-only (no backend) by the
 * same functions the app's analytics feature runs. The history is keyed by
 * NovaCron's connection records: the connection is the record whose URI is
 * --connect. Capacity covers every recorded host's memory and CPU, plus the
 * pools of the --connect host when it is reachable; right-sizing covers the
 * --connect host's machines (consolidation needs the app, which sees every
 * connected host).
 */
import { isHostSeries, isVmSeries } from '../../../shared/contract/metrics-series.js';
import { metricsDir } from '../../backend/monitoring/paths.js';
import { defaultDataDir } from '../../backend/paths.js';
import { api, uuidToString } from '../../libvirt/index.js';
import { UsageError, type GlobalOptions } from '../args.js';
import type { CliCommand } from '../command.js';
import { openClient } from '../connect.js';
import { printJson, printTable } from '../output.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "7d", "12h", "90m", "2w" -> ms. */
export function parseDuration(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value.trim()) : null;
  if (!m) throw new UsageError(`${name} needs a duration such as 7d, 12h or 90m`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

function parseNumber(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n)) throw new UsageError(`${name} needs a number`);
  return n;
}

interface ConnectionRecord {
  id: string;
  name: string;
  uri: string;
}

async function readRecords(): Promise<ConnectionRecord[]> {
  const { readStoreSnapshot } = await import('../../backend/store/store.js');
  return (await readStoreSnapshot(defaultDataDir()))?.connections ?? [];
}

async function findRecord(g: GlobalOptions): Promise<ConnectionRecord> {
  const record = (await readRecords()).find((c) => c.uri === g.connect);
  if (!record)
    throw new UsageError(`NovaCron has no connection for ${g.connect} in ${defaultDataDir()}; its history is kept per connection`);
  return record;
}

async function openHistory() {
  const { openHistoryStore } = await import('../../backend/monitoring/history/index.js');
  return openHistoryStore({ dir: metricsDir(defaultDataDir()), readOnly: true });
}

async function resolveUuid(g: GlobalOptions, vm: string): Promise<string> {
  if (UUID.test(vm)) return vm;
  const client = await openClient(g);
  try {
    return uuidToString((await api.lookupDomainByName(client, vm)).uuid);
  } finally {
    await client.close();
  }
}

const anomaliesCommand: CliCommand = {
  path: ['analytics', 'anomalies'],
  operands: [],
  options: { '--since': 'value' },
  connects: false,
  async run(x) {
    const since = x.opts['--since'];
    let from: number | undefined;
    if (since !== undefined) {
      from = typeof since === 'string' ? Date.parse(since) : Number.NaN;
      if (!Number.isFinite(from)) throw new UsageError('--since needs an ISO 8601 time, e.g. 2026-12-01T10:00:00Z');
    }
    const [{ readAnomalyFile, anomalyFile }, { filterAnomalies }] = await Promise.all([
      import('../../backend/analytics/live/feed-file.js'),
      import('../../backend/analytics/live/anomaly-feed.js'),
    ]);
    const records = filterAnomalies(await readAnomalyFile(anomalyFile(defaultDataDir())), {
      ...(from !== undefined ? { since: from } : {}),
      limit: 10_000,
    });
    if (x.global.json) return printJson(records);
    if (records.length === 0) return void process.stdout.write('no anomalies recorded\n');
    printTable(
      ['Time', 'Subject', 'Series', 'Score', 'Value'],
      records.map((r) => [new Date(r.t).toISOString(), r.name, r.series, r.score.toFixed(2), r.value.toFixed(2)]),
    );
  },
};

const forecastCommand: CliCommand = {
  path: ['analytics', 'forecast'],
  operands: ['VM', 'SERIES'],
  options: { '--horizon': 'value' },
  connects: false,
  async run(x) {
    const [vm, series] = x.operands as [string, string];
    if (!isVmSeries(series) && !isHostSeries(series)) throw new UsageError(`unknown series "${series}"`);
    const horizonMs = parseDuration(x.opts['--horizon'], '--horizon', 86_400_000);
    if (horizonMs < 60_000 || horizonMs > 365 * 86_400_000) throw new UsageError('--horizon must be between 1m and 365d');
    const record = await findRecord(x.global);
    const uuid = isHostSeries(series) ? undefined : await resolveUuid(x.global, vm);
    const { forecastHistory } = await import('../../backend/analytics/capacity/forecast.js');
    const store = await openHistory();
    try {
      const q = { connectionId: record.id, ...(uuid ? { uuid } : {}), series, horizonMs, level: 0.8 };
      const f = await forecastHistory(store, q, Date.now());
      if (x.global.json) return printJson({ vm, ...(uuid ? { uuid } : {}), connection: record.name, ...f });
      printTable(
        ['Time', 'Low', 'Mean', 'High'],
        f.t.map((t, i) => [new Date(t).toISOString(), f.low[i]!.toFixed(2), f.mean[i]!.toFixed(2), f.high[i]!.toFixed(2)]),
      );
    } finally {
      await store.close();
    }
  },
};

const capacityCommand: CliCommand = {
  path: ['analytics', 'capacity'],
  operands: [],
  connects: false,
  async run(x) {
    const records = await readRecords();
    const [{ planCapacity }, { readPoolSizes }] = await Promise.all([
      import('../../backend/analytics/capacity/plan.js'),
      import('../../backend/monitoring/pools.js'),
    ]);
    const here = records.find((c) => c.uri === x.global.connect);
    let pools: { connectionId: string; name: string; pool: string; capacity: number; allocation: number }[] = [];
    if (here) {
      try {
        const client = await openClient(x.global);
        try {
          pools = (await readPoolSizes(client)).map((p) => ({
            connectionId: here.id,
            name: here.name,
            pool: p.name,
            capacity: p.capacity,
            allocation: p.allocation,
          }));
        } finally {
          await client.close();
        }
      } catch (e) {
        process.stderr.write(`pools of ${x.global.connect} left out: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    const store = await openHistory();
    try {
      const hosts = records.map((c) => ({ connectionId: c.id, name: c.name }));
      const report = await planCapacity(store, hosts, pools, Date.now());
      if (x.global.json) return printJson(report);
      const days = (d: number | null) => (d === null ? '-' : d.toFixed(1));
      printTable(
        ['Resource', 'Fill %', 'Days until full', 'Earliest', 'Latest', 'Samples'],
        report.items.map((i) => [i.label, i.fillPct.toFixed(1), days(i.days), days(i.low), days(i.high), i.basis.samples]),
      );
    } finally {
      await store.close();
    }
  },
};

const rightsizeCommand: CliCommand = {
  path: ['analytics', 'rightsize'],
  operands: [],
  options: { '--idle-days': 'value', '--idle-net': 'value', '--headroom': 'value' },
  connects: true,
  async run(x) {
    const record = await findRecord(x.global);
    const [{ rightsizeFleet }, { readFleetHost }] = await Promise.all([
      import('../../backend/analytics/rightsize/report.js'),
      import('../../backend/analytics/rightsize/fleet.js'),
    ]);
    const fleet = [await readFleetHost(record.id, record.name, x.client!)];
    const store = await openHistory();
    try {
      const report = await rightsizeFleet(
        store,
        fleet,
        {
          idleDays: parseNumber(x.opts['--idle-days'], '--idle-days') ?? 3,
          idleNetBps: parseNumber(x.opts['--idle-net'], '--idle-net') ?? 2048,
          headroomPct: parseNumber(x.opts['--headroom'], '--headroom') ?? 20,
        },
        Date.now(),
      );
      if (x.global.json) return printJson(report);
      if (report.machines.length === 0) return void process.stdout.write('no suggestions\n');
      printTable(
        ['Machine', 'Suggestion', 'Why'],
        report.machines.map((s) => [s.name, s.kind, s.reason]),
      );
    } finally {
      await store.close();
    }
  },
};

export const analyticsCommands: CliCommand[] = [anomaliesCommand, forecastCommand, capacityCommand, rightsizeCommand];
