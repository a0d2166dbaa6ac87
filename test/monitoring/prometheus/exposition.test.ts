/** The /metrics text (format 0.0.4) and the token guard of its server. */
import { afterEach, describe, expect, it } from 'vitest';
import { renderExposition } from '../../../electron/backend/monitoring/prometheus/exposition.js';
import { startMetricsServer, type MetricsServer } from '../../../electron/backend/monitoring/prometheus/metrics-server.js';
import { samplesOfSweep } from '../../../electron/backend/monitoring/prometheus/sweep-samples.js';
import type { HostSweep } from '../../../electron/backend/monitoring/feed.js';

const sweep: HostSweep = {
  connectionId: 'c1',
  t: 1_700_000_000_000,
  ms: 12,
  host: { host_cpu_pct: 12.5, host_mem_used_kib: 2048 },
  vms: [
    { uuid: 'u-1', name: 'web "a"\\b\nc', state: 1, values: { cpu_pct: 0.1 + 0.2, mem_used_kib: 1000, disk_rd_bps: 0 } },
    { uuid: 'u-2', name: 'db', state: 5, values: {} },
  ],
};

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('exposition', () => {
  it('names series in base units with the connection, host, vm and uuid labels', () => {
    const text = renderExposition(samplesOfSweep(sweep, 'hv1'));
    expect(text).toContain(
      '# TYPE novacron_host_memory_used_bytes gauge\nnovacron_host_memory_used_bytes{connection="c1",host="hv1"} 2097152\n',
    );
    expect(text).toContain('novacron_host_cpu_percent{connection="c1",host="hv1"} 12.5\n');
    expect(text).toContain(
      'novacron_vm_cpu_percent{connection="c1",host="hv1",vm="web \\"a\\"\\\\b\\nc",uuid="u-1"} 0.30000000000000004\n',
    );
    expect(text).toContain('novacron_vm_memory_used_bytes{connection="c1",host="hv1",vm="web \\"a\\"\\\\b\\nc",uuid="u-1"} 1024000\n');
    expect(text).toContain('novacron_vm_disk_read_bytes_per_second{');
    expect(text).toContain('novacron_vm_state{connection="c1",host="hv1",vm="db",uuid="u-2"} 5\n');
    expect(text).toMatch(/# HELP novacron_vm_cpu_percent .+\n# TYPE novacron_vm_cpu_percent gauge\n/);
    // One HELP/TYPE block per metric, every sample line inside its block.
    const names = text
      .split('\n')
      .filter((l) => l.startsWith('# TYPE'))
      .map((l) => l.split(' ')[2]);
    expect(new Set(names).size).toBe(names.length);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('leaves out the host label while the hostname is unknown', () => {
    expect(renderExposition(samplesOfSweep(sweep, undefined))).toContain('novacron_host_cpu_percent{connection="c1"} 12.5\n');
  });

  it('serves /metrics only with the bearer token, on loopback', async () => {
    server = await startMetricsServer({ bindAddress: '127.0.0.1', port: 0, token: () => 'tok-1', render: () => 'x 1\n' });
    expect(server.address).toBe('127.0.0.1');
    const url = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer tok-2' } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer tok-1x' } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: 'tok-1' } })).status).toBe(401);
    expect((await fetch(`${url}/other`, { headers: { Authorization: 'Bearer tok-1' } })).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST', headers: { Authorization: 'Bearer tok-1' } })).status).toBe(405);
    const ok = await fetch(`${url}/metrics`, { headers: { Authorization: 'Bearer tok-1' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('x 1\n');
    expect(server.counts).toEqual({ scrapes: 1, refused: 4 });
  });
});
