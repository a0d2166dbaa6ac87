/** Round trips of the nested structs: leases, interface addresses, snapshots, migration, lists. */
import { describe, expect, it } from 'vitest';
import * as DD from '../../../electron/libvirt/protocol/domain-devices.js';
import * as DS from '../../../electron/libvirt/protocol/domain-stats.js';
import * as H from '../../../electron/libvirt/protocol/host.js';
import * as M from '../../../electron/libvirt/protocol/migration.js';
import * as N from '../../../electron/libvirt/protocol/network.js';
import * as ND from '../../../electron/libvirt/protocol/nodedev.js';
import * as Q from '../../../electron/libvirt/protocol/qemu.js';
import * as S from '../../../electron/libvirt/protocol/snapshot.js';
import * as SP from '../../../electron/libvirt/protocol/storage-pool.js';
import * as SV from '../../../electron/libvirt/protocol/storage-vol.js';
import { decode, encode } from '../../../electron/libvirt/xdr/index.js';
import { DOM_G1, DOM_T1, UUID_A, UUID_B, hex, roundTrip } from './codec-helpers.js';

const NET = { name: 'isolated', uuid: UUID_B };
const POOL = { name: 'default', uuid: UUID_A };
const VOL = { pool: 'default', name: 'a.qcow2', key: '/var/lib/libvirt/images/a.qcow2' };

describe('network structs', () => {
  it('round-trips DHCP leases with present and absent optional strings', () => {
    const full = {
      iface: 'virbr0',
      expirytime: 1700000000n,
      type: 0,
      mac: '52:54:00:00:00:01',
      iaid: null,
      ipaddr: '192.168.122.10',
      prefix: 24,
      hostname: 'guest',
      clientid: '01:52:54:00:00:00:01',
    };
    const empty = { iface: '', expirytime: 0n, type: 1, mac: null, iaid: null, ipaddr: '', prefix: 0, hostname: null, clientid: null };
    // smallest lease: 4 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4 = 40 bytes
    roundTrip(N.DhcpLease, empty, 40);
    roundTrip(N.NETWORK_GET_DHCP_LEASES.ret, { leases: [full, empty], ret: 2 });
    roundTrip(N.NETWORK_GET_DHCP_LEASES.args, { net: NET, mac: null, needResults: true, flags: 0 });
  });

  it('round-trips NETWORK_UPDATE args in command, section order', () => {
    const bytes = roundTrip(N.NETWORK_UPDATE.args, { net: NET, command: 3, section: 4, parentIndex: -1, xml: '<host/>', flags: 3 });
    const at = 4 + 8 + 16; // name "isolated" (4 + 8) + uuid
    expect(hex(bytes.subarray(at, at + 12))).toBe('00000003' + '00000004' + 'ffffffff');
  });

  it('round-trips the network list', () => {
    roundTrip(N.CONNECT_LIST_ALL_NETWORKS.ret, { nets: [NET], ret: 1 });
  });
});

describe('domain structs', () => {
  it('round-trips interface addresses', () => {
    const ifaces = [
      {
        name: 'vnet0',
        hwaddr: '52:54:00:6e:63:01',
        addrs: [
          { type: 0, addr: '192.168.122.3', prefix: 24 },
          { type: 1, addr: 'fe80::5054:ff:fe6e:6301', prefix: 64 },
        ],
      },
      { name: 'lo', hwaddr: null, addrs: [] },
    ];
    roundTrip(DS.DOMAIN_INTERFACE_ADDRESSES.ret, { ifaces });
    roundTrip(DS.DOMAIN_INTERFACE_ADDRESSES.ret, { ifaces: [] }, 4);
  });

  it('round-trips the block, interface and memory counters', () => {
    roundTrip(DS.DOMAIN_BLOCK_STATS.ret, { rdReq: 1n, rdBytes: 2n, wrReq: 3n, wrBytes: 4n, errs: -1n }, 40);
    roundTrip(
      DS.DOMAIN_INTERFACE_STATS.ret,
      { rxBytes: 1n, rxPackets: 2n, rxErrs: 0n, rxDrop: 0n, txBytes: 5n, txPackets: 6n, txErrs: -1n, txDrop: -1n },
      64,
    );
    roundTrip(
      DS.DOMAIN_MEMORY_STATS.ret,
      {
        stats: [
          { tag: 6, val: 98304n },
          { tag: 7, val: 40000n },
        ],
      },
      28,
    );
    roundTrip(DS.DOMAIN_GET_BLOCK_INFO.ret, { allocation: 1392640n, capacity: 1073741824n, physical: 1572864n }, 24);
  });

  it('round-trips GET_BLOCK_IO_TUNE with a null disk and string params', () => {
    roundTrip(DS.DOMAIN_GET_BLOCK_IO_TUNE.args, { dom: DOM_T1, disk: null, nparams: 0, flags: 4 });
    roundTrip(DS.DOMAIN_GET_BLOCK_IO_TUNE.ret, {
      params: [
        { field: 'total_bytes_sec', type: 4, value: 0n },
        { field: 'group_name', type: 7, value: '' },
      ],
      nparams: 2,
    });
  });

  it('round-trips console and screenshot args', () => {
    roundTrip(DD.DOMAIN_OPEN_CONSOLE.args, { dom: DOM_G1, devName: null, flags: 1 }, 36);
    roundTrip(DD.DOMAIN_OPEN_CONSOLE.args, { dom: DOM_G1, devName: 'serial0', flags: 0 });
    roundTrip(DD.DOMAIN_SCREENSHOT.ret, { mime: 'image/png' });
    roundTrip(DD.DOMAIN_SCREENSHOT.ret, { mime: null }, 4);
  });
});

