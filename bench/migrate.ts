/**
 * `npm run bench -- migrate`: the first lab host's own guest migrated live
 * between the multi-host lab's first two hypervisors (`lab.sh up --hosts 2`),
 * with NovaCron's CLI (`vm migrate --live`, client-managed over its own two
 * connections) and with `virsh migrate --live --persistent --undefinesource`
 * (also client-managed: no --p2p), the same flags, whole processes. Each
 * round runs ours A→B, virsh B→A, virsh A→B, ours B→A, so both tools make
 * both trips equally. The migration's own time and its downtime are the
 * finished job's figures on the target (`virsh domjobinfo --completed`), read
 * the same way for both; the whole-process times are printed too.
 *
 * Then the same over a shaped link (`lab.sh netem`, default 100mbit / 20 ms
 * on the second host's link) with the guest holding compressible data in
 * memory: NovaCron without and with its slow-link options (compression),
 * printing the time saved.
 *
 *   BENCH_ROUNDS      rounds on the plain link (default 5)
 *   BENCH_SLOW_ROUNDS rounds on the shaped link (default 2)
 *   BENCH_NETEM       "RATE DELAY" (default "100mbit 20ms")
 *   BENCH_FILL_MIB    MiB of compressible data the guest keeps in memory for the slow-link part (default 48)
 *   BENCH_SLOW_OPTS   our slow-link options (default "--compression mt": libvirt 9.0 refuses zstd;
 *                     "--compression zstd" where the daemons have multifd compression; xbzrle only
 *                     helps pages sent again, so it saves nothing on this mostly idle guest)
 *
 * Last line: ratio=<ours/virsh> of the median migration times (the target's job) on the plain link.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { median } from './lab.js';

interface LabHost {
  name: string;
  tcp: string;
  runningGuest: string;
}
const raw =
  process.env.NOVACRON_LAB_JSON || execFileSync('bash', ['e2e/lab/lab.sh', 'status'], { encoding: 'utf8' }).trim().split('\n').pop();
if (!raw) throw new Error('the lab is not up: run `bash e2e/lab/lab.sh up --hosts 2`');
const hosts = (JSON.parse(raw) as { hosts?: LabHost[] }).hosts ?? [];
if (hosts.length < 2) throw new Error('the multi-host lab is not up: run `bash e2e/lab/lab.sh up --hosts 2`');
const [A, B] = [hosts[0]!, hosts[1]!];
const guest = A.runningGuest;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SLOW_ROUNDS = Number(process.env.BENCH_SLOW_ROUNDS ?? 2);
const [RATE, DELAY] = (process.env.BENCH_NETEM ?? '100mbit 20ms').split(/\s+/);
const FILL_MIB = Number(process.env.BENCH_FILL_MIB ?? 48);
const SLOW_OPTS = (process.env.BENCH_SLOW_OPTS ?? '--compression mt').split(/\s+/).filter(Boolean);

function virshOut(uri: string, ...args: string[]): string {
  return execFileSync('virsh', ['-q', '-c', uri, ...args], { encoding: 'utf8', timeout: 600_000 });
}

function where(): LabHost {
  for (const h of [A, B])
    if (spawnSync('virsh', ['-q', '-c', h.tcp, 'domstate', guest], { encoding: 'utf8' }).stdout.trim() === 'running') return h;
  throw new Error(`${guest} runs on neither lab host`);
}

interface Trip {
  /** Whole process, start to exit. */
  s: number;
  /** The migration itself as the target's daemon timed it (its job's elapsed time). */
  job: number | null;
  downtime: number | null;
}

/** The finished migration's elapsed time and downtime, in ms, as the target reports them (read the same way for both tools). */
function jobOn(h: LabHost): { job: number | null; downtime: number | null } {
  const out = virshOut(h.tcp, 'domjobinfo', '--completed', guest);
  const ms = (re: RegExp) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : null;
  };
  return { job: ms(/Time elapsed:\s+(\d+)\s*ms/), downtime: ms(/Total downtime:\s+(\d+)\s*ms/) };
}

function ours(from: LabHost, to: LabHost, extra: string[] = []): Trip {
  const t = performance.now();
  execFileSync(process.execPath, ['dist/node/cli.mjs', '--connect', from.tcp, 'vm', 'migrate', guest, '--to', to.tcp, '--live', ...extra], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  return { s: (performance.now() - t) / 1000, ...jobOn(to) };
}

function virsh(from: LabHost, to: LabHost): Trip {
  const t = performance.now();
  execFileSync(
    'virsh',
    ['-q', '-c', from.tcp, 'migrate', '--live', '--persistent', '--undefinesource', '--abort-on-error', guest, to.tcp],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    },
  );
  return { s: (performance.now() - t) / 1000, ...jobOn(to) };
}

