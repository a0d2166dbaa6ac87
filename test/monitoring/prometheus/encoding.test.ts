/**
 * The remote-write body, read back independently: snappyjs undoes the block
 * compression and protobufjs, with a descriptor parsed from .proto text
 * written here (not the encoder's own), decodes the WriteRequest.
 */
import protobuf from 'protobufjs';
import snappy from 'snappyjs';
import { describe, expect, it } from 'vitest';
import {
  decodeWriteRequest,
  encodeWriteRequest,
  REMOTE_WRITE_HEADERS,
} from '../../../electron/backend/monitoring/prometheus/write-request.js';
import { SeriesIndex } from '../../../electron/backend/monitoring/prometheus/series-index.js';
import type { QueuedSample } from '../../../electron/backend/monitoring/prometheus/sample-queue.js';

const PROTO = `
syntax = "proto3";
package check;
message WriteRequest { repeated TimeSeries timeseries = 1; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
`;
const Independent = protobuf.parse(PROTO).root.lookupType('check.WriteRequest');

function samplesFor(index: SeriesIndex): QueuedSample[] {
  const cpu = index.refOf({
    metric: 'novacron_vm_cpu_percent',
    labels: [
      ['connection', 'c1'],
      ['vm', 'web "1"\n'],
      ['uuid', 'u-1'],
    ],
    value: 0,
    t: 0,
  });
  const mem = index.refOf({
    metric: 'novacron_host_memory_used_bytes',
    labels: [
      ['connection', 'c1'],
      ['host', 'hv1'],
    ],
    value: 0,
    t: 0,
  });
  return [
    { ref: cpu, t: 1_700_000_000_123, v: 0.1 + 0.2 },
    { ref: mem, t: 1_700_000_000_123, v: 8_123_456 * 1024 },
    { ref: cpu, t: 1_700_000_002_123, v: 0 },
    { ref: cpu, t: 1_700_000_004_123, v: 99.99999999999997 },
    { ref: mem, t: 1_700_000_002_123, v: Number.MAX_SAFE_INTEGER },
  ];
}

describe('remote-write encoding', () => {
  it('decodes with an independent descriptor to exactly the samples and labels given', () => {
    const body = encodeWriteRequest(samplesFor(new SeriesIndex()));
    const proto = snappy.uncompress(body);
    const obj = Independent.toObject(Independent.decode(proto), { longs: Number, defaults: true }) as {
      timeseries: { labels: { name: string; value: string }[]; samples: { value: number; timestamp: number }[] }[];
    };
    expect(obj.timeseries).toEqual([
      {
        labels: [
          { name: '__name__', value: 'novacron_vm_cpu_percent' },
          { name: 'connection', value: 'c1' },
          { name: 'uuid', value: 'u-1' },
          { name: 'vm', value: 'web "1"\n' },
        ],
        samples: [
          { value: 0.30000000000000004, timestamp: 1_700_000_000_123 },
          { value: 0, timestamp: 1_700_000_002_123 },
          { value: 99.99999999999997, timestamp: 1_700_000_004_123 },
        ],
      },
      {
        labels: [
          { name: '__name__', value: 'novacron_host_memory_used_bytes' },
          { name: 'connection', value: 'c1' },
          { name: 'host', value: 'hv1' },
        ],
        samples: [
          { value: 8_123_456 * 1024, timestamp: 1_700_000_000_123 },
          { value: Number.MAX_SAFE_INTEGER, timestamp: 1_700_000_002_123 },
        ],
      },
    ]);
    expect(decodeWriteRequest(body)).toEqual(obj.timeseries);
  });

  it('uses the snappy block format, not the framed one', () => {
    const body = encodeWriteRequest(samplesFor(new SeriesIndex()));
    // The framed format starts with the stream identifier chunk 0xff 06 00 00 "sNaPpY".
    expect(body[0]).not.toBe(0xff);
    // The block format starts with the uncompressed length as a varint.
    const proto = snappy.uncompress(body);
    let len = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      const b = body[i]!;
      len |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    expect(len).toBe(proto.length);
  });

  it('sorts labels by name with __name__ first and sends the 1.0 headers', () => {
    const [ts] = decodeWriteRequest(encodeWriteRequest(samplesFor(new SeriesIndex()).slice(0, 1)));
    const names = ts!.labels.map((l) => l.name);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe('__name__');
    expect(REMOTE_WRITE_HEADERS).toEqual({
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    });
  });
});