describe('snapshots, migration, jobs', () => {
  it('round-trips snapshot lists (signed count) and snapshot args', () => {
    const snap = { name: 's1', dom: DOM_T1 };
    roundTrip(S.DOMAIN_LIST_ALL_SNAPSHOTS.ret, { snapshots: [snap, { name: 's2', dom: DOM_T1 }], ret: 2 });
    roundTrip(S.DOMAIN_REVERT_TO_SNAPSHOT.args, { snap, flags: 4 });
    roundTrip(S.DOMAIN_SNAPSHOT_CREATE_XML.args, { dom: DOM_T1, xmlDesc: '<domainsnapshot/>', flags: 0 });
  });

  it('round-trips MIGRATE_PERFORM3_PARAMS args and ret', () => {
    roundTrip(M.DOMAIN_MIGRATE_PERFORM3_PARAMS.args, {
      dom: DOM_G1,
      dconnuri: 'qemu+ssh://dst/system',
      params: [
        { field: 'migrate_uri', type: 7, value: 'tcp://10.0.0.2' },
        { field: 'bandwidth', type: 4, value: 100n },
        { field: 'parallel.connections', type: 1, value: 4 },
      ],
      cookieIn: new Uint8Array(0),
      flags: 3,
    });
    roundTrip(M.DOMAIN_MIGRATE_PERFORM3_PARAMS.ret, { cookieOut: Uint8Array.from([1, 2, 3, 4, 5]) }, 12);
    roundTrip(M.DOMAIN_GET_JOB_STATS.ret, { type: 2, params: [{ field: 'time_elapsed', type: 4, value: 1500n }] });
  });
});

describe('storage, host, devices, qemu', () => {
  it('round-trips volume and pool args', () => {
    roundTrip(SV.STORAGE_VOL_CREATE_XML_FROM.args, { pool: POOL, xml: '<volume/>', clonevol: VOL, flags: 0 });
    roundTrip(SV.STORAGE_VOL_UPLOAD.args, { vol: VOL, offset: 0n, length: 2n ** 40n, flags: 0 });
    roundTrip(SV.STORAGE_VOL_RESIZE.args, { vol: VOL, capacity: 1n << 30n, flags: 4 });
    roundTrip(SP.CONNECT_LIST_ALL_STORAGE_POOLS.ret, { pools: [POOL], ret: 1 });
    roundTrip(SP.STORAGE_POOL_LIST_ALL_VOLUMES.ret, { vols: [VOL, VOL], ret: 2 });
  });

  it('round-trips node stats, cells and domain capabilities args', () => {
    roundTrip(H.NODE_GET_MEMORY_STATS.ret, {
      params: [
        { field: 'total', value: 4810528n },
        { field: 'free', value: 1000n },
      ],
      nparams: 2,
    });
    roundTrip(H.NODE_GET_CPU_STATS.args, { cpuNum: -1, nparams: 4, flags: 0 }, 12);
    roundTrip(H.NODE_GET_CELLS_FREE_MEMORY.ret, { cells: [1n, 2n] }, 20);
    const caps = roundTrip(H.CONNECT_GET_DOMAIN_CAPABILITIES.args, {
      emulatorbin: null,
      arch: 'x86_64',
      machine: null,
      virttype: 'kvm',
      flags: 0,
    });
    expect(hex(caps.subarray(0, 8))).toBe('0000000000000001');
  });

  it('round-trips node devices, interfaces and the QEMU program', () => {
    roundTrip(ND.CONNECT_LIST_ALL_NODE_DEVICES.ret, { devices: [{ name: 'computer' }, { name: 'net_lo_00_00_00_00_00_00' }], ret: 2 });
    roundTrip(ND.INTERFACE_GET_XML_DESC.args, { iface: { name: 'eth0', mac: '52:54:00:00:00:01' }, flags: 1 });
    roundTrip(Q.QEMU_DOMAIN_AGENT_COMMAND.args, { dom: DOM_G1, cmd: '{"execute":"guest-ping"}', timeout: -2, flags: 0 });
    roundTrip(Q.QEMU_DOMAIN_AGENT_COMMAND.ret, { result: null }, 4);
    expect(decode(Q.QEMU_DOMAIN_MONITOR_COMMAND.ret, encode(Q.QEMU_DOMAIN_MONITOR_COMMAND.ret, { result: '{}' }))).toEqual({
      result: '{}',
    });
  });
});
