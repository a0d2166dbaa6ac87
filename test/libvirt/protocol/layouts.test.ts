/** Byte layouts of the structs with a non-trivial encoding (docs/protocol/packets.md §2.2: small types take a word; live reply sizes). */
import { describe, expect, it } from 'vitest';
import { Dom, optStr, struct, u32 } from '../../../electron/libvirt/protocol/common.js';
import * as D from '../../../electron/libvirt/protocol/domain.js';
import * as H from '../../../electron/libvirt/protocol/host.js';
import * as SP from '../../../electron/libvirt/protocol/storage-pool.js';
import * as SV from '../../../electron/libvirt/protocol/storage-vol.js';
import { flagsCodec } from '../../../electron/libvirt/protocol/shared.js';
import { decode, encode } from '../../../electron/libvirt/xdr/index.js';
import { DOM_T1, fromHex, hex, roundTrip } from './codec-helpers.js';

const HEADER = 28; // length word + 24-byte header

describe('NODE_GET_INFO ret', () => {
  const info = {
    model: 'x86_64',
    memory: 4810528n,
    cpus: 2,
    mhz: 2096,
    nodes: 1,
    sockets: 1,
    cores: 2,
    threads: 1,
  };

  it('is 160 bytes of payload (188 with the header): char[32] takes 128', () => {
    const bytes = roundTrip(H.NODE_GET_INFO.ret, info, 160);
    expect(bytes.byteLength + HEADER).toBe(188);
    // one char per 4-byte word: 'x' = 0x78
    expect(hex(bytes.subarray(0, 8))).toBe('0000007800000038');
    expect(hex(bytes.subarray(24, 128))).toBe('00'.repeat(104));
    expect(hex(bytes.subarray(128, 136))).toBe(info.memory.toString(16).padStart(16, '0'));
  });

  it('decodes a 32-character model without a NUL', () => {
    roundTrip(H.NODE_GET_INFO.ret, { ...info, model: 'A'.repeat(32) }, 160);
  });
});

describe('DOMAIN_GET_INFO ret', () => {
  it('is 32 bytes of payload (60 with the header): state and nrVirtCpu take 4 each', () => {
    const bytes = roundTrip(D.DOMAIN_GET_INFO.ret, { state: 1, maxMem: 98304n, memory: 65536n, nrVirtCpu: 2, cpuTime: 123456789012n }, 32);
    expect(bytes.byteLength + HEADER).toBe(60);
    expect(hex(bytes.subarray(0, 4))).toBe('00000001');
    expect(hex(bytes.subarray(20, 24))).toBe('00000002');
  });
});

describe('storage info rets', () => {
  it('POOL_GET_INFO ret is 28 bytes (56 with the header)', () => {
    const bytes = roundTrip(SP.STORAGE_POOL_GET_INFO.ret, { state: 2, capacity: 10n ** 12n, allocation: 5n, available: 7n }, 28);
    expect(bytes.byteLength + HEADER).toBe(56);
  });

  it('VOL_GET_INFO ret is 20 bytes (48 with the header), with a signed 4-byte type', () => {
    const bytes = roundTrip(SV.STORAGE_VOL_GET_INFO.ret, { type: 0, capacity: 33554432n, allocation: 200704n }, 20);
    expect(bytes.byteLength + HEADER).toBe(48);
    roundTrip(SV.STORAGE_VOL_GET_INFO_FLAGS.ret, { type: 5, capacity: 1n, allocation: 0n }, 20);
  });
});

describe('CONNECT_OPEN args', () => {
  // The colleague's handshake table owns procedure 1; the layout is {name: str?, flags: u32}.
  const OpenArgs = struct({ name: optStr, flags: u32 });

  it('matches the bytes captured live for qemu:///system', () => {
    const bytes = encode(OpenArgs, { name: 'qemu:///system', flags: 0 });
    expect(hex(bytes)).toBe('00000001' + '0000000e' + '71656d753a2f2f2f73797374656d0000' + '00000000');
    expect(decode(OpenArgs, bytes)).toEqual({ name: 'qemu:///system', flags: 0 });
  });

  it('encodes a null name as one zero word', () => {
    expect(hex(encode(OpenArgs, { name: null, flags: 1 }))).toBe('0000000000000001');
  });
});

describe('domain lookups', () => {
  it('decodes the live LOOKUP_BY_NAME reply for t1', () => {
    const payload = fromHex('00000002 74310000 d7a65667407c44919f9f234bf9be05fb ffffffff');
    expect(decode(D.DOMAIN_LOOKUP_BY_NAME.ret, payload)).toStrictEqual({ dom: DOM_T1 });
    expect(hex(encode(D.DOMAIN_LOOKUP_BY_NAME.args, { name: 't1' }))).toBe('0000000274310000');
  });

  it('round-trips LIST_ALL_DOMAINS', () => {
    roundTrip(D.CONNECT_LIST_ALL_DOMAINS.args, { needResults: true, flags: 3 }, 8);
    roundTrip(D.CONNECT_LIST_ALL_DOMAINS.ret, { domains: [DOM_T1, { ...DOM_T1, name: 'guest-x', id: 3 }], ret: 2 });
  });

  it('round-trips the Dom-with-flags argument shape', () => {
    const bytes = roundTrip(D.DOMAIN_SHUTDOWN_FLAGS.args, { dom: DOM_T1, flags: 1 }, 32);
    expect(hex(bytes.subarray(28))).toBe('00000001');
    roundTrip(Dom, DOM_T1, 28);
  });
});

describe('flags', () => {
  it('sends bit 31 unsigned even when JS bit operators made it negative', () => {
    const f = 0x80000000 | 1; // -2147483647 in JS
    expect(f).toBeLessThan(0);
    expect(hex(encode(flagsCodec, f))).toBe('80000001');
    expect(decode(flagsCodec, fromHex('80000001'))).toBe(0x80000001);
  });
});
