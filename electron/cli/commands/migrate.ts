/**
 * `vm migrate NAME --to URI [...]` and `host evacuate URI [--to URI[,URI...]]`
 * over the backend's migration core (electron/backend/migration/), the one
 * the app's jobs run. The CLI opens each host itself with the same
 * --keyfile and --known-hosts; progress goes to stderr, the outcome to
 * stdout (or --json). Ctrl-C cancels: a live migration is aborted and the
 * machine keeps running on the source.
 */
import { MigrationCompression, MigrationOptions } from '../../../shared/contract/migration.js';
import { toAppErrorShape } from '../../backend/errors.js';
import type { JobControl } from '../../backend/jobs/jobs.js';
import { createMemoryLogger } from '../../backend/log.js';
import { clientEnds, type MigrationEnds } from '../../backend/migration/ends.js';
import { chooseTargets, runEvacuation } from '../../backend/migration/evacuate.js';
import { listEvacuees, readCandidates } from '../../backend/migration/hosts.js';
import { migrateMachine } from '../../backend/migration/migrate.js';
import { planMigration } from '../../backend/migration/plan.js';
import { defaultDataDir } from '../../backend/paths.js';
import { openStore } from '../../backend/store/store.js';
import { lookupDomainByName, uuidToString, type LibvirtClient } from '../../libvirt/index.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { openClient } from '../connect.js';
import { printJson } from '../output.js';

function intOpt(x: CommandContext, name: string): number | undefined {
  const v = x.opts[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UsageError(`${name} needs a whole number`);
  return Number(v);
}

/** The contract's options from the command line, checked by the same schema as the app's calls. */
export function optionsFrom(x: CommandContext): MigrationOptions {
  const method = typeof x.opts['--compression'] === 'string' ? x.opts['--compression'] : x.opts['--compress'] === true ? 'xbzrle' : 'none';
  const m = MigrationCompression.safeParse(method);
  if (!m.success) throw new UsageError(`--compression must be one of ${MigrationCompression.options.join(', ')}`);
  const r = MigrationOptions.safeParse({
    live: x.opts['--live'] === true,
    p2p: x.opts['--p2p'] === true,
    tunnelled: x.opts['--tunnelled'] === true,
    copyStorage: x.opts['--copy-storage'] === true,
    compression: m.data,
    ...(intOpt(x, '--parallel') !== undefined ? { parallelConnections: intOpt(x, '--parallel') } : {}),
    ...(intOpt(x, '--bandwidth') !== undefined ? { bandwidthMiBps: intOpt(x, '--bandwidth') } : {}),
    autoConverge: x.opts['--auto-converge'] === true,
    ...(intOpt(x, '--max-downtime') !== undefined ? { maxDowntimeMs: intOpt(x, '--max-downtime') } : {}),
    postcopy: x.opts['--postcopy'] === true,
  });
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(`invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not allowed'}`);
  }
  if (r.data.tunnelled && !r.data.p2p) throw new UsageError('--tunnelled needs --p2p');
  return r.data;
}

/** A JobControl that prints each new phase on stderr and follows Ctrl-C. */
function stderrControl(signal: AbortSignal, prefix = ''): JobControl {
  let last = '';
  let lastAt = 0;
  return {
    signal,
    update: (p) => {
      const now = Date.now();
      if (!p.phase || (p.phase === last && now - lastAt < 2000)) return;
      if (p.phase !== last || now - lastAt >= 2000) {
        const pct = typeof p.progress === 'number' ? ` (${Math.round(p.progress * 100)}%)` : '';
        process.stderr.write(`novacron: ${prefix}${p.phase}${pct}\n`);
        last = p.phase;
        lastAt = now;
      }
    },
  };
}

function endsOf(src: LibvirtClient, srcUri: string, dst: LibvirtClient, dstUri: string): MigrationEnds {
  return clientEnds({ client: src, name: srcUri, uri: srcUri }, { client: dst, name: dstUri, uri: dstUri });
}

/** The target is opened with client keepalive on: a link that dies mid-transfer must be noticed. */
const openTarget = (x: CommandContext, uri: string) => openClient({ ...x.global, connect: uri }, { keepalive: true });

