/**
 * `npm run bench -- stats`: repeated bulk statistics sweeps (CONNECT_GET_ALL_DOMAIN_STATS,
 * all groups, all domains) with our client and with the C library (python3-libvirt's
 * getAllDomainStats) against the same daemon; both sides turn the reply into
 * name -> value maps. Last line: ratio=<ours/C> (geometric mean over the hosts of the
 * median sweep time ratio).
 */
import { execFileSync } from 'node:child_process';
import { getAllDomainStats, LibvirtClient, statsToRecord } from '../electron/libvirt/index.js';
import { fmt, median, readLab } from './lab.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;

async function sweepOurs(uri: string): Promise<{ times: number[]; domains: number }> {
  const c = await LibvirtClient.connect(uri, { keepalive: false });
  const times: number[] = [];
  let domains = 0;
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = performance.now();
      const recs = await getAllDomainStats(c, { stats: 0, flags: 0 });
      const maps = recs.map((r) => ({ dom: r.dom, stats: statsToRecord(r) }));
      const dt = performance.now() - t;
      domains = maps.length;
      if (i >= WARMUP) times.push(dt);
    }
  } finally {
    await c.close();
  }
  return { times, domains };
}

function sweepC(uri: string): { times: number[]; domains: number } {
  const out = execFileSync('/usr/bin/python3', ['bench/stats-peer.py', uri, String(RUNS), String(WARMUP)], { encoding: 'utf8' });
  return JSON.parse(out) as { times: number[]; domains: number };
}

const lab = readLab();
const hosts = [
  { label: `test host (${lab.testHostDomains} domains)`, uri: lab.testHost },
  { label: 'real QEMU guests', uri: lab.system },
];
const ratios: number[] = [];
console.log(`bulk stats sweep, ${RUNS} runs after ${WARMUP} warm-up, median per sweep`);
for (const h of hosts) {
  // Alternate the order so neither side always runs on a warmer daemon.
  const c1 = sweepC(h.uri);
  const o = await sweepOurs(h.uri);
  const c2 = sweepC(h.uri);
  const cMed = median([...c1.times, ...c2.times]);
  const oMed = median(o.times);
  if (o.domains !== c1.domains) throw new Error(`domain counts differ on ${h.uri}: ours ${o.domains}, C ${c1.domains}`);
  const ratio = oMed / cMed;
  ratios.push(ratio);
  console.log(`${h.label}: ours ${fmt(oMed)}  C library ${fmt(cMed)}  (${o.domains} domains)  ours/C ${ratio.toFixed(2)}`);
}
const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
console.log(`ratio=${geo.toFixed(2)}`);
