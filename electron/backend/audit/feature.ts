/**
 * audit.*: every mutating action through NovaCron (the action feed), with the
 * OS user, the connection, the objects and the outcome, kept in audit.jsonl
 * (log-file.ts) across restarts. Recording never delays or fails an action:
 * names are resolved and the file written after the fact, in batches.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { MethodsOf } from '../../../shared/api.js';
import type { AuditEntry } from '../../../shared/contract/audit.js';
import { redactSecrets, type ActionRecord } from '../actions.js';
import type { BackendContext, Feature } from '../feature.js';
import { describeAction, type ActionContext } from './describe.js';
import { toCsv, toJsonText } from './export.js';
import { createAuditWriter, readAuditFile, type AuditWriter } from './log-file.js';
import { pageEntries, selectEntries } from './query.js';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Keeps `all` ordered by arrival time: entries finish out of order, but rarely far out. */
function insertByTime(all: AuditEntry[], e: AuditEntry): void {
  let i = all.length;
  while (i > 0 && all[i - 1]!.at > e.at) i--;
  all.splice(i, 0, e);
}

export function createAuditFeature(ctx: BackendContext): Feature<MethodsOf<'audit'>> {
  const user = osUser();
  const all: AuditEntry[] = [];
  let writer: AuditWriter | null = null;
  const early: AuditEntry[] = [];
  const ready = readAuditFile(ctx.dataDir)
    .then((read) => {
      if (read.skipped > 0) ctx.log.warn(`the audit log had ${read.skipped} unreadable line(s); they were skipped`);
      all.push(...read.entries);
      writer = createAuditWriter(ctx.dataDir, all, read, ctx.log);
      for (const e of early.splice(0)) record(e);
    })
    .catch((e: unknown) => ctx.log.error('the audit log could not be read; new entries are kept in memory only', e));

  // The context of each call in flight, looked up as it arrives (guards run before the handler).
  const inFlight = new Map<string, Promise<ActionContext>[]>();
  const keyOf = (method: string, params: Record<string, unknown>) => `${method}\u0000${JSON.stringify(params)}`;

  const offGuard = ctx.actions.guard((method, input) => {
    const key = keyOf(method, redactSecrets(input));
    const described = describeAction(ctx.store, ctx.hosts, method, input);
    described.catch(() => undefined);
    inFlight.set(key, [...(inFlight.get(key) ?? []), described]);
  });

  function record(e: AuditEntry): void {
    if (!writer) {
      early.push(e);
      return;
    }
    insertByTime(all, e);
    writer.append(e);
    ctx.bus.emit('audit.recorded', { count: all.length });
  }

  async function onAction(r: ActionRecord): Promise<void> {
    const key = keyOf(r.method, r.params);
    const queue = inFlight.get(key);
    const before = queue?.shift();
    if (queue?.length === 0) inFlight.delete(key);
    const known = before ? await before.catch(() => undefined) : undefined;
    const about = await describeAction(ctx.store, ctx.hosts, r.method, r.params, known).catch(() => known ?? { objects: [] });
    record({
      id: randomUUID(),
      at: r.at,
      user,
      ...about,
      action: r.method,
      params: r.params,
      ok: r.ok,
      ...(r.error ? { error: r.error } : {}),
      durationMs: r.durationMs,
    });
  }

  // Recordings still resolving names: close() waits for them before the last flush.
  const recording = new Set<Promise<void>>();
  const offAction = ctx.actions.onAction((r) => {
    const p = onAction(r).catch((e: unknown) => ctx.log.error(`recording ${r.method} in the audit log failed`, e));
    recording.add(p);
    void p.finally(() => recording.delete(p));
  });

  return {
    handlers: {
      'audit.list': async (i) => {
        await ready;
        const { offset, limit, ...filter } = i;
        return pageEntries(all, filter, offset, limit);
      },
      'audit.export': async (i) => {
        await ready;
        const { format, ...filter } = i;
        const entries = selectEntries(all, filter);
        return { format, count: entries.length, text: format === 'csv' ? toCsv(entries) : toJsonText(entries) };
      },
    },
    close: async () => {
      offGuard();
      offAction();
      await ready;
      await Promise.all([...recording]);
      await writer?.flush();
    },
  };
}
