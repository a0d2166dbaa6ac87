/** The machine page's reads and changes: vms.details, vms.xml, vms.defineXml, resources, autostart, disks, media, NICs. */
import type { BackendContext, Feature } from '../feature.js';
import { listDeviceChoices } from './choices.js';
import { defineVmXml, readVmXml } from './define.js';
import { readVmDetails } from './details.js';
import { attachVmDisk, detachVmDisk } from './disks.js';
import { changeVmMedia } from './media.js';
import { attachVmNic, detachVmNic } from './nics.js';
import { setVmAutostart, setVmResources } from './resources.js';
import { createUptimeTracker } from './uptime.js';

type ConfigMethods =
  | 'vms.details'
  | 'vms.xml'
  | 'vms.defineXml'
  | 'vms.setResources'
  | 'vms.setAutostart'
  | 'vms.attachDisk'
  | 'vms.detachDisk'
  | 'vms.changeMedia'
  | 'vms.attachNic'
  | 'vms.detachNic'
  | 'vms.deviceChoices';

export function createVmConfigFeature(ctx: BackendContext): Feature<ConfigMethods> {
  const uptime = createUptimeTracker(ctx.hosts);
  const client = (id: string) => ctx.hosts.client(id);
  return {
    handlers: {
      'vms.details': (i) => readVmDetails(client(i.connectionId), i.connectionId, i.uuid, uptime.observe),
      'vms.xml': async (i) => ({ xml: await readVmXml(client(i.connectionId), i.uuid, i.inactive) }),
      'vms.defineXml': async (i) => ({ xml: await defineVmXml(client(i.connectionId), i.uuid, i.xml) }),
      'vms.setResources': (i) => setVmResources(client(i.connectionId), i.uuid, i),
      'vms.setAutostart': (i) => setVmAutostart(client(i.connectionId), i.uuid, i.autostart),
      'vms.attachDisk': (i) => attachVmDisk(client(i.connectionId), i.uuid, i),
      'vms.detachDisk': (i) => detachVmDisk(client(i.connectionId), i.uuid, i),
      'vms.changeMedia': (i) => changeVmMedia(client(i.connectionId), i.uuid, i.target, i.path),
      'vms.attachNic': (i) => attachVmNic(client(i.connectionId), i.uuid, i),
      'vms.detachNic': (i) => detachVmNic(client(i.connectionId), i.uuid, i.mac),
      'vms.deviceChoices': (i) => listDeviceChoices(client(i.connectionId)),
    },
    close: () => uptime.close(),
  };
}
