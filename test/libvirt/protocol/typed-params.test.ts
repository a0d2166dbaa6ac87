import { describe, expect, it } from 'vitest';
import { type TypedParam, TypedParamCodec, typedParams } from '../../../electron/libvirt/protocol/common.js';
import { REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX } from '../../../electron/libvirt/protocol/limits.js';
import { decode, encode } from '../../../electron/libvirt/xdr/index.js';
import { hex, roundTrip } from './codec-helpers.js';

const all: TypedParam[] = [
  { field: 'state.state', type: 1, value: -5 },
  { field: 'vcpu.current', type: 2, value: 0xffffffff },
  { field: 'l', type: 3, value: -(2n ** 63n) },
  { field: 'cpu.time', type: 4, value: 2n ** 64n - 1n },
  { field: 'ratio', type: 5, value: 0.125 },
  { field: 'flag', type: 6, value: true },
  { field: 'block.0.name', type: 7, value: 'vda' },
];

describe('typed parameters', () => {
  it.each(all)('round-trips type $type ($field)', (p) => {
    roundTrip(TypedParamCodec, p);
  });

  it('lays out the union as name, type word, value', () => {
    expect(hex(encode(TypedParamCodec, { field: 'ab', type: 1, value: 1 }))).toBe('00000002616200000000000100000001');
    expect(hex(encode(TypedParamCodec, { field: 'a', type: 4, value: 1n }))).toBe('00000001610000000000000400000000' + '00000001');
    expect(hex(encode(TypedParamCodec, { field: '', type: 6, value: false }))).toBe('000000000000000600000000');
    expect(hex(encode(TypedParamCodec, { field: '', type: 7, value: 'xyz' }))).toBe('000000000000000700000003' + '78797a00');
  });

  it('round-trips an array of every type', () => {
    roundTrip(typedParams(REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX), all);
  });

  it('decodes any non-zero boolean as true and rejects unknown types', () => {
    expect(decode(TypedParamCodec, Buffer.from('000000000000000600000005', 'hex'))).toEqual({ field: '', type: 6, value: true });
    expect(() => decode(TypedParamCodec, Buffer.from('000000000000000800000000', 'hex'))).toThrow(/unknown typed parameter type 8/);
  });

  it('enforces the array bound', () => {
    const many = Array.from({ length: 65 }, (_, i): TypedParam => ({ field: `p${i}`, type: 1, value: i }));
    expect(() => encode(typedParams(REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX), many)).toThrow(/exceeds 64/);
  });
});
