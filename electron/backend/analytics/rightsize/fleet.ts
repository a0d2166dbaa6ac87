/**
 * The fleet as right-sizing needs it: per connected host its memory and
 * CPUs, per machine its vCPUs, memory and whether it runs, from one bulk
 * statistics call per host (state, vCPU and balloon groups).
 */
import { api, DomainState, StatsTypes, type RpcCaller } from '../../../libvirt/index.js';
import { readRawDomain } from '../../monitoring/collector/raw.js';

export interface FleetMachine {
  uuid: string;
  name: string;
  vcpus: number;
  memoryKiB: number;
  running: boolean;
}

export interface FleetHost {
  connectionId: string;
  name: string;
  memoryKiB: number;
  cpus: number;
  machines: FleetMachine[];
}

export async function readFleetHost(connectionId: string, name: string, conn: RpcCaller): Promise<FleetHost> {
  const [info, records] = await Promise.all([
    api.getNodeInfo(conn),
    api.getAllDomainStats(conn, { stats: StatsTypes.STATE | StatsTypes.VCPU | StatsTypes.BALLOON }),
  ]);
  const machines = records.map((rec) => {
    const d = readRawDomain(rec);
    return {
      uuid: d.uuid,
      name: d.name,
      vcpus: d.vcpus ?? 1,
      memoryKiB: d.balloonCurrentKiB ?? 0,
      running: d.state === DomainState.RUNNING,
    };
  });
  return { connectionId, name, memoryKiB: Number(info.memoryKiB), cpus: info.cpus, machines };
}
