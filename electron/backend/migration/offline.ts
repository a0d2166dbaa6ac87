/**
 * Offline migration of a shut-off machine, all through libvirt: each local
 * disk streamed from the source daemon into a new volume on the target
 * (the image file's bytes, so a qcow2 stays the same qcow2), read back from
 * the target and compared (SHA-256) with what was sent, then the definition
 * defined on the target with the new disk paths, and only then undefined on
 * the source. Any failure before that removes what was made on the target;
 * the source volumes are kept (the report names them), so nothing is lost.
 */
import { createHash } from 'node:crypto';
import { api, type StreamCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { checked } from '../vms/common.js';
import { buildMovedDomainXml, buildVolumeXml } from '../xml/index.js';
import type { MigrationEnds } from './ends.js';
import type { CopiedDisk, PlanFacts } from './plan.js';

export interface OfflineResult {
  /** Source volumes left in place, by path. */
  keptSourceVolumes: string[];
  copiedBytes: number;
}

interface Made {
  disk: CopiedDisk;
  vol: Vol;
  path: string;
  digest: string;
}

function checkCancelled(ctl: JobControl, name: string): void {
  if (ctl.signal.aborted) throw new AppError('operation-invalid', `The migration of "${name}" was cancelled; it stays on the source.`);
}

async function digestOf(c: StreamCaller, vol: Vol, ctl: JobControl, name: string, onBytes: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of await api.downloadVolume(c, vol)) {
    checkCancelled(ctl, name);
    h.update(chunk);
    onBytes(chunk.byteLength);
  }
  return h.digest('hex');
}

/** Streams one disk to the target, hashing what it sends. */
async function copyDisk(ends: MigrationEnds, d: CopiedDisk, ctl: JobControl, name: string, onBytes: (n: number) => void): Promise<Made> {
  const src = ends.source.client;
  const dst = ends.target.client;
  if (!d.volume || !d.targetPool) throw new AppError('operation-invalid', `${d.target}: no source volume or target pool (see the plan).`);
  const volName = d.path.slice(d.path.lastIndexOf('/') + 1);
  const format = d.format === 'qcow2' ? 'qcow2' : 'raw';
  const xml = checked(() => buildVolumeXml({ name: volName, format, capacityBytes: d.capacity }));
  const vol = await api.createStorageVolume(dst, d.targetPool, xml);
  const made = { disk: d, vol, path: await api.getStorageVolumePath(dst, vol), digest: '' };
  try {
    const h = createHash('sha256');
    const data = await api.downloadVolume(src, d.volume);
    async function* sent(): AsyncGenerator<Uint8Array> {
      for await (const chunk of data) {
        checkCancelled(ctl, name);
        h.update(chunk);
        onBytes(chunk.byteLength);
        yield chunk;
      }
    }
    await api.uploadVolume(dst, vol, sent());
    made.digest = h.digest('hex');
    return made;
  } catch (e) {
    await api.deleteStorageVolume(dst, vol).catch(() => undefined);
    throw e;
  }
}

export async function runOfflineMigration(ends: MigrationEnds, facts: PlanFacts, ctl: JobControl): Promise<OfflineResult> {
  const src = ends.source.client;
  const dst = ends.target.client;
  const name = facts.dom.name;
  const sizes = await Promise.all(
    facts.copies.map(async (d) =>
      d.volume ? Number((await api.getStorageVolumeInfo(src, d.volume, 1 /* GET_PHYSICAL */)).allocation) : 0,
    ),
  );
  const total = Math.max(1, sizes.reduce((a, b) => a + b, 0) * 2); // sent once, read back once
  let done = 0;
  const tick = (n: number) => {
    done += n;
    ctl.update({
      progress: Math.min(0.99, done / total),
      detail: { mode: 'offline', target: ends.target.name, dataProcessed: done, dataTotal: total },
    });
  };
  const made: Made[] = [];
  const undo = async () => {
    for (const m of made) await api.deleteStorageVolume(dst, m.vol).catch(() => undefined);
  };
  try {
    for (const [i, d] of facts.copies.entries()) {
      ctl.update({ phase: `copying disk ${d.target} (${i + 1} of ${facts.copies.length}) to ${ends.target.name}` });
      made.push(await copyDisk(ends, d, ctl, name, tick));
    }
    for (const m of made) {
      ctl.update({ phase: `verifying ${m.disk.target} on ${ends.target.name}` });
      const back = await digestOf(dst, m.vol, ctl, name, tick);
      if (back !== m.digest) {
        throw new AppError(
          'operation-invalid',
          `The copy of ${m.disk.target} on ${ends.target.name} differs from what was sent; nothing was moved.`,
        );
      }
    }
    checkCancelled(ctl, name);
  } catch (e) {
    await undo();
    throw e;
  }

  ctl.update({ phase: `defining "${name}" on ${ends.target.name}` });
  const xml = checked(() => buildMovedDomainXml(facts.xml, Object.fromEntries(made.map((m) => [m.disk.target, m.path]))));
  let defined;
  try {
    defined = await api.defineDomain(dst, xml);
    const autostart = await api.getDomainAutostart(src, facts.dom).catch(() => false);
    if (autostart) await api.setDomainAutostart(dst, defined, true);
  } catch (e) {
    await undo();
    throw e;
  }
  ctl.update({ phase: `removing "${name}" from ${ends.source.name}` });
  try {
    await api.undefineDomain(src, facts.dom, 0);
  } catch (e) {
    // Two definitions of one machine would be worse than none moved: take the new one back.
    await api.undefineDomain(dst, defined, 0).catch(() => undefined);
    await undo();
    throw e;
  }
  return { keptSourceVolumes: facts.copies.map((d) => d.path), copiedBytes: done };
}
