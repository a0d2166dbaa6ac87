/**
 * migration.* and hosts.evacuate*: machines moved between connected hosts
 * as jobs, over the registry's live connections. Also the maintenance guard
 * (the flag itself is set through the connection record, hosts/feature.ts).
 */
import type { MethodsOf } from '../../../shared/api.js';
import { AppError, toAppErrorShape } from '../errors.js';
import type { BackendContext, Feature } from '../feature.js';
import type { MigrationEnds } from './ends.js';
import { chooseTargets, runEvacuation } from './evacuate.js';
import { listEvacuees, readCandidates } from './hosts.js';
import type { LiveHandle } from './live.js';
import { isInMaintenance, refuseOnMaintenance } from './maintenance.js';
import { migrateMachine } from './migrate.js';
import { assertMigratable, planMigration } from './plan.js';

type Methods = MethodsOf<'migration'> | 'hosts.evacuationPlan' | 'hosts.evacuate';

export function createMigrationFeature(ctx: BackendContext): Feature<Methods> {
  const handles = new Map<string, LiveHandle>();
  const offGuard = ctx.actions.guard((method, input) => refuseOnMaintenance(ctx.store, method, input));

  const record = (id: string) => {
    const r = ctx.store.data.connections.find((c) => c.id === id);
    if (!r) throw new AppError('not-found', 'No such connection.');
    return r;
  };

  function endsFor(sourceId: string, targetId: string): MigrationEnds {
    const src = ctx.hosts.client(sourceId);
    const dst = ctx.hosts.client(targetId);
    const s = record(sourceId);
    const t = record(targetId);
    return {
      source: { client: src, name: s.name, uri: s.uri },
      target: { client: dst, name: t.name, uri: t.uri },
      watchTargetLoss(lost) {
        const offState = dst.onStateChange((ch) => {
          if (ch.state === 'lost' || ch.state === 'closed') lost(`the connection is ${ch.state}`);
        });
        const offHost = ctx.hosts.onHost({ lost: (id) => id === targetId && lost('it was disconnected') });
        return () => {
          offState();
          offHost();
        };
      },
    };
  }

  async function plan(sourceId: string, targetId: string, uuid: string) {
    const ends = endsFor(sourceId, targetId);
    const planned = await planMigration(ends, { connectionId: sourceId, targetConnectionId: targetId }, uuid);
    if (isInMaintenance(ctx.store, targetId)) planned.plan.blockers.push(`${ends.target.name} is in maintenance.`);
    return { ends, planned };
  }

  async function evacuationItems(sourceId: string, targets: { uuid: string; targetConnectionId: string }[], fallback?: string) {
    const machines = await listEvacuees(ctx.hosts.client(sourceId));
    const others = ctx.hosts
      .connectedIds()
      .filter((id) => id !== sourceId)
      .flatMap((id) => {
        const r = ctx.store.data.connections.find((c) => c.id === id);
        const client = ctx.hosts.tryClient(id);
        return r && client ? [{ connectionId: id, name: r.name, client, maintenance: r.maintenance }] : [];
      });
    const candidates = await readCandidates(others);
    return chooseTargets(machines, candidates, new Map(targets.map((t) => [t.uuid, t.targetConnectionId])), fallback);
  }

  return {
    handlers: {
      'migration.plan': async (i) => (await plan(i.connectionId, i.targetConnectionId, i.uuid)).planned.plan,

      'migration.start': async (i) => {
        // Planned before the job starts, so a refusal is the call's own error.
        const { ends, planned } = await plan(i.connectionId, i.targetConnectionId, i.uuid);
        const { plan: p } = planned;
        assertMigratable(p);
        ctx.intents.record(i.connectionId, p.uuid, 'migrate');
        ctx.intents.record(i.targetConnectionId, p.uuid, 'migrate');
        const spec = {
          kind: 'migrate' as const,
          connectionId: i.connectionId,
          subject: { uuid: p.uuid, name: p.name },
          title: `Migrate ${p.name} to ${p.target.name}${p.mode === 'offline' ? ' (offline)' : ''}`,
        };
        // The work starts inside jobs.run, before its id is known: the handle waits for it.
        const slot: { id?: string; handle: LiveHandle | null } = { handle: null };
        const keep = (h: LiveHandle | null) => {
          slot.handle = h;
          if (slot.id === undefined) return;
          if (h) handles.set(slot.id, h);
          else handles.delete(slot.id);
        };
        const run = ctx.jobs.run(spec, (ctl) =>
          migrateMachine(ends, planned, i.options, ctl, keep).then((r) => ({ ...r, targetConnectionId: i.targetConnectionId })),
        );
        slot.id = run.job.id;
        keep(slot.handle);
        return run.job;
      },

      'migration.postcopy': async (i) => {
        const h = handles.get(i.jobId);
        if (!h) throw new AppError('operation-invalid', 'No migration of that job is transferring now.');
        await h.startPostCopy();
        return { ok: true as const };
      },

      'hosts.evacuationPlan': (i) => evacuationItems(i.connectionId, i.targets, i.defaultTarget),

      'hosts.evacuate': async (i) => {
        const source = record(i.connectionId);
        const items = await evacuationItems(i.connectionId, i.targets, i.defaultTarget);
        const spec = {
          kind: 'evacuate' as const,
          connectionId: i.connectionId,
          subject: { uuid: '', name: source.name },
          title: `Evacuate ${source.name} (${items.length} running machine${items.length === 1 ? '' : 's'})`,
        };
        return ctx.jobs.run(spec, async (ctl) => {
          const outcomes = await runEvacuation(
            items,
            async (item, inner) => {
              const { ends, planned } = await plan(i.connectionId, item.targetConnectionId!, item.uuid);
              ctx.intents.record(i.connectionId, item.uuid, 'migrate');
              ctx.intents.record(item.targetConnectionId!, item.uuid, 'migrate');
              await migrateMachine(ends, planned, i.options, inner);
            },
            ctl,
            (e) => toAppErrorShape(e, ctx.log, 'hosts.evacuate'),
          );
          const moved = outcomes.filter((o) => o.ok).length;
          if (moved < outcomes.length) {
            throw new AppError('operation-invalid', `${moved} of ${outcomes.length} machines moved; see each one's outcome.`);
          }
          return { moved, failed: outcomes.length - moved };
        }).job;
      },
    },
    close: () => offGuard(),
  };
}
