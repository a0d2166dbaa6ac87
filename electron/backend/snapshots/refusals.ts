/**
 * Why libvirt refused a snapshot, in words a user can act on. The daemon's
 * answer (CONFIG_UNSUPPORTED, OPERATION_UNSUPPORTED, ...) says that it refused;
 * the machine's own XML says why: a raw disk, UEFI firmware, or a running
 * machine whose snapshot was asked without its memory.
 */
import { api, ErrorCode, LibvirtError, isNoDomain, isNoSnapshot, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { parseDomain } from '../xml/index.js';

const REFUSALS: ReadonlySet<number> = new Set([
  ErrorCode.CONFIG_UNSUPPORTED,
  ErrorCode.OPERATION_UNSUPPORTED,
  ErrorCode.ARGUMENT_UNSUPPORTED,
  ErrorCode.NO_SUPPORT,
]);

function libvirtDetail(e: LibvirtError) {
  return { libvirt: { code: e.code, domain: e.domain } };
}

/** The reason, from the machine's XML; null when nothing in it explains the refusal. */
async function reasonFor(c: RpcCaller, dom: Dom, wantedMemory: boolean, running: boolean): Promise<string | null> {
  let xml: string;
  try {
    xml = await api.getDomainXml(c, dom);
  } catch {
    return null;
  }
  const model = parseDomain(xml);
  const notQcow2 = model.disks.filter((d) => d.device === 'disk' && !d.readonly && d.format !== undefined && d.format !== 'qcow2');
  if (notQcow2.length > 0) {
    const list = notQcow2.map((d) => `${d.targetDev} (${d.format}${d.path ? `, ${d.path}` : ''})`).join(', ');
    return (
      `"${model.name}" cannot be snapshotted: its disk ${list} is not a qcow2 image, and libvirt's internal snapshots ` +
      `keep the snapshot inside qcow2 disks. Convert the disk to qcow2 (or move the machine to a qcow2 volume) first.`
    );
  }
  if (model.os.firmware === 'efi') {
    return (
      `"${model.name}" cannot be snapshotted: it boots with UEFI firmware (pflash), and the libvirt version on this host ` +
      `does not take internal snapshots of such machines.`
    );
  }
  if (running && !wantedMemory) {
    return (
      `"${model.name}" is running: libvirt's internal snapshot of a running machine must include its memory state. ` +
      `Take the snapshot with memory, or shut the machine down first.`
    );
  }
  return null;
}

/** Rethrows a create failure as an AppError that says why, with libvirt's own message appended. */
export async function explainCreateFailure(
  e: unknown,
  c: RpcCaller,
  dom: Dom,
  ctx: { wantedMemory: boolean; running: boolean; snapshot: string },
): Promise<never> {
  if (isNoDomain(e)) throw machineGone(dom.name);
  if (!(e instanceof LibvirtError)) throw e;
  if (REFUSALS.has(e.code)) {
    const reason = await reasonFor(c, dom, ctx.wantedMemory, ctx.running);
    const message = reason ?? `libvirt cannot snapshot "${dom.name}" on this host.`;
    throw new AppError('unsupported', `${message} (libvirt: ${e.message})`, libvirtDetail(e));
  }
  throw e;
}

export function machineGone(what: string): AppError {
  return new AppError('not-found', `The machine ${what} no longer exists on this host (it was deleted or renamed meanwhile).`);
}

export function snapshotMissing(machine: string, snapshot: string): AppError {
  return new AppError('not-found', `"${machine}" has no snapshot named "${snapshot}" (it may have been deleted meanwhile).`);
}

/** Looks up the machine by UUID, saying clearly when it has gone. */
export async function findMachine(c: RpcCaller, uuid: string): Promise<Dom> {
  try {
    return await api.lookupDomainByUuid(c, uuid);
  } catch (e) {
    if (isNoDomain(e)) throw machineGone(uuid);
    throw e;
  }
}

/** Runs a call on a snapshot, turning libvirt's "no such domain/snapshot" into the clear messages above. */
export async function onSnapshot<T>(dom: Dom, snapshot: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isNoSnapshot(e)) throw snapshotMissing(dom.name, snapshot);
    if (isNoDomain(e)) throw machineGone(`"${dom.name}"`);
    throw e;
  }
}
