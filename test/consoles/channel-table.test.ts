/** The per-client channel table: ids, refusals, the open/data order, flow control towards a slow client, caps. */
import { describe, expect, it, vi } from 'vitest';
import { createChannelTable, MAX_CHANNELS_PER_CLIENT, type ChannelTransport } from '../../electron/backend/channels/table.js';
import type { BackendChannel, ChannelSink } from '../../electron/backend/channels/types.js';

function fakeBackend() {
  const sinks: ChannelSink[] = [];
  const channels: Array<BackendChannel & { [k: string]: ReturnType<typeof vi.fn> }> = [];
  return {
    sinks,
    channels,
    openChannel: vi.fn(async (_kind: string, _input: unknown, sink: ChannelSink) => {
      await Promise.resolve();
      sinks.push(sink);
      const ch = { write: vi.fn(), pause: vi.fn(), resume: vi.fn(), close: vi.fn() };
      channels.push(ch);
      return { ok: true as const, info: { n: sinks.length }, channel: ch };
    }),
  };
}

function recorder(accept = () => true) {
  const out: unknown[] = [];
  const transport: ChannelTransport = {
    data: (c, b) => (out.push(['data', c, Buffer.from(b).toString()]), accept()),
    closed: (c, e) => void out.push(['closed', c, e?.code ?? null]),
  };
  return { out, transport };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('channel table', () => {
  it('answers the open before any data, starts the flow with resume(), and refuses unknown or closed ids', async () => {
    const b = fakeBackend();
    const { out, transport } = recorder();
    const t = createChannelTable(b, transport);
    const r = await t.open('console.serial', {});
    expect(r).toEqual({ ok: true, value: { channel: 1, info: { n: 1 } } });
    await tick();
    expect(b.channels[0]!.resume).toHaveBeenCalled();
    b.sinks[0]!.data(new TextEncoder().encode('hi'));
    t.write(1, new Uint8Array([65]));
    expect(b.channels[0]!.write).toHaveBeenCalledWith(new Uint8Array([65]));
    t.write(7, new Uint8Array([65]));
    t.close(1);
    t.write(1, new Uint8Array([66]));
    expect(b.channels[0]!.close).toHaveBeenCalledOnce();
    expect(out).toEqual([
      ['data', 1, 'hi'],
      ['closed', 7, 'not-found'],
      ['closed', 1, null],
      ['closed', 1, 'not-found'],
    ]);
  });

  it('pauses every channel while the transport is backed up, and resumes them once it drained', async () => {
    const b = fakeBackend();
    let room = true;
    const { transport } = recorder(() => room);
    const t = createChannelTable(b, transport);
    await t.open('console.vnc', {});
    await t.open('console.vnc', {});
    await tick();
    room = false;
    b.sinks[0]!.data(new Uint8Array(10));
    for (const ch of b.channels) expect(ch.pause).toHaveBeenCalledOnce();
    room = true;
    t.drained();
    for (const ch of b.channels) expect(ch.resume).toHaveBeenCalledTimes(2);
  });

  it('a channel that ends on its own is reported once; the client going away closes all of them', async () => {
    const b = fakeBackend();
    const { out, transport } = recorder();
    const t = createChannelTable(b, transport);
    await t.open('console.serial', {});
    await t.open('console.serial', {});
    await tick();
    b.sinks[0]!.end({ code: 'not-connected', message: 'link lost' });
    b.sinks[0]!.end();
    expect(out).toEqual([['closed', 1, 'not-connected']]);
    t.closeAll();
    expect(b.channels[1]!.close).toHaveBeenCalledOnce();
    expect(t.size).toBe(0);
    expect(await t.open('console.serial', {})).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it(`holds at most ${MAX_CHANNELS_PER_CLIENT} channels per client`, async () => {
    const b = fakeBackend();
    const t = createChannelTable(b, recorder().transport);
    for (let i = 0; i < MAX_CHANNELS_PER_CLIENT; i++) expect((await t.open('console.vnc', {})).ok).toBe(true);
    expect(await t.open('console.vnc', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
