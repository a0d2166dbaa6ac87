/**
 * `npm run bench -- ui`: the Machines table in Chromium with 2,000 machines on
 * two test-driver hosts (the lab's, and a second generated like
 * e2e/lab/gen-testhost.py does, under a temp dir), both connected through the
 * headless console's real backend. While the table scrolls 400 px per frame,
 * NovaCron starts and destroys test domains at 50 a second (real libvirt state
 * changes, whose events flow through the backend, the WebSocket and the cache
 * sync into the rows). Frame times are requestAnimationFrame deltas; the same
 * scroll on a plain page of as many rows, in the same browser, is the
 * baseline. Then the time from a click on a machine's name to its page
 * showing the overview (vms.details answered and painted).
 *
 * Last line: frame_p95_ms=<…> baseline_p95_ms=<…> frame_ratio=<table/plain> page_ms=<…>
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/api.js';
import { noSecretStore } from '../electron/backend/credentials/secret-store.js';
import { createMemoryLogger } from '../electron/backend/log.js';
import { startHeadlessServer } from '../electron/server/server.js';
import { median, readLab } from './lab.js';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 360);
const EVENTS_PER_SECOND = Number(process.env.BENCH_EVENTS ?? 50);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 7);

/** The few browser globals the page-side functions use (this file compiles without the DOM library). */
interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}
interface BrowserGlobals {
  document: { querySelector(s: string): unknown; scrollingElement: unknown };
  requestAnimationFrame(cb: (t: number) => void): number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

/** rAF deltas while the element (or the document) scrolls `step` px per frame, bouncing at the ends. */
async function scrollFrames(page: Page, selector: string | null, frames: number, step = 400): Promise<number[]> {
  return page.evaluate(
    ({ selector, frames, step }) =>
      new Promise<number[]>((resolve) => {
        const g = globalThis as unknown as BrowserGlobals;
        const el = (selector ? g.document.querySelector(selector) : g.document.scrollingElement) as ScrollBox;
        const deltas: number[] = [];
        let dir = 1;
        let last = 0;
        let n = 0;
        const tick = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          const max = el.scrollHeight - el.clientHeight;
          let next = el.scrollTop + dir * step;
          if (next >= max || next <= 0) {
            dir = -dir;
            next = Math.max(0, Math.min(max, next));
          }
          el.scrollTop = next;
          if (++n < frames) g.requestAnimationFrame(tick);
          else resolve(deltas);
        };
        g.requestAnimationFrame(tick);
      }),
    { selector, frames, step },
  );
}

