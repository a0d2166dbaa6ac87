/** Helpers the machine services share: finding a domain, reading its model, naming new disk targets. */
import { api, DomainXmlFlags, isNoDomain, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { parseDomain, XmlParseError, XmlSpecError, type DomainModel } from '../xml/index.js';

/** The domain by UUID; "not found" says it may have been deleted meanwhile. */
export async function findDomain(c: RpcCaller, uuid: string): Promise<Dom> {
  try {
    return await api.lookupDomainByUuid(c, uuid);
  } catch (e) {
    if (isNoDomain(e)) throw new AppError('not-found', `There is no machine with UUID ${uuid} on this host (deleted meanwhile?).`);
    throw e;
  }
}

/** Runs `fn`, turning the XML module's refusals (a bad name, path, MAC...) into invalid-input. */
export function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XmlSpecError || e instanceof XmlParseError) throw new AppError('invalid-input', e.message);
    throw e;
  }
}

export async function isRunning(c: RpcCaller, dom: Dom): Promise<boolean> {
  return api.isDomainActive(c, dom);
}

/** The domain's model: the running definition, or with `inactive` the one the next boot uses. */
export async function readModel(c: RpcCaller, dom: Dom, inactive = false): Promise<DomainModel> {
  return parseDomain(await api.getDomainXml(c, dom, inactive ? DomainXmlFlags.INACTIVE : 0));
}

/** Where a change can go: live needs a running machine, config a persistent one. */
export async function readScope(c: RpcCaller, dom: Dom): Promise<{ running: boolean; persistent: boolean }> {
  const [running, persistent] = await Promise.all([api.isDomainActive(c, dom), api.isDomainPersistent(c, dom)]);
  return { running, persistent };
}

/** "a", "b", ... "z", "aa", "ab": the letters libvirt uses after vd/sd/hd. */
function letters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The prefix of a target name on a bus: virtio disks are vdX, SATA/SCSI/USB sdX. */
export function targetPrefix(bus: string): string {
  return bus === 'virtio' ? 'vd' : bus === 'ide' ? 'hd' : 'sd';
}

/** The first free target with the bus's prefix, looking at every definition given (live and next-boot). */
export function nextFreeTarget(models: DomainModel[], bus: string): string {
  const used = new Set(models.flatMap((m) => m.disks.map((d) => d.targetDev)));
  const prefix = targetPrefix(bus);
  for (let i = 0; i < 26 * 27; i++) {
    const t = prefix + letters(i);
    if (!used.has(t)) return t;
  }
  throw new AppError('conflict', `No free ${prefix}X disk target is left.`);
}

/** Where a change applies, as the contract says it. */
export function appliedWhere(live: boolean, config: boolean): 'live' | 'config' | 'both' {
  if (live && config) return 'both';
  return live ? 'live' : 'config';
}
