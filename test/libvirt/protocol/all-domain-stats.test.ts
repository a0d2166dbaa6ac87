/** The hand-written CONNECT_GET_ALL_DOMAIN_STATS ret codec, checked against the generic combinators. */
import { describe, expect, it } from 'vitest';
import { Dom, type TypedParam, array, struct, typedParams } from '../../../electron/libvirt/protocol/common.js';
import { CONNECT_GET_ALL_DOMAIN_STATS } from '../../../electron/libvirt/protocol/domain-stats.js';
import { REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX, REMOTE_DOMAIN_LIST_MAX } from '../../../electron/libvirt/protocol/limits.js';
import { type DomainStatsRecord, DomainStatsRetCodec } from '../../../electron/libvirt/protocol/stats-codec.js';
import { decode, encode } from '../../../electron/libvirt/xdr/index.js';
import { DOM_G1, DOM_T1, roundTrip } from './codec-helpers.js';

const Generic = struct({
  retStats: array(struct({ dom: Dom, params: typedParams(REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX) }), REMOTE_DOMAIN_LIST_MAX),
});

const every: TypedParam[] = [
  { field: 'state.state', type: 1, value: 1 },
  { field: 'vcpu.current', type: 2, value: 2 },
  { field: 'x.llong', type: 3, value: -42n },
  { field: 'cpu.time', type: 4, value: 18446744073709551615n },
  { field: 'dirtyrate.x', type: 5, value: 1.5 },
  { field: 'x.bool', type: 6, value: false },
  { field: 'block.0.name', type: 7, value: 'vda' },
  { field: 'block.0.path', type: 7, value: '/var/lib/ünïcode/disk.qcow2' },
];

function sample(domains: number, paramsPer: number): { retStats: DomainStatsRecord[] } {
  const retStats: DomainStatsRecord[] = [];
  for (let d = 0; d < domains; d++) {
    const uuid = new Uint8Array(16);
    new DataView(uuid.buffer).setUint32(12, d);
    const params: TypedParam[] = [];
    for (let p = 0; p < paramsPer; p++) {
      const base = every[p % every.length]!;
      params.push({ ...base, field: `${base.field}.${p}` });
    }
    retStats.push({ dom: { name: `dom-${d}`, uuid, id: d % 3 === 0 ? -1 : d }, params });
  }
  return { retStats };
}

describe('CONNECT_GET_ALL_DOMAIN_STATS', () => {
  it('round-trips records carrying all seven parameter types', () => {
    roundTrip(DomainStatsRetCodec, {
      retStats: [
        { dom: DOM_T1, params: every },
        { dom: DOM_G1, params: [] },
      ],
    });
    roundTrip(DomainStatsRetCodec, { retStats: [] }, 4);
  });

  it('is byte-compatible with the generic struct/array codecs both ways', () => {
    const v = sample(20, 30);
    const mine = encode(DomainStatsRetCodec, v).slice();
    const theirs = encode(Generic, v).slice();
    expect(Buffer.from(mine).equals(Buffer.from(theirs))).toBe(true);
    expect(decode(DomainStatsRetCodec, theirs)).toStrictEqual(decode(Generic, theirs));
  });

  it('rejects truncation at every word boundary, unknown types and oversized counts', () => {
    const bytes = encode(DomainStatsRetCodec, { retStats: [{ dom: DOM_T1, params: every }] }).slice();
    for (let cut = 4; cut < bytes.byteLength; cut += 4) {
      expect(() => decode(DomainStatsRetCodec, bytes.subarray(0, cut))).toThrow();
    }
    const badType = encode(DomainStatsRetCodec, { retStats: [{ dom: DOM_T1, params: [{ field: 'a', type: 1, value: 0 }] }] }).slice();
    new DataView(badType.buffer).setInt32(badType.byteLength - 8, 9);
    expect(() => decode(DomainStatsRetCodec, badType)).toThrow(/unknown typed parameter type 9/);
    const tooMany = Uint8Array.from([0, 0, 0x40, 1]);
    expect(() => decode(DomainStatsRetCodec, tooMany)).toThrow(/exceeds the limit/);
  });

  it('interns repeated field names', () => {
    const { retStats } = decode(DomainStatsRetCodec, encode(DomainStatsRetCodec, sample(3, 4)).slice());
    expect(retStats[0]!.params[2]!.field).toBe(retStats[2]!.params[2]!.field);
  });

  it('args round-trip with a filter list and bit-31 flags', () => {
    roundTrip(CONNECT_GET_ALL_DOMAIN_STATS.args, { doms: [DOM_T1, DOM_G1], stats: 0x7ff, flags: 0x80000000 });
  });

  it('decodes 1,000 domains x 60 params quickly (and faster than the generic codec)', () => {
    const bytes = encode(DomainStatsRetCodec, sample(1000, 60)).slice();
    const time = (f: () => void) => {
      f();
      const t = performance.now();
      for (let i = 0; i < 5; i++) f();
      return (performance.now() - t) / 5;
    };
    const fast = time(() => decode(DomainStatsRetCodec, bytes));
    const generic = time(() => decode(Generic, bytes));
    console.log(`all-domain-stats decode, ${bytes.byteLength} bytes: hand-written ${fast.toFixed(1)} ms, generic ${generic.toFixed(1)} ms`);
    expect(fast).toBeLessThan(generic);
    expect(fast).toBeLessThan(200);
  });
});
