import {
  getHostname,
  getHypervisorType,
  getHypervisorVersion,
  getLibVersion,
  getNodeInfo,
  getUri,
  type RpcCaller,
} from '../../libvirt/index.js';
import { printJson, printTable } from '../output.js';

/** libvirt packs versions as major * 1e6 + minor * 1e3 + micro. */
export function formatVersion(v: bigint): string {
  const n = Number(v);
  return `${Math.floor(n / 1e6)}.${Math.floor(n / 1e3) % 1e3}.${n % 1e3}`;
}

export async function showHostInfo(c: RpcCaller, json: boolean): Promise<void> {
  const [hostname, uri, type, hv, lib, node] = await Promise.all([
    getHostname(c),
    getUri(c),
    getHypervisorType(c),
    getHypervisorVersion(c),
    getLibVersion(c),
    getNodeInfo(c),
  ]);
  const info = {
    hostname,
    uri,
    hypervisor: type,
    hypervisorVersion: formatVersion(hv),
    libvirtVersion: formatVersion(lib),
    cpuModel: node.model,
    cpus: node.cpus,
    mhz: node.mhz,
    memoryKiB: node.memoryKiB,
    numaNodes: node.nodes,
    sockets: node.sockets,
    cores: node.cores,
    threads: node.threads,
  };
  if (json) return printJson(info);
  printTable(
    ['field', 'value'],
    Object.entries(info).map(([k, v]) => [k, String(v)]),
  );
}
