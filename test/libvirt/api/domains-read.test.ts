/** Read-only domain calls on the lab's guests, with differential checks against virsh. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode } from '../../../electron/libvirt/errors.js';
import { type Dom, uuidToString } from '../../../electron/libvirt/protocol/common.js';
import {
  DomainState,
  DomainXmlFlags,
  GetAllDomainStatsFlags,
  ListAllDomainsFlags,
  StatsTypes,
} from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, normalizeXml, parseKeyValues, virsh } from '../../helpers/lab.js';
import { expectDaemonError } from './expect-error.js';

const VIRSH_STATE: Record<number, string> = {
  [DomainState.RUNNING]: 'running',
  [DomainState.PAUSED]: 'paused',
  [DomainState.SHUTOFF]: 'shut off',
  [DomainState.SHUTDOWN]: 'in shutdown',
  [DomainState.CRASHED]: 'crashed',
  [DomainState.PMSUSPENDED]: 'pmsuspended',
};

describe.skipIf(!lab)('domain reads on qemu:///system', () => {
  let c: LibvirtClient;
  let running: Dom;
  let stopped: Dom;
  beforeAll(async () => {
    c = await connectLab('system', { readOnly: true });
    running = await api.lookupDomainByName(c, lab!.runningGuest);
    stopped = await api.lookupDomainByName(
      c,
      lab!.guests.find((g) => g !== lab!.runningGuest)!,
    );
  });
  afterAll(async () => {
    await c?.close();
  });

  it('lists the same domains and states as virsh list --all', async () => {
    const doms = await api.listAllDomains(c);
    const ours = await Promise.all(doms.map(async (d) => `${d.name} ${VIRSH_STATE[(await api.getDomainState(c, d)).state]}`));
    const theirs = virsh(['list', '--all'])
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).slice(1).join(' '));
    expect(ours.sort()).toEqual(theirs.sort());
    expect(await api.countDomains(c)).toBe(doms.length);
    const active = await api.listAllDomains(c, ListAllDomainsFlags.ACTIVE);
    expect(active.every((d) => d.id > 0)).toBe(true);
    expect(active.map((d) => d.name)).toContain(lab!.runningGuest);
  });

  it('looks a domain up by name, UUID (string and bytes) and id', async () => {
    const byUuid = await api.lookupDomainByUuid(c, uuidToString(running.uuid));
    expect(byUuid).toStrictEqual(running);
    expect(await api.lookupDomainByUuid(c, running.uuid)).toStrictEqual(running);
    expect(await api.lookupDomainById(c, running.id)).toStrictEqual(running);
    expect(stopped.id).toBe(-1);
    const err = await expectDaemonError(api.lookupDomainByName(c, 'apitest-no-such-domain'));
    expect(err.code).toBe(ErrorCode.NO_DOMAIN);
  });

  it.each(['running', 'stopped'] as const)('matches virsh dominfo for the %s guest', async (which) => {
    const d = which === 'running' ? running : stopped;
    const info = await api.getDomainInfo(c, d);
    const v = parseKeyValues(virsh(['dominfo', d.name]));
    expect(info.vcpus).toBe(Number(v['CPU(s)']));
    expect(`${info.maxMemKiB} KiB`).toBe(v['Max memory']);
    expect(VIRSH_STATE[info.state]).toBe(v.State);
    expect(uuidToString(d.uuid)).toBe(v.UUID);
    expect(await api.isDomainPersistent(c, d)).toBe(v.Persistent === 'yes');
    expect(await api.getDomainAutostart(c, d)).toBe(v.Autostart === 'enable');
    expect(await api.isDomainActive(c, d)).toBe(which === 'running');
    expect(await api.hasManagedSaveImage(c, d)).toBe(v['Managed save'] === 'yes');
  });

  it('returns the state with its reason', async () => {
    expect(await api.getDomainState(c, running)).toEqual({ state: DomainState.RUNNING, reason: expect.any(Number) });
    expect((await api.getDomainState(c, stopped)).state).toBe(DomainState.SHUTOFF);
  });

  it('returns the same XML as virsh dumpxml (live and inactive)', async () => {
    for (const d of [running, stopped]) {
      expect(normalizeXml(await api.getDomainXml(c, d))).toBe(normalizeXml(virsh(['dumpxml', d.name])));
      expect(normalizeXml(await api.getDomainXml(c, d, DomainXmlFlags.INACTIVE))).toBe(
        normalizeXml(virsh(['dumpxml', '--inactive', d.name])),
      );
    }
  });

  it('reads vCPU counts', async () => {
    expect(await api.getDomainVcpus(c, running)).toBe((await api.getDomainInfo(c, running)).vcpus);
    expect(await api.getDomainVcpus(c, stopped, 2 | 4)).toBeGreaterThanOrEqual(1); // CONFIG | MAXIMUM
  });

  it('gets all-domain stats with every group for the running guest, with the field names virsh shows', async () => {
    const [rec, ...rest] = await api.getAllDomainStats(c, { doms: [running], stats: 0x7ff });
    expect(rest).toHaveLength(0);
    expect(rec!.dom).toStrictEqual(running);
    const r = api.statsToRecord(rec!);
    expect(r['state.state']).toBe(DomainState.RUNNING);
    expect(typeof r['cpu.time']).toBe('bigint');
    expect(r['balloon.current']).toBeTypeOf('bigint');
    expect(r['vcpu.current']).toBe(1);
    expect(r['block.0.name']).toBe('vda'); // a STRING param, sent without STRING_OKAY
    const virshFields = virsh(['domstats', running.name])
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.trim().split('=')[0]);
    const [all] = await api.getAllDomainStats(c, { doms: [running] });
    expect(all!.params.map((p) => p.field).sort()).toEqual(virshFields.sort());
  });

  it('gets all-domain stats for every domain, filtered by flags', async () => {
    // The lab's guests, plus its VNC guest (always running, for the graphical console).
    const vncGuest = String(lab!.vncGuest);
    const every = await api.getAllDomainStats(c, { stats: StatsTypes.STATE });
    expect(every.map((s) => s.dom.name).sort()).toEqual([...lab!.guests, vncGuest].sort());
    const active = await api.getAllDomainStats(c, { stats: StatsTypes.STATE | StatsTypes.CPU_TOTAL, flags: GetAllDomainStatsFlags.ACTIVE });
    expect(active.map((s) => s.dom.name).sort()).toEqual([running.name, vncGuest].sort());
  });

  it('reads memory, block and interface statistics', async () => {
    const mem = await api.getDomainMemoryStats(c, running);
    expect(mem.actual).toBe((await api.getDomainInfo(c, running)).memoryKiB);
    expect(mem.rss).toBeGreaterThan(0n);
    const blk = await api.getDomainBlockStats(c, running, 'vda');
    expect(blk.rdReq).toBeGreaterThanOrEqual(0n);
    // The running lab guest has a NIC on the lab's network (the lab fails if that network cannot start).
    const nic = /<interface [\s\S]*?<target dev='([^']+)'/.exec(await api.getDomainXml(c, running))?.[1];
    expect(nic).toBeTruthy();
    {
      const s = await api.getDomainInterfaceStats(c, running, nic!);
      expect(s.rxBytes).toBeGreaterThanOrEqual(0n);
      // virsh reads later: its counter can only be the same or higher
      const theirs = BigInt(/tx_bytes (\d+)/.exec(virsh(['domifstat', running.name, nic!]))![1]!);
      expect(theirs >= s.txBytes).toBe(true);
      await expectDaemonError(api.getDomainInterfaceStats(c, running, 'vnet-none'), [ErrorCode.INVALID_ARG]);
    }
  });

  it('reads block info like virsh domblkinfo', async () => {
    const info = await api.getBlockInfo(c, running, 'vda');
    const v = parseKeyValues(virsh(['domblkinfo', running.name, 'vda']));
    expect(info.capacity).toBe(BigInt(v.Capacity!));
    expect(info.allocation).toBeGreaterThan(0n);
    await expectDaemonError(api.getBlockInfo(c, running, 'vdz'), [ErrorCode.INVALID_ARG]);
  });

  it('reads block I/O tuning including the string group_name (STRING_OKAY)', async () => {
    const params = await api.getBlockIoTune(c, running, 'vda');
    const names = virsh(['blkdeviotune', running.name, 'vda'])
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => l.split(':')[0]!.trim());
    expect(params.map((p) => p.field).sort()).toEqual(names.sort());
    expect(params.find((p) => p.field === 'group_name')).toMatchObject({ type: 7 });
  });

  it('reads interface addresses (lease source) and reports no hostname without an agent', async () => {
    const ifaces = await api.getInterfaceAddresses(c, running, 0);
    expect(Array.isArray(ifaces)).toBe(true);
    expect(ifaces).toEqual([]); // the lab's isolated network has no DHCP server, so no lease
    await expectDaemonError(api.getDomainHostname(c, running));
  });

  it('reads the snapshot state of the lab guests', async () => {
    for (const d of [running, stopped]) {
      const snaps = await api.listSnapshots(c, d);
      expect(await api.hasCurrentSnapshot(c, d)).toBe(snaps.length > 0);
    }
  });
});

describe.skipIf(!lab)('domain reads on the test-driver host', () => {
  it('lists every simulated domain, gets their stats and takes a screenshot', async () => {
    const t = await connectLab('testHost');
    try {
      const doms = await api.listAllDomains(t);
      expect(doms.length).toBe(lab!.testHostDomains ?? doms.length);
      const stats = await api.getAllDomainStats(t);
      expect(stats).toHaveLength(doms.length);
      const run = (await api.listAllDomains(t, ListAllDomainsFlags.RUNNING))[0]!;
      const shot = await api.takeScreenshot(t, run, 0);
      expect(shot.mime).toBe('image/png');
      expect(Buffer.from(shot.data.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      expect(shot.data.byteLength).toBe(readFileSync('/usr/share/libvirt/test-screenshot.png').byteLength);
    } finally {
      await t.close();
    }
  });
});
