/**
 * Throwaway "apitest-" guests for the service tests: a copy of the stopped
 * lab guest with its own disk (qcow2 or raw) in the lab pool, or none, and
 * optionally UEFI (pflash) firmware that is never booted. Removed by
 * `remove()` whatever state they were left in.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, uuidToString, type LibvirtClient, type Pool } from '../../electron/libvirt/index.js';
import { removeDomain, removeVolume, stoppedLabGuestXml, throwawayDomainXml, volumeXml } from '../libvirt/api/throwaway.js';
import { requireLab, uniqueName } from './lab.js';
import { GuestConsole } from './guest-console.js';

export interface GuestOptions {
  disk?: 'qcow2' | 'raw' | null;
  uefi?: boolean;
  start?: boolean;
}

export interface Guest {
  name: string;
  uuid: string;
  remove(): Promise<void>;
}

export async function makeGuest(c: LibvirtClient, what: string, opts: GuestOptions = {}): Promise<Guest> {
  const name = uniqueName(what);
  const format = opts.disk === undefined ? 'qcow2' : opts.disk;
  const pool: Pool = await api.lookupStoragePoolByName(c, requireLab().pool);
  const volName = format === null ? null : `${name}.${format === 'raw' ? 'img' : 'qcow2'}`;
  const firmware = [join(tmpdir(), `${name}-code.fd`), join(tmpdir(), `${name}-vars.fd`)];
  const remove = async () => {
    await removeDomain(c, name);
    if (volName) await removeVolume(c, pool, volName);
    for (const f of firmware) rmSync(f, { force: true });
  };
  try {
    let path: string | null = null;
    if (volName && format)
      path = await api.getStorageVolumePath(c, await api.createStorageVolume(c, pool, volumeXml(volName, 16 << 20, format)));
    let xml = throwawayDomainXml(await stoppedLabGuestXml(c), name, path);
    if (format === 'raw') xml = xml.replace(/<driver name='qemu' type='qcow2'\/>/, "<driver name='qemu' type='raw'/>");
    if (opts.uefi) {
      // A pflash loader that only has to exist on paper: the guest is never started.
      writeFileSync(firmware[0]!, Buffer.alloc(1 << 20));
      xml = xml.replace(
        /<type arch/,
        `<loader readonly='yes' type='pflash'>${firmware[0]}</loader><nvram>${firmware[1]}</nvram><type arch`,
      );
    }
    const dom = await api.defineDomain(c, xml);
    if (opts.start) await api.startDomain(c, dom);
    return { name, uuid: uuidToString(dom.uuid), remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** Waits until the guest's shell answers on its serial console; returns the open console. */
export async function guestShell(c: LibvirtClient, name: string, timeoutMs = 120_000): Promise<GuestConsole> {
  const con = await GuestConsole.open(c, await api.lookupDomainByName(c, name));
  await con.run('echo BO$((20+3))OT', 'BO23OT', timeoutMs);
  return con;
}