/** Fills the guest's memory (tmpfs) with compressible text, through its serial console. */
function fillGuest(on: LabHost, mib: number): void {
  const py = `
import libvirt, sys, time
c = libvirt.open(sys.argv[1]); d = c.lookupByName(sys.argv[2])
st = c.newStream(0); d.openConsole(None, st, libvirt.VIR_DOMAIN_CONSOLE_FORCE)
st.send(b"\\nrm -f /dev/shm/fill; yes NOVACRON-BENCH-DATA | head -c ${mib}M > /dev/shm/fill; echo FILL$((1+1))DONE\\n")
buf = b""; end = time.time() + 120
while b"FILL2DONE" not in buf and time.time() < end:
    buf += st.recv(4096) or b""
st.abort()
sys.exit(0 if b"FILL2DONE" in buf else 1)
`;
  execFileSync('/usr/bin/python3', ['-c', py, on.tcp, guest], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 });
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
const dt = (xs: (number | null)[]) => xs.map((x) => (x === null ? '?' : String(x))).join(', ');
const o: number[] = [];
const v: number[] = [];
const oj: number[] = [];
const vj: number[] = [];
const od: (number | null)[] = [];
const vd: (number | null)[] = [];
// home: the guest starts (and ends) on A
if (where() !== A) virsh(B, A);
// warm-up: one trip each way
virsh(A, B);
ours(B, A);
for (let i = 0; i < ROUNDS; i++) {
  for (const [tool, from, to] of [
    ['ours', A, B],
    ['virsh', B, A],
    ['virsh', A, B],
    ['ours', B, A],
  ] as const) {
    const r = tool === 'ours' ? ours(from, to) : virsh(from, to);
    (tool === 'ours' ? o : v).push(r.s);
    if (r.job !== null) (tool === 'ours' ? oj : vj).push(r.job / 1000);
    (tool === 'ours' ? od : vd).push(r.downtime);
  }
}
console.log(
  `live migration of ${guest} between ${A.name} and ${B.name} (qemu+tcp, client-managed, whole processes), ${ROUNDS} rounds of 4 trips`,
);
console.log(`novacron vm migrate --live: median ${median(o).toFixed(2)} s (runs: ${fmt(o)}); downtime ms: ${dt(od)}`);
console.log(`virsh migrate --live:       median ${median(v).toFixed(2)} s (runs: ${fmt(v)}); downtime ms: ${dt(vd)}`);
console.log(
  `the migration itself (the target's job, prepare to finish): novacron median ${median(oj).toFixed(3)} s (${fmt(oj)}), virsh median ${median(vj).toFixed(3)} s (${fmt(vj)})`,
);
console.log(
  `whole-process ratio ${(median(o) / median(v)).toFixed(2)} (it includes starting Node and loading the CLI, about 0.12 s a run, which virsh, a C program, does not pay)`,
);

// The shaped link: B's link slowed both ways; the guest holds compressible data.
const slowPlain: number[] = [];
const slowTuned: number[] = [];
if (SLOW_ROUNDS > 0) {
  fillGuest(A, FILL_MIB);
  execFileSync('bash', ['e2e/lab/lab.sh', 'netem', B.name, '--rate', RATE!, '--delay', DELAY!], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (let i = 0; i < SLOW_ROUNDS; i++) {
      slowPlain.push(ours(A, B).s);
      ours(B, A, SLOW_OPTS); // back, tuned too (not counted: the direction differs)
      slowTuned.push(ours(A, B, SLOW_OPTS).s);
      ours(B, A);
    }
  } finally {
    execFileSync('bash', ['e2e/lab/lab.sh', 'netem', B.name, 'clear'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const saved = median(slowPlain) - median(slowTuned);
  console.log(`over ${RATE} / ${DELAY} on ${B.name}'s link, ${FILL_MIB} MiB of compressible data in the guest, ${SLOW_ROUNDS} rounds A→B:`);
  console.log(`  plain:                    median ${median(slowPlain).toFixed(2)} s (runs: ${fmt(slowPlain)})`);
  console.log(`  ${SLOW_OPTS.join(' ')}: median ${median(slowTuned).toFixed(2)} s (runs: ${fmt(slowTuned)})`);
  console.log(`  saved ${saved.toFixed(2)} s (${((saved / median(slowPlain)) * 100).toFixed(0)}%)`);
}
if (where() !== A) virsh(B, A);
// What NovaCron adds to the migration: the daemon-timed job, same measure for both tools.
console.log(`ratio=${(median(oj) / median(vj)).toFixed(2)}`);
