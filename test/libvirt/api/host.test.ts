/** Host calls against the lab's qemu:///system (read-only), checked against virsh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { LibvirtError } from '../../../electron/libvirt/errors.js';
import { connectLab, lab, normalizeXml, parseKeyValues, virsh } from '../../helpers/lab.js';
import { resultOrDaemonError } from './expect-error.js';

function versionNumber(text: string): bigint {
  const [a = 0, b = 0, c = 0] = text.split('.').map(Number);
  return BigInt(a * 1_000_000 + b * 1000 + c);
}

describe.skipIf(!lab)('host API on qemu:///system', () => {
  let c: LibvirtClient;
  beforeAll(async () => {
    // read-write although we only read: GET_DOMAIN_CAPABILITIES is refused on read-only connections
    c = await connectLab('system');
  });
  afterAll(async () => {
    await c?.close();
  });

  it('identifies the connection', async () => {
    expect(await api.getHostname(c)).toBe(virsh(['hostname']).trim());
    expect(await api.getUri(c)).toBe('qemu:///system');
    expect(await api.getHypervisorType(c)).toBe('QEMU');
    expect(await api.isConnectionSecure(c)).toBe(true);
  });

  it('reports the same versions as virsh', async () => {
    const out = virsh(['version']);
    const lib = /Using library: libvirt ([\d.]+)/.exec(out)?.[1];
    const hv = /Running hypervisor: QEMU ([\d.]+)/.exec(out)?.[1];
    expect(await api.getLibVersion(c)).toBe(versionNumber(lib!));
    expect(await api.getHypervisorVersion(c)).toBe(versionNumber(hv!));
  });

  it('reads node info like virsh nodeinfo', async () => {
    const info = await api.getNodeInfo(c);
    const v = parseKeyValues(virsh(['nodeinfo']));
    expect(info.model).toBe(v['CPU model']);
    expect(info.cpus).toBe(Number(v['CPU(s)']));
    expect(info.memoryKiB).toBe(BigInt(v['Memory size']!.split(' ')[0]!));
    expect(info.threads).toBe(Number(v['Thread(s) per core']));
    expect(info.nodes).toBe(Number(v['NUMA cell(s)']));
  });

  it('reads capabilities, domain capabilities and sysinfo', async () => {
    const caps = await api.getCapabilities(c);
    expect(normalizeXml(caps)).toBe(normalizeXml(virsh(['capabilities'])));
    const dcaps = await api.getDomainCapabilities(c, { virtType: 'qemu', arch: 'x86_64' });
    expect(dcaps).toContain('<domainCapabilities>');
    const sys = await resultOrDaemonError(api.getSysinfo(c));
    if (typeof sys === 'string') expect(sys).toContain('<sysinfo');
    else expect(sys).toBeInstanceOf(LibvirtError); // no SMBIOS in a container is fine
  });

  it('reads node memory and CPU statistics with the two-step', async () => {
    const mem = await api.getNodeMemoryStats(c);
    expect(Object.keys(mem).sort()).toEqual(['buffers', 'cached', 'free', 'total']);
    expect(mem.total!).toBeGreaterThan(mem.free!);
    const cpu = await api.getNodeCpuStats(c);
    expect(Object.keys(cpu)).toEqual(expect.arrayContaining(['kernel', 'user', 'idle', 'iowait']));
    const cpu0 = await api.getNodeCpuStats(c, 0);
    expect(cpu0.idle).toBeDefined();
    const cell0 = await api.getNodeMemoryStats(c, 0);
    expect(cell0.total).toBeDefined();
  });

  it('reads free memory, whole and per cell', async () => {
    const free = await api.getNodeFreeMemory(c);
    expect(free).toBeGreaterThan(0n);
    const cells = await api.getNodeCellsFreeMemory(c, 0, 1);
    expect(cells).toHaveLength(1);
    expect(cells[0]!).toBeGreaterThan(0n);
  });
});

describe.skipIf(!lab)('host API over qemu+ssh', () => {
  it('sees the same host and domains as the local socket', async () => {
    const local = await connectLab('system', { readOnly: true });
    const remote = await connectLab('ssh', { readOnly: true });
    try {
      expect(await api.getHostname(remote)).toBe(await api.getHostname(local));
      const names = (d: { name: string }[]) => d.map((x) => x.name).sort();
      expect(names(await api.listAllDomains(remote))).toEqual(names(await api.listAllDomains(local)));
    } finally {
      await remote.close();
      await local.close();
    }
  });
});