const PLAIN = (rows: number) => `<!doctype html><html><body style="margin:0;font:14px system-ui">
${Array.from({ length: rows }, (_, i) => `<div style="height:40px;border-bottom:1px solid #ddd;display:flex;gap:24px;align-items:center;padding:0 16px"><b>sim-${String(i).padStart(4, '0')}</b><span>host-${i % 2}</span><span>running</span><span>${i % 8}</span></div>`).join('\n')}
</body></html>`;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** BENCH_PROFILE=1: the functions with the most self time during the table's scroll. */
function printProfile(p: CpuProfile): void {
  const self = new Map<string, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  (p.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

async function main(): Promise<void> {
  if (!existsSync('dist/renderer/index.html')) throw new Error('dist/renderer is missing: run `npm run build` first');
  const lab = readLab();
  const tmp = await mkdtemp(join(tmpdir(), 'novacron-bench-ui-'));
  const secondFile = join(tmp, 'testhost-b.xml');
  execFileSync('python3', ['e2e/lab/gen-testhost.py', secondFile, '1000']);
  const hosts = [
    { name: 'sim-a', uri: lab.testHost },
    { name: 'sim-b', uri: `test+unix://${secondFile}` },
  ];

  const log = createMemoryLogger();
  const backend = await createBackend({
    dataDir: join(tmp, 'data'),
    secretStore: noSecretStore,
    shell: 'headless',
    autoConnect: false,
    log,
  });
  const server = await startHeadlessServer({ backend, rendererDir: 'dist/renderer', port: 0, log });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await backend.invoke(method as never, input as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const domains: { connectionId: string; uuid: string; running: boolean }[] = [];
  for (const h of hosts) {
    const c = await call<{ id: string }>('connections.add', { name: h.name, uri: h.uri });
    await call('connections.connect', { id: c.id });
    const vms = await call<{ uuid: string; state: string }[]>('vms.list', { connectionId: c.id });
    for (const v of vms.slice(0, 100)) domains.push({ connectionId: c.id, uuid: v.uuid, running: v.state === 'running' });
  }

  // The system Chromium, as playwright.config.ts launches it.
  const browser = await chromium.launch({
    executablePath: process.env.NOVACRON_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('nav-machines').click();
    await page.locator('[data-testid="vm-count"][data-total="2000"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('vm-table-scroll').waitFor();
    // For profiling: BENCH_CSS adds a style sheet (e.g. hiding a column to see what it costs).
    if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS });

    // State changes at 50/s through libvirt (start/destroy of test domains), while the table scrolls.
    let sent = 0;
    let failed = 0;
    let stop = false;
    const driver = (async () => {
      const interval = 1000 / EVENTS_PER_SECOND;
      const t0 = performance.now();
      while (!stop && EVENTS_PER_SECOND > 0) {
        const d = domains[sent % domains.length]!;
        const action = d.running ? 'destroy' : 'start';
        d.running = !d.running;
        sent++;
        void call('vms.act', { connectionId: d.connectionId, uuid: d.uuid, action }).catch(() => failed++);
        const wait = t0 + sent * interval - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    await scrollFrames(page, '[data-testid="vm-table-scroll"]', 60); // warm-up
    const sentBefore = sent;
    const t = performance.now();
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const table = await scrollFrames(page, '[data-testid="vm-table-scroll"]', FRAMES);
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      printProfile(profile);
    }
    const seconds = (performance.now() - t) / 1000;
    const rate = (sent - sentBefore) / seconds;
    stop = true;
    await driver;

    // The plain page, same browser, same scroll.
    const plainPage = await context.newPage();
    await plainPage.setContent(PLAIN(2000));
    await scrollFrames(plainPage, null, 60);
    const plain = await scrollFrames(plainPage, null, FRAMES);
    await plainPage.close();

    // Click to overview: a machine's name in the table, until its page shows vms.details' vCPUs.
    const pageMs: number[] = [];
    await page.getByTestId('vm-table-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    for (let i = 0; i < PAGE_RUNS; i++) {
      const link = page.locator('[data-testid^="vm-open-"]').nth(2 + i);
      await link.waitFor();
      const ms = await link.evaluate(
        (a) =>
          new Promise<number>((resolve) => {
            const g = globalThis as unknown as BrowserGlobals;
            const t0 = performance.now();
            (a as unknown as { click(): void }).click();
            const check = () => {
              if (g.document.querySelector('[data-testid="overview-vcpus"]'))
                g.requestAnimationFrame(() => resolve(performance.now() - t0));
              else g.requestAnimationFrame(check);
            };
            check();
          }),
      );
      pageMs.push(ms);
      await page.goBack();
      await page.getByTestId('vm-table-scroll').waitFor();
    }

    // The Topology map of the same 2,000 machines: from the click on its area to ECharts' 'finished'
    // (topology.get of both hosts, the graph built, grouped, laid out and drawn).
    const topoMs: number[] = [];
    let topoNodes = 0;
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('nav-machines').click();
      await page.getByTestId('vm-table-scroll').waitFor();
      const t0 = performance.now();
      await page.getByTestId('nav-topology').click();
      await page.locator('[data-testid="topology-chart"][data-render-ms]').waitFor({ timeout: 60_000 });
      topoMs.push(performance.now() - t0);
      topoNodes = Number(await page.getByTestId('topology-chart').getAttribute('data-nodes'));
    }
    const drawMs = Number(await page.getByTestId('topology-chart').getAttribute('data-render-ms'));

    const p50 = median(table);
    const p95 = pct(table, 0.95);
    const b50 = median(plain);
    const b95 = pct(plain, 0.95);
    console.log(
      `machines: 2000 on 2 test-driver hosts; ${FRAMES} frames of 400 px; state changes ${rate.toFixed(1)}/s (${failed} refused)`,
    );
    console.log(`table frame time: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...table).toFixed(2)} ms`);
    console.log(`plain page frame time: p50 ${b50.toFixed(2)} ms, p95 ${b95.toFixed(2)} ms, max ${Math.max(...plain).toFixed(2)} ms`);
    console.log(`click to overview: median ${median(pageMs).toFixed(1)} ms (runs: ${pageMs.map((m) => m.toFixed(0)).join(', ')})`);
    console.log(
      `topology of 2000 machines: click to drawn median ${median(topoMs).toFixed(1)} ms (${topoMs.map((m) => m.toFixed(0)).join(', ')}); ${topoNodes} nodes after grouping; draw alone ${drawMs} ms`,
    );
    console.log(
      `frame_p95_ms=${p95.toFixed(2)} baseline_p95_ms=${b95.toFixed(2)} frame_ratio=${(p95 / b95).toFixed(2)} page_ms=${median(pageMs).toFixed(1)}`,
    );
  } finally {
    await browser.close();
    await server.close();
    await backend.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
