/** Inserting, changing and ejecting CD-ROM media, live and in the next boot's definition. */
import { api, DeviceModifyFlags, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { DomainModel } from '../xml/index.js';
import { appliedWhere, findDomain, readModel, readScope } from './common.js';
import { diskFragment } from './disks.js';

function findDrive(models: DomainModel[], name: string, target: string | undefined) {
  const disks = models.flatMap((m) => m.disks);
  if (target === undefined) {
    const first = disks.find((d) => d.device === 'cdrom');
    if (!first) throw new AppError('operation-invalid', `The machine "${name}" has no CD-ROM drive: add one first (attach an ISO image).`);
    return first;
  }
  const d = disks.find((x) => x.targetDev === target);
  if (!d) throw new AppError('not-found', `The machine "${name}" has no drive ${target}.`);
  if (d.device !== 'cdrom') throw new AppError('invalid-input', `${target} of "${name}" is a ${d.device}, not a CD-ROM drive.`);
  return d;
}

/** `path` null ejects. FORCE opens a tray the guest has locked, as `virsh change-media --force` does. */
export async function changeVmMedia(c: RpcCaller, uuid: string, target: string | undefined, path: string | null) {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const [config, live] = await Promise.all([scope.persistent ? readModel(c, dom, true) : null, scope.running ? readModel(c, dom) : null]);
  const drive = findDrive(
    [config, live].filter((m) => m !== null),
    dom.name,
    target,
  );
  if (path !== null && !path.startsWith('/')) throw new AppError('invalid-input', `"${path}" is not an absolute path to an ISO image.`);
  const inLive = live?.disks.some((d) => d.targetDev === drive.targetDev) ?? false;
  const inConfig = config?.disks.some((d) => d.targetDev === drive.targetDev) ?? false;
  const flags = (inLive ? DeviceModifyFlags.LIVE | DeviceModifyFlags.FORCE : 0) | (inConfig ? DeviceModifyFlags.CONFIG : 0);
  await api.updateDevice(c, dom, diskFragment(drive, { file: path }), flags);
  const what = path === null ? 'ejected' : 'inserted';
  const reason =
    inLive && inConfig
      ? `${what} now and for the next boot`
      : inLive
        ? `${what} in the running machine`
        : `the machine is off: ${what} for its next boot`;
  return { applied: appliedWhere(inLive, inConfig), reason, target: drive.targetDev };
}
