/**
 * The renderer's WebSocket client (renderer/api/ws-bridge.ts) against the real
 * headless server: a channel opened through it carries the VNC banner, sends
 * and receives binary frames, and ends with a link-loss error when the
 * backend link drops (so the consoles reopen by themselves).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChannelEvent } from '../../shared/transport.js';
import { createLinkStatusStore } from '../../renderer/api/link-status.js';
import { createWsBridge } from '../../renderer/api/ws-bridge.js';
import { lab } from '../helpers/lab.js';
import { startRig, type Rig } from './helpers.js';

const L = lab;
const vncGuest = typeof L?.vncGuest === 'string' ? L.vncGuest : null;

describe.skipIf(!L || !vncGuest)('the renderer WebSocket bridge with channels (lab)', () => {
  let rig: Rig;
  const g = globalThis as { WebSocket?: unknown };
  const saved = g.WebSocket;

  beforeAll(async () => {
    // Node 20 has no WebSocket global: the ws package has the same browser-facing API.
    g.WebSocket = WebSocket;
    rig = await startRig(L!);
  });
  afterAll(async () => {
    await rig?.server.close().catch(() => {});
    await rig?.t.close();
    g.WebSocket = saved;
  });

  it('opens a VNC channel, talks RFB on it, and reports the link loss when the backend goes', async () => {
    const status = createLinkStatusStore({ state: 'connecting', attempt: 0, wasOpen: false });
    const bridge = createWsBridge(rig.wsUrl, status);
    const add = await bridge.invoke('connections.add', { name: 'lab-ssh', uri: L!.ssh, keyFile: L!.keyfile });
    if (!add.ok) throw new Error(add.error.message);
    const id = (add.value as { id: string }).id;
    const up = await bridge.invoke('connections.connect', { id });
    expect(up.ok).toBe(true);
    const vms = await bridge.invoke('vms.list', { connectionId: id });
    if (!vms.ok) throw new Error(vms.error.message);
    const uuid = (vms.value as Array<{ name: string; uuid: string }>).find((v) => v.name === vncGuest)!.uuid;

    const events: Array<[number, ChannelEvent]> = [];
    bridge.onChannel((c, ev) => events.push([c, ev]));
    const opened = await bridge.openChannel('console.vnc', { connectionId: id, uuid });
    if (!opened.ok) throw new Error(opened.error.message);
    const channel = opened.value.channel;
    const bytes = () =>
      Buffer.concat(
        events.filter(([c, e]) => c === channel && e.t === 'data').map(([, e]) => Buffer.from((e as { data: Uint8Array }).data)),
      );
    await expect.poll(() => bytes().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(12);
    expect(bytes().subarray(0, 12).toString('latin1')).toMatch(/^RFB 003\.00\d\n$/);
    bridge.sendChannel(channel, new TextEncoder().encode('RFB 003.008\n'));
    await expect.poll(() => bytes().length, { timeout: 20_000 }).toBeGreaterThan(12);

    // A refused frame never reaches the channel list, and unknown ids are dropped client-side.
    bridge.sendChannel(999, new Uint8Array([1]));
    // The backend link goes away: the open channel ends with a link-loss code.
    await rig.server.close();
    await expect.poll(() => events.some(([c, e]) => c === channel && e.t === 'closed'), { timeout: 20_000 }).toBe(true);
    const closed = events.find(([c, e]) => c === channel && e.t === 'closed')![1];
    expect(closed).toMatchObject({ t: 'closed', error: { code: 'unreachable' } });
  });
});
