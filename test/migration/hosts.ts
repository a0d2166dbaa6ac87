/**
 * The multi-host lab for the migration tests: clients of its hypervisors,
 * throwaway guests made on one of them (a copy of that host's own guest,
 * optionally with a disk in its private pool), and cleanup on every host.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, LibvirtClient, uuidToString, type Dom, type RpcCaller } from '../../electron/libvirt/index.js';
import { clientEnds, type MigrationEnds } from '../../electron/backend/migration/ends.js';
import { lab, uniqueName, virshQuiet, type LabHost } from '../helpers/lab.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The lab's hosts; the suites need two (under `npm test` the lab has them, so they never skip there). */
export const hosts: LabHost[] | null = lab?.hosts && lab.hosts.length >= 2 ? lab.hosts : null;

export function host(i: number): LabHost {
  if (!hosts) throw new Error('the multi-host lab is not up: run `bash e2e/lab/lab.sh up --hosts 2`');
  return hosts[i]!;
}

/** A client of host i over TCP, with a quick keepalive (a cut link is noticed in about 3 s). */
export function connectHost(i: number): Promise<LibvirtClient> {
  return LibvirtClient.connect(host(i).tcp, { keepalive: { intervalMs: 1000, count: 3 } });
}

export function endsOf(src: LibvirtClient, from: number, dst: LibvirtClient, to: number): MigrationEnds {
  return clientEnds({ client: src, name: host(from).name, uri: host(from).tcp }, { client: dst, name: host(to).name, uri: host(to).tcp });
}

/** `lab.sh VERB ARGS...` (link, netem): throws with its stderr when it fails. */
export function labVerb(...args: string[]): void {
  const r = spawnSync('bash', [resolve(ROOT, 'e2e/lab/lab.sh'), ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`lab.sh ${args.join(' ')} failed: ${r.stderr}`);
}

export async function findByName(c: RpcCaller, name: string): Promise<Dom | null> {
  return api.lookupDomainByName(c, name).catch(() => null);
}

export async function isRunningOn(c: RpcCaller, name: string): Promise<boolean> {
  const d = await findByName(c, name);
  return d !== null && (await api.isDomainActive(c, d));
}

export interface HostGuest {
  name: string;
  uuid: string;
  /** The disk's volume name in the host's pool, if it has one. */
  volume: string | null;
}

/**
 * A new guest on host i, copied from that host's own guest: its own name,
 * no UUID or MAC (libvirt makes new ones), no console log, and with `diskBytes`
 * a raw disk of that size in the host's pool "default" (vda).
 */
export async function makeHostGuest(
  c: LibvirtClient,
  i: number,
  what: string,
  opts: { diskBytes?: number; start?: boolean; data?: Uint8Array } = {},
): Promise<HostGuest> {
  const h = host(i);
  const name = uniqueName(what);
  const base = await api.getDomainXml(c, await api.lookupDomainByName(c, h.runningGuest), 2 /* INACTIVE */);
  let xml = base
    .replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, '')
    .replace(/nc\.host=[^ <]*/, `nc.host=${name}`)
    .replace(/\s*<log [^>]*\/>/g, '')
    .replace(/\s*<mac [^>]*\/>/g, '');
  let volume: string | null = null;
  if (opts.diskBytes !== undefined) {
    volume = `${name}.img`;
    const pool = await api.lookupStoragePoolByName(c, h.pool);
    const vol = await api.createStorageVolume(
      c,
      pool,
      `<volume><name>${volume}</name><capacity unit='bytes'>${opts.diskBytes}</capacity><target><format type='raw'/></target></volume>`,
    );
    if (opts.data) await api.uploadVolume(c, vol, [opts.data]);
    const path = await api.getStorageVolumePath(c, vol);
    xml = xml.replace(
      '</devices>',
      `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk></devices>`,
    );
  }
  const dom = await api.defineDomain(c, xml);
  if (opts.start) await api.startDomain(c, dom);
  return { name, uuid: uuidToString(dom.uuid), volume };
}

/** Removes a throwaway guest and its volume from every lab host; never throws. */
export function removeEverywhere(g: HostGuest | null): void {
  if (!g || !hosts) return;
  if (!g.name.startsWith('apitest-')) throw new Error(`refusing to remove ${g.name}: not a test object`);
  for (const h of hosts) {
    virshQuiet(['destroy', g.name], h.tcp);
    virshQuiet(['undefine', g.name], h.tcp);
    if (g.volume) virshQuiet(['vol-delete', '--pool', h.pool, g.volume], h.tcp);
  }
}
