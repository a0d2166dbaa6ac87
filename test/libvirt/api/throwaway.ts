/**
 * Throwaway objects for the mutating integration tests: "apitest-" names,
 * built from the lab's own definitions (which are only read), and cleanup
 * that runs even when a test failed half-way.
 */
import * as api from '../../../electron/libvirt/api/index.js';
import type { RpcCaller } from '../../../electron/libvirt/rpc/types.js';
import type { Dom, Pool, Vol } from '../../../electron/libvirt/protocol/common.js';
import { UndefineFlags } from '../../../electron/libvirt/protocol/flags.js';
import { requireLab, virshQuiet } from '../../helpers/lab.js';

/**
 * A domain XML for a new guest copied from a stopped lab guest: new name, no
 * UUID, own disk, no console log file and no NIC (the lab's network may be down).
 */
export function throwawayDomainXml(labXml: string, name: string, diskPath: string | null): string {
  let xml = labXml
    .replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, '')
    .replace(/\s*<title>[^<]*<\/title>/, '')
    .replace(/\s*<description>[^<]*<\/description>/, '')
    .replace(/nc\.host=[^ <]*/, `nc.host=${name}`)
    .replace(/\s*<log [^>]*\/>/g, '')
    .replace(/\s*<interface [\s\S]*?<\/interface>/g, '');
  xml =
    diskPath === null
      ? xml.replace(/\s*<disk [\s\S]*?<\/disk>/g, '')
      : xml.replace(/<source file='[^']*'\/>/, `<source file='${diskPath}'/>`);
  return xml;
}

/** The XML of the lab guest that is normally shut off (read only). */
export async function stoppedLabGuestXml(c: RpcCaller): Promise<string> {
  const l = requireLab();
  const name = l.guests.find((g) => g !== l.runningGuest)!;
  return api.getDomainXml(c, await api.lookupDomainByName(c, name), 2 /* INACTIVE */);
}

export function volumeXml(name: string, bytes: number, format: 'raw' | 'qcow2'): string {
  return `<volume><name>${name}</name><capacity unit='bytes'>${bytes}</capacity><target><format type='${format}'/></target></volume>`;
}

/** Destroys and undefines a throwaway domain by any means; never throws. */
export async function removeDomain(c: RpcCaller | undefined, name: string, dom?: Dom): Promise<void> {
  if (!name.startsWith('apitest-')) throw new Error(`refusing to remove ${name}: not a test object`);
  try {
    const d = dom ?? (await api.lookupDomainByName(c!, name));
    if (await api.isDomainActive(c!, d).catch(() => false)) await api.destroyDomain(c!, d).catch(() => {});
    await api.undefineDomain(c!, d, UndefineFlags.MANAGED_SAVE | UndefineFlags.SNAPSHOTS_METADATA | UndefineFlags.NVRAM).catch(() => {});
  } catch {
    // fall through to virsh
  }
  virshQuiet(['destroy', name]);
  virshQuiet(['undefine', '--managed-save', '--snapshots-metadata', name]);
}

/** Deletes a throwaway volume by any means; never throws. */
export async function removeVolume(c: RpcCaller | undefined, pool: Pool | undefined, name: string): Promise<void> {
  if (!name.startsWith('apitest-')) throw new Error(`refusing to remove ${name}: not a test object`);
  try {
    const v: Vol = await api.lookupStorageVolumeByName(c!, pool!, name);
    await api.deleteStorageVolume(c!, v);
  } catch {
    virshQuiet(['vol-delete', '--pool', requireLab().pool, name]);
  }
}
