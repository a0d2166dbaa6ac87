/**
 * snapshots.*: the core (core.ts) over the host registry's live clients, a
 * `snapshots.changed` event after every change, and a job in the activity
 * panel for a snapshot with memory (saving the memory of a big guest takes a while).
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { Snapshot } from '../../../shared/contract/snapshots.js';
import type { BackendContext, Feature } from '../feature.js';
import { createSnapshot, deleteSnapshot, listSnapshotTree, recordedState, revertSnapshot, type CreateSpec } from './core.js';
import { findMachine } from './refusals.js';

export function createSnapshotsFeature(ctx: BackendContext): Feature<MethodsOf<'snapshots'>> {
  const changed = (connectionId: string, uuid: string) => ctx.bus.emit('snapshots.changed', { connectionId, uuid });

  async function create(connectionId: string, uuid: string, spec: CreateSpec): Promise<Snapshot> {
    const c = ctx.hosts.client(connectionId);
    if (!spec.memory) return createSnapshot(c, uuid, spec);
    const dom = await findMachine(c, uuid);
    let made: Snapshot | undefined;
    const { done } = ctx.jobs.run(
      {
        kind: 'snapshot',
        connectionId,
        subject: { uuid, name: dom.name },
        title: `Snapshot ${dom.name} as "${spec.name}" (with memory)`,
        // QEMU's internal snapshot (savevm) runs to its end once started: nothing can stop it.
        cancellable: false,
      },
      async (ctl) => {
        ctl.update({ phase: 'saving memory and disks', progress: null });
        made = await createSnapshot(c, uuid, spec);
        return { snapshot: made.name };
      },
    );
    await done;
    return made!;
  }

  return {
    handlers: {
      'snapshots.list': (i) => listSnapshotTree(ctx.hosts.client(i.connectionId), i.uuid),
      'snapshots.create': async (i) => {
        try {
          return await create(i.connectionId, i.uuid, {
            name: i.name,
            ...(i.description !== undefined ? { description: i.description } : {}),
            memory: i.memory,
          });
        } finally {
          changed(i.connectionId, i.uuid);
        }
      },
      'snapshots.revert': async (i) => {
        const c = ctx.hosts.client(i.connectionId);
        // A revert starts or stops the machine as the snapshot recorded: that is NovaCron's doing, not a surprise.
        const state = await recordedState(c, i.uuid, i.name);
        ctx.intents.record(i.connectionId, i.uuid, state === 'running' || state === 'paused' ? 'start' : 'stop');
        try {
          return await revertSnapshot(c, i.connectionId, i.uuid, i.name);
        } finally {
          changed(i.connectionId, i.uuid);
        }
      },
      'snapshots.delete': async (i) => {
        try {
          return { deleted: await deleteSnapshot(ctx.hosts.client(i.connectionId), i.uuid, i.name, i.children) };
        } finally {
          changed(i.connectionId, i.uuid);
        }
      },
    },
  };
}
