/**
 * `metrics query VM SERIES --from ISO [--to ISO] [--step S]`: a machine's
 * history from the backend's metrics store, read-only beside a running app.
 * The store keys series by NovaCron's connection records, so the connection
 * is the record whose URI is --connect; the machine is a UUID, or a name that
 * the hypervisor resolves (it must then be reachable).
 */
import { isVmSeries, VM_SERIES, vmSeriesKey } from '../../../shared/contract/metrics-series.js';
import { metricsDir } from '../../backend/monitoring/paths.js';
import { defaultDataDir } from '../../backend/paths.js';
import { api, uuidToString } from '../../libvirt/index.js';
import { UsageError } from '../args.js';
import type { CliCommand } from '../command.js';
import { openClient } from '../connect.js';
import { printJson, printTable } from '../output.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseTime(value: string | true | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string') throw new UsageError(`${name} needs a time, e.g. 2026-12-01T10:00:00Z`);
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`${name} "${value}" is not an ISO 8601 time`);
  return t;
}

export const queryMetricsCommand: CliCommand = {
  path: ['metrics', 'query'],
  operands: ['VM', 'SERIES'],
  options: { '--from': 'value', '--to': 'value', '--step': 'value' },
  connects: false,
  async run(x) {
    const [vm, series] = x.operands as [string, string];
    if (!isVmSeries(series)) throw new UsageError(`unknown series "${series}"; one of: ${Object.keys(VM_SERIES).join(', ')}`);
    const from = parseTime(x.opts['--from'], '--from');
    const to = parseTime(x.opts['--to'], '--to', Date.now());
    if (to <= from) throw new UsageError('--to must be after --from');
    const stepS = x.opts['--step'] === undefined ? Math.max(2, Math.ceil((to - from) / 1000 / 1000)) : Number(x.opts['--step']);
    if (!Number.isFinite(stepS) || stepS <= 0) throw new UsageError('--step needs a positive number of seconds');

    // Loaded here, not at startup: the store's schema brings zod, which would slow every other command.
    const [{ readStoreSnapshot }, { openHistoryStore }] = await Promise.all([
      import('../../backend/store/store.js'),
      import('../../backend/monitoring/history/index.js'),
    ]);
    const dataDir = defaultDataDir();
    const doc = await readStoreSnapshot(dataDir);
    const record = doc?.connections.find((c) => c.uri === x.global.connect);
    if (!record)
      throw new UsageError(`NovaCron has no connection for ${x.global.connect} in ${dataDir}; its metrics are kept per connection`);

    let uuid = vm;
    if (!UUID.test(vm)) {
      const client = await openClient(x.global);
      try {
        uuid = uuidToString((await api.lookupDomainByName(client, vm)).uuid);
      } finally {
        await client.close();
      }
    }
    const store = await openHistoryStore({ dir: metricsDir(dataDir), readOnly: true });
    try {
      const r = await store.query(vmSeriesKey(record.id, uuid, series), from, to, stepS * 1000);
      const points = r.t.map((t, i) => ({ t: new Date(t).toISOString(), min: r.min[i]!, avg: r.avg[i]!, max: r.max[i]! }));
      if (x.global.json)
        return printJson({
          vm,
          uuid,
          connection: record.name,
          series,
          unit: VM_SERIES[series].unit,
          tier: r.tier,
          stepMs: r.stepMs,
          points,
        });
      printTable(
        ['Time', 'Min', 'Avg', 'Max'],
        points.map((p) => [p.t, p.min.toFixed(2), p.avg.toFixed(2), p.max.toFixed(2)]),
      );
    } finally {
      await store.close();
    }
  },
};
