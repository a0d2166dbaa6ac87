/**
 * A throwaway Prometheus (Debian's package) for the round-trip test: its own
 * process on loopback, its own config and TSDB in a temp dir, the remote-write
 * receiver on. Never the system service or its default config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface ScrapeTarget {
  address: string;
  tokenFile: string;
}

/** A config that scrapes NovaCron's /metrics every second with its bearer token (read from a 0600 file). */
export async function writeConfig(dir: string, target: ScrapeTarget): Promise<string> {
  const file = join(dir, 'prometheus.yml');
  const yaml = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 900ms',
    'scrape_configs:',
    '  - job_name: novacron',
    '    metrics_path: /metrics',
    '    authorization:',
    '      type: Bearer',
    `      credentials_file: ${JSON.stringify(target.tokenFile)}`,
    '    static_configs:',
    `      - targets: [${JSON.stringify(target.address)}]`,
    '',
  ].join('\n');
  await writeFile(file, yaml, { mode: 0o600 });
  return file;
}

export class PrometheusProcess {
  private child: ChildProcess | null = null;
  private log = '';
  readonly base: string;

  constructor(
    readonly port: number,
    readonly configFile: string,
    readonly storageDir: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last few KiB of its log, for failure messages. */
  get output(): string {
    return this.log.slice(-4000);
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (!existsSync(PROMETHEUS_BIN)) throw new Error(`${PROMETHEUS_BIN} is missing: apt-get install prometheus`);
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${this.configFile}`,
        `--storage.tsdb.path=${this.storageDir}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
        '--web.enable-remote-write-receiver',
        '--storage.tsdb.retention.time=1d',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-16_000);
    });
    this.child = child;
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${this.output}`);
      const ok = await fetch(`${this.base}/-/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`prometheus was not ready within ${timeoutMs} ms: ${this.output}`);
  }

  /** SIGKILL by PID (no clean shutdown), and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, 'SIGKILL');
    await gone;
    this.child = null;
  }

  async api<T>(path: string, params: Record<string, string>): Promise<T> {
    const res = await fetch(`${this.base}${path}?${new URLSearchParams(params).toString()}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  }

  /** Every raw sample of the series matching `selector` in the last `window`, as exact ms times and numbers. */
  async rawSamples(selector: string, window = '30m'): Promise<{ metric: Record<string, string>; samples: [number, number][] }[]> {
    const data = await this.api<{ resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] }>(
      '/api/v1/query',
      { query: `${selector}[${window}]`, time: String(Date.now() / 1000) },
    );
    return data.result.map((r) => ({
      metric: r.metric,
      samples: r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)] as [number, number]),
    }));
  }
}
