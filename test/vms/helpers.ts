/**
 * Throwaway machines for the machine-service tests: "apitest-" copies of the
 * stopped lab guest (read only) with their own qcow2 volume in the lab pool
 * and, on request, a NIC on the lab's isolated network (added through the
 * service under test's sibling, attachVmNic). `remove()` destroys and
 * undefines them and deletes every pool volume whose name starts with
 * theirs (their disks, new disks, clones' copies), whatever state a failed
 * test left behind.
 */
import { expect } from 'vitest';
import { AppError } from '../../electron/backend/errors.js';
import { api } from '../../electron/libvirt/index.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { uuidToString } from '../../electron/libvirt/index.js';
import { attachVmNic } from '../../electron/backend/vms/nics.js';
import { removeDomain, removeVolume, stoppedLabGuestXml, throwawayDomainXml, volumeXml } from '../libvirt/api/throwaway.js';
import { requireLab, uniqueName, virsh } from '../helpers/lab.js';

export interface TestVm {
  name: string;
  uuid: string;
  diskPath: string;
}

/** Every name a test made, for the sweep in afterAll. */
const made = new Set<string>();

export function remember(name: string): void {
  made.add(name);
}

export async function makeVm(c: LibvirtClient, what: string, opts: { nic?: boolean; start?: boolean } = {}): Promise<TestVm> {
  const name = uniqueName(what);
  made.add(name);
  const pool = await api.lookupStoragePoolByName(c, requireLab().pool);
  const vol = await api.createStorageVolume(c, pool, volumeXml(`${name}.qcow2`, 16 << 20, 'qcow2'));
  const diskPath = await api.getStorageVolumePath(c, vol);
  const dom = await api.defineDomain(c, throwawayDomainXml(await stoppedLabGuestXml(c), name, diskPath));
  const uuid = uuidToString(dom.uuid);
  if (opts.nic) await attachVmNic(c, uuid, { type: 'network', source: requireLab().network, model: 'virtio' });
  if (opts.start) await api.startDomain(c, dom);
  return { name, uuid, diskPath };
}

/** Volumes of the lab pool whose names start with `prefix` (virsh, so the check does not trust the client). */
export function poolVolumes(prefix: string): string[] {
  return virsh(['vol-list', requireLab().pool])
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.startsWith(prefix));
}

/** Removes every machine and volume the tests made (and any volume named after them); never throws. */
export async function sweep(c: LibvirtClient | undefined): Promise<void> {
  const pool = c ? await api.lookupStoragePoolByName(c, requireLab().pool).catch(() => undefined) : undefined;
  for (const name of made) {
    await removeDomain(c, name);
    for (const v of poolVolumes(name)) await removeVolume(c, pool, v);
  }
  made.clear();
}

/** The AppError a call that should be refused failed with (fails the test when it succeeds or throws something else). */
export const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};