async function migrateCommand(x: CommandContext): Promise<void> {
  const name = x.operands[0]!;
  const to = x.opts['--to'];
  if (typeof to !== 'string') throw new UsageError('vm migrate needs --to URI (the target host)');
  const options = optionsFrom(x);
  const src = clientOf(x);
  const uuid = uuidToString((await lookupDomainByName(src, name)).uuid);
  const dst = await openTarget(x, to);
  try {
    const ends = endsOf(src, x.global.connect, dst, to);
    const planned = await planMigration(ends, { connectionId: 'source', targetConnectionId: 'target' }, uuid);
    for (const w of planned.plan.warnings) process.stderr.write(`novacron: warning: ${w}\n`);
    const r = await migrateMachine(ends, planned, options, stderrControl(x.signal));
    if (r.warning) process.stderr.write(`novacron: warning: ${r.warning}\n`);
    if (x.global.json) return printJson({ ...r, target: to });
    const dt = r.downtimeMs !== null ? `, downtime ${r.downtimeMs} ms` : '';
    const took = r.elapsedMs !== null ? ` in ${(r.elapsedMs / 1000).toFixed(2)} s` : '';
    process.stdout.write(`Domain '${r.name}' migrated to ${to} (${r.mode}${took}${dt})\n`);
  } finally {
    await dst.close();
  }
}

async function evacuateCommand(x: CommandContext): Promise<void> {
  const sourceUri = x.operands[0]!;
  const options = optionsFrom(x);
  const src = await openClient({ ...x.global, connect: sourceUri });
  const opened = new Map<string, LibvirtClient>();
  try {
    const given = typeof x.opts['--to'] === 'string' ? x.opts['--to'].split(',').filter(Boolean) : null;
    let targets: { uri: string; keyFile?: string }[];
    if (given) targets = given.map((uri) => ({ uri }));
    else {
      // Without --to: the hosts NovaCron has connections for, as in the app.
      const store = await openStore(defaultDataDir(), createMemoryLogger());
      targets = store.data.connections
        .filter((c) => c.uri !== sourceUri && !c.maintenance)
        .map((c) => ({ uri: c.uri, ...(c.keyFile ? { keyFile: c.keyFile } : {}) }));
      if (targets.length === 0) throw new UsageError('no other host to move the machines to: give --to URI[,URI...]');
    }
    for (const t of targets) {
      const c = await openClient({ ...x.global, connect: t.uri, ...(t.keyFile ? { keyFile: t.keyFile } : {}) }, { keepalive: true }).catch(
        (e: unknown) => {
          process.stderr.write(`novacron: skipping ${t.uri}: ${e instanceof Error ? e.message : String(e)}\n`);
          return null;
        },
      );
      if (c) opened.set(t.uri, c);
    }
    const candidates = await readCandidates(
      [...opened].map(([uri, client]) => ({ connectionId: uri, name: uri, client, maintenance: false })),
    );
    const items = chooseTargets(await listEvacuees(src), candidates);
    const log = createMemoryLogger();
    const outcomes = await runEvacuation(
      items,
      async (item, inner) => {
        const dst = opened.get(item.targetConnectionId!)!;
        const ends = endsOf(src, sourceUri, dst, item.targetConnectionId!);
        const planned = await planMigration(ends, { connectionId: 'source', targetConnectionId: 'target' }, item.uuid);
        await migrateMachine(ends, planned, options, inner);
      },
      stderrControl(x.signal),
      (e) => toAppErrorShape(e, log, 'host evacuate'),
    );
    if (x.global.json) printJson(outcomes);
    else
      for (const o of outcomes) {
        process.stdout.write(
          o.ok ? `${o.name}: moved to ${o.targetConnectionId}\n` : `${o.name}: not moved: ${o.error?.message ?? 'cancelled'}\n`,
        );
      }
    const failed = outcomes.filter((o) => !o.ok).length;
    if (failed > 0) process.exitCode = 1;
  } finally {
    await Promise.all([...opened.values()].map((c) => c.close()));
    await src.close();
  }
}

const MIGRATION_OPTIONS = {
  '--live': 'flag',
  '--p2p': 'flag',
  '--tunnelled': 'flag',
  '--copy-storage': 'flag',
  '--compress': 'flag',
  '--compression': 'value',
  '--parallel': 'value',
  '--bandwidth': 'value',
  '--auto-converge': 'flag',
  '--max-downtime': 'value',
  '--postcopy': 'flag',
} as const;

export const migrationCommands: CliCommand[] = [
  { path: ['vm', 'migrate'], operands: ['NAME'], options: { ...MIGRATION_OPTIONS, '--to': 'value' }, connects: true, run: migrateCommand },
  {
    path: ['host', 'evacuate'],
    operands: ['URI'],
    options: { ...MIGRATION_OPTIONS, '--to': 'value' },
    connects: false,
    run: evacuateCommand,
  },
];
