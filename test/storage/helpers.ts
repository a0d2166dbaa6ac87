/**
 * The storage tests' throwaway objects: a directory pool of their own under
 * the lab's dir (tmp-<unique>), and a shut-off machine whose disk is a given
 * path. Both removed whatever state they were left in.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { api, uuidToString, type LibvirtClient } from '../../electron/libvirt/index.js';
import { removeDomain, stoppedLabGuestXml, throwawayDomainXml } from '../libvirt/api/throwaway.js';
import { requireLab, uniqueName, virshQuiet } from '../helpers/lab.js';

/** A unique parent directory for a test's pools, and its removal (pools first). */
export function tempPoolRoot(): { dir: string; pools: string[]; cleanup(): void } {
  const dir = join(String(requireLab().labDir), `tmp-${uniqueName('pool')}`);
  mkdirSync(dir, { recursive: true });
  const pools: string[] = [];
  return {
    dir,
    pools,
    cleanup() {
      for (const p of pools) {
        virshQuiet(['pool-destroy', p]);
        virshQuiet(['pool-undefine', p]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A shut-off throwaway machine (a copy of the lab guest's definition) whose one disk is `path`. */
export async function machineUsing(c: LibvirtClient, path: string): Promise<{ name: string; uuid: string; remove(): Promise<void> }> {
  const name = uniqueName('stg-user');
  const dom = await api.defineDomain(c, throwawayDomainXml(await stoppedLabGuestXml(c), name, path));
  return { name, uuid: uuidToString(dom.uuid), remove: () => removeDomain(c, name) };
}
