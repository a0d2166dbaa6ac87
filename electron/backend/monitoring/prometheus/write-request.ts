/**
 * The body of a Prometheus remote-write 1.0 request: a protobuf WriteRequest
 * (only the fields 1.0 needs), snappy-compressed in the block format. The
 * message types are declared here as a protobufjs JSON descriptor, with the
 * field numbers of Prometheus's prompb types.
 */
import protobuf from 'protobufjs/light.js';
import snappy from 'snappyjs';
import type { QueuedSample } from './sample-queue.js';
import type { Label, SeriesRef } from './series-index.js';

const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});

const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** The headers remote write 1.0 asks for. */
export const REMOTE_WRITE_HEADERS = {
  'Content-Encoding': 'snappy',
  'Content-Type': 'application/x-protobuf',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
} as const;

export interface TimeSeries {
  labels: Label[];
  samples: { value: number; timestamp: number }[];
}

/** Samples grouped by series, each series' samples oldest first. */
export function groupSamples(samples: readonly QueuedSample[]): TimeSeries[] {
  const bySeries = new Map<SeriesRef, TimeSeries>();
  for (const s of samples) {
    let ts = bySeries.get(s.ref);
    if (!ts) {
      ts = { labels: [...s.ref.labels], samples: [] };
      bySeries.set(s.ref, ts);
    }
    ts.samples.push({ value: s.v, timestamp: Math.round(s.t) });
  }
  for (const ts of bySeries.values()) ts.samples.sort((a, b) => a.timestamp - b.timestamp);
  return [...bySeries.values()];
}

/** The protobuf bytes of a WriteRequest, uncompressed. */
export function encodeWriteRequestProto(timeseries: TimeSeries[]): Uint8Array {
  return WriteRequest.encode({ timeseries }).finish();
}

/** The request body: the WriteRequest, snappy block-compressed. */
export function encodeWriteRequest(samples: readonly QueuedSample[]): Uint8Array {
  return snappy.compress(encodeWriteRequestProto(groupSamples(samples)));
}

/** Reads a body back (tests, and a check that what we send is what we meant). */
export function decodeWriteRequest(body: Uint8Array): TimeSeries[] {
  const raw = snappy.uncompress(body);
  const msg = WriteRequest.decode(raw);
  const obj = WriteRequest.toObject(msg, { longs: Number, defaults: true, arrays: true }) as { timeseries: TimeSeries[] };
  return obj.timeseries;
}
