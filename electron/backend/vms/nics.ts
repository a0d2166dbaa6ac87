/** Adding and removing NICs (virtual network or host bridge), hot-plugged when running and kept for the next boot. */
import type { AttachNicInput } from '../../../shared/contract/vm-config.js';
import { api, DeviceModifyFlags, isNoNetwork, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { buildInterfaceXml, type DomainModel, type InterfaceModel } from '../xml/index.js';
import { appliedWhere, checked, findDomain, readModel, readScope } from './common.js';

const MODELS = new Set(['virtio', 'e1000', 'e1000e', 'rtl8139']);

async function checkNetwork(c: RpcCaller, name: string, running: boolean): Promise<void> {
  try {
    const net = await api.lookupNetworkByName(c, name);
    if (running && !(await api.isNetworkActive(c, net)))
      throw new AppError('operation-invalid', `The virtual network "${name}" is not active: start it first.`);
  } catch (e) {
    if (isNoNetwork(e)) throw new AppError('not-found', `There is no virtual network "${name}" on this host.`);
    throw e;
  }
}

function macsOf(models: (DomainModel | null)[]): Set<string> {
  return new Set(models.flatMap((m) => m?.interfaces ?? []).flatMap((n) => (n.mac ? [n.mac.toLowerCase()] : [])));
}

function reasonFor(live: boolean, config: boolean, verb: string): string {
  if (live && config) return `${verb} now and for the next boot`;
  return live ? `${verb} now (a transient machine has no next boot)` : `the machine is off: ${verb} from its next boot`;
}

export async function attachVmNic(c: RpcCaller, uuid: string, req: Omit<AttachNicInput, 'connectionId' | 'uuid'>) {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const before = await Promise.all([scope.persistent ? readModel(c, dom, true) : null, scope.running ? readModel(c, dom) : null]);
  const mac = req.mac?.toLowerCase();
  if (mac && macsOf(before).has(mac)) throw new AppError('conflict', `The machine "${dom.name}" already has a NIC with MAC ${mac}.`);
  if (req.type === 'network') await checkNetwork(c, req.source, scope.running);
  const xml = checked(() => buildInterfaceXml({ type: req.type, source: req.source, model: req.model, mac }));
  await api.attachDevice(c, dom, xml, (scope.running ? DeviceModifyFlags.LIVE : 0) | (scope.persistent ? DeviceModifyFlags.CONFIG : 0));
  // libvirt picked the MAC when none was given: the new one is the MAC that was not there before.
  const after = await readModel(c, dom, scope.persistent);
  const known = macsOf(before);
  const added = mac ?? after.interfaces.map((n) => n.mac?.toLowerCase()).find((m) => m !== undefined && !known.has(m));
  return {
    applied: appliedWhere(scope.running, scope.persistent),
    reason: reasonFor(scope.running, scope.persistent, 'attached'),
    mac: added ?? '',
  };
}

function nicFragment(n: InterfaceModel): string {
  const type = n.type as 'network' | 'bridge' | 'direct' | 'user';
  const source = n.source.network ?? n.source.bridge ?? n.source.dev;
  const model = n.model && MODELS.has(n.model) ? (n.model as 'virtio') : undefined;
  return checked(() => buildInterfaceXml({ type, source: type === 'network' ? n.source.network : source, mac: n.mac, model }));
}

export async function detachVmNic(c: RpcCaller, uuid: string, mac: string) {
  const dom = await findDomain(c, uuid);
  const scope = await readScope(c, dom);
  const [config, live] = await Promise.all([scope.persistent ? readModel(c, dom, true) : null, scope.running ? readModel(c, dom) : null]);
  const want = mac.toLowerCase();
  const inConfig = config?.interfaces.find((n) => n.mac?.toLowerCase() === want);
  const inLive = live?.interfaces.find((n) => n.mac?.toLowerCase() === want);
  const nic = inConfig ?? inLive;
  if (!nic) throw new AppError('not-found', `The machine "${dom.name}" has no NIC with MAC ${want}.`);
  await api.detachDevice(c, dom, nicFragment(nic), (inLive ? DeviceModifyFlags.LIVE : 0) | (inConfig ? DeviceModifyFlags.CONFIG : 0));
  // A live unplug needs the guest's consent; libvirt waits a few seconds and then leaves it pending.
  const pending = inLive !== undefined && (await readModel(c, dom)).interfaces.some((n) => n.mac?.toLowerCase() === want);
  if (pending)
    return {
      applied: 'config' as const,
      reason: 'the guest has not released the NIC yet: it goes at the next boot (or when the guest lets go)',
    };
  return {
    applied: appliedWhere(inLive !== undefined, inConfig !== undefined),
    reason: reasonFor(inLive !== undefined, inConfig !== undefined, 'removed'),
  };
}
