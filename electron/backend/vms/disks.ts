/**
 * Adding and removing disks. Targets are picked automatically (the next
 * free vdX for virtio, sdX for SATA/SCSI/USB). A disk goes into the running
 * machine where it can be hot-plugged (virtio, SCSI, USB) and into the next
 * boot's definition; SATA devices and CD-ROMs on SATA only from the next boot.
 */
import type { AttachDiskInput, DetachDiskInput } from '../../../shared/contract/vm-config.js';
import { api, DeviceModifyFlags, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { buildCdromXml, buildDiskXml, type DiskModel } from '../xml/index.js';
import { appliedWhere, checked, findDomain, nextFreeTarget, readModel, readScope } from './common.js';
import { findDiskVolume } from './details-devices.js';
import { resolveDiskSource } from './disk-source.js';

const HOTPLUG_BUSES = new Set(['virtio', 'scsi', 'usb']);

type Bus = 'virtio' | 'sata' | 'scsi' | 'usb' | 'ide';

/** The device fragment libvirt matches a disk by (target, source, bus) for detach; `file` null gives an empty drive. */
export function diskFragment(d: DiskModel, media?: { file: string | null }): string {
  const file = media ? (media.file ?? undefined) : d.path;
  const bus = (d.targetBus ?? 'virtio') as Bus;
  if (d.device === 'cdrom') return checked(() => buildCdromXml({ file, target: d.targetDev, bus: bus === 'virtio' ? 'sata' : bus }));
  const source = file ? { file } : d.source.pool && d.source.volume ? { pool: d.source.pool, volume: d.source.volume } : undefined;
  if (!source)
    throw new AppError('unsupported', `NovaCron cannot describe disk ${d.targetDev} for libvirt (a network disk?): remove it in the XML.`);
  return checked(() => buildDiskXml({ source, target: d.targetDev, bus, format: d.format === 'qcow2' ? 'qcow2' : 'raw' }));
}

export async function attachVmDisk(c: RpcCaller, uuid: string, req: Omit<AttachDiskInput, 'connectionId' | 'uuid'>) {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const models = await Promise.all([scope.persistent ? readModel(c, dom, true) : null, scope.running ? readModel(c, dom) : null]);
  const present = models.filter((m) => m !== null);
  const cdrom = req.source.kind === 'iso';
  const bus = req.bus ?? (cdrom ? 'sata' : 'virtio');
  if (cdrom && bus === 'virtio') throw new AppError('invalid-input', 'A CD-ROM drive cannot be on the virtio bus: use sata, scsi or usb.');
  const target = nextFreeTarget(present, bus);
  const hotplug = HOTPLUG_BUSES.has(bus);
  const live = scope.running && hotplug;
  const config = scope.persistent;
  if (!live && !config)
    throw new AppError(
      'operation-invalid',
      `A ${bus.toUpperCase()} device cannot be hot-plugged, and a transient machine has no next boot to add it to.`,
    );
  const source = await resolveDiskSource(c, req.source, `${dom.name}-${target}`);
  const usedBy = present.flatMap((m) => m.disks).find((d) => d.path === source.path);
  if (usedBy) throw new AppError('conflict', `${source.path} is already attached to this machine as ${usedBy.targetDev}.`);
  try {
    const xml = checked(() =>
      cdrom
        ? buildCdromXml({ file: source.path, target, bus: bus as 'sata' | 'scsi' | 'usb' })
        : buildDiskXml({ source: { file: source.path }, target, bus, format: source.format, readonly: req.readonly }),
    );
    await api.attachDevice(c, dom, xml, (live ? DeviceModifyFlags.LIVE : 0) | (config ? DeviceModifyFlags.CONFIG : 0));
  } catch (e) {
    if (source.created) await api.deleteStorageVolume(c, source.created).catch(() => undefined);
    throw e;
  }
  const reason = live
    ? config
      ? 'attached now and kept for the next boot'
      : 'attached now (a transient machine has no next boot)'
    : scope.running
      ? `a ${bus.toUpperCase()} device cannot be hot-plugged: attached from the next boot`
      : 'the machine is off: attached from its next boot';
  return { applied: appliedWhere(live, config), reason, target, source: source.path, createdVolume: source.created !== null };
}

export async function detachVmDisk(c: RpcCaller, uuid: string, req: Pick<DetachDiskInput, 'target' | 'deleteVolume'>) {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const [config, live] = await Promise.all([scope.persistent ? readModel(c, dom, true) : null, scope.running ? readModel(c, dom) : null]);
  const inConfig = config?.disks.find((d) => d.targetDev === req.target);
  const inLive = live?.disks.find((d) => d.targetDev === req.target);
  const disk = inConfig ?? inLive;
  if (!disk) throw new AppError('not-found', `The machine "${dom.name}" has no disk ${req.target}.`);
  if (req.deleteVolume && disk.device === 'cdrom')
    throw new AppError('invalid-input', `${req.target} is a CD-ROM drive: its image is never deleted with it.`);
  const vol = req.deleteVolume ? await findDiskVolume(c, disk) : null;
  if (req.deleteVolume && !vol)
    throw new AppError('invalid-input', `${req.target}'s image is not a volume of a storage pool: NovaCron deletes only pool volumes.`);
  await api.detachDevice(c, dom, diskFragment(disk), (inLive ? DeviceModifyFlags.LIVE : 0) | (inConfig ? DeviceModifyFlags.CONFIG : 0));
  // A live unplug needs the guest's consent: libvirt waits a few seconds, then leaves it pending.
  const pending = inLive !== undefined && (await readModel(c, dom)).disks.some((d) => d.targetDev === req.target);
  let deleted: string | null = null;
  if (vol && !pending) {
    await api.deleteStorageVolume(c, vol);
    deleted = disk.path ?? `${vol.pool}/${vol.name}`;
  }
  const where = appliedWhere(inLive !== undefined && !pending, inConfig !== undefined || pending);
  const reason = pending
    ? `the guest has not released ${req.target} yet: it goes at the next boot${vol ? ', and its volume was kept' : ''}`
    : inLive && inConfig
      ? 'removed now and from the next boot'
      : inLive
        ? 'removed from the running machine'
        : scope.running
          ? "it was only in the next boot's definition"
          : 'the machine is off: removed from its definition';
  return { applied: where, reason, deletedVolume: deleted };
}
