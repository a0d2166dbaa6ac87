/**
 * Connections against the lab: the SSH host-key flow with a fresh known_hosts,
 * the unknown-host sshd that stays refused, a changed key, state events, and
 * a lost link that comes back (through a loopback proxy we can cut).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, Socket, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/types.js';
import { lab } from '../helpers/lab.js';
import { removeDir, startTestBackend, type TestBackend } from './helpers.js';

const L = lab!;
let t: TestBackend;

beforeAll(async () => {
  if (!lab) return;
  t = await startTestBackend({ autoConnect: false });
});
afterAll(async () => {
  if (!lab) return;
  await t.close();
  await removeDir(t.dataDir);
});

const sshPort = (uri: string) => Number(new URL(uri).port);

describe.skipIf(!lab)('connections (lab)', () => {
  it('local qemu:///system connects and reports hostname and libvirt version', async () => {
    const c = await t.call('connections.add', { name: 'local', uri: L.system });
    expect(c.state).toBe('disconnected');
    const connected = await t.call('connections.connect', { id: c.id });
    expect(connected.state).toBe('connected');
    expect(connected.hostname).toBeTruthy();
    expect(connected.libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
    await t.events.waitFor<Connection>('connection.changed', (p) => p.id === c.id && p.state === 'connecting');
    await t.events.waitFor<Connection>('connection.changed', (p) => p.id === c.id && p.state === 'connected');
    const off = await t.call('connections.disconnect', { id: c.id });
    expect(off.state).toBe('disconnected');
    expect((await t.fail('vms.list', { connectionId: c.id })).code).toBe('not-connected');
  });

  it('unknown SSH host key: refused with its fingerprint, trusted, then connected', async () => {
    const c = await t.call('connections.add', { name: 'ssh', uri: L.ssh, keyFile: L.keyfile });
    const err = await t.fail('connections.connect', { id: c.id });
    expect(err.code).toBe('host-key-unknown');
    expect(err.hostKey).toMatchObject({ host: '127.0.0.1', port: sshPort(L.ssh), keyType: 'ssh-ed25519' });
    expect(err.hostKey?.fingerprint).toBe(L.hostKeyFingerprint);
    const listed = (await t.call('connections.list', {})).find((x) => x.id === c.id)!;
    expect(listed.state).toBe('failed');
    expect(listed.lastError?.code).toBe('host-key-unknown');
    // Nothing was recorded by refusing.
    await expect(readFile(join(t.dataDir, 'known_hosts'), 'utf8')).rejects.toThrow();

    const wrong = await t.fail('connections.trustHostKey', { id: c.id, fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(wrong.code).toBe('conflict');
    expect((await t.fail('connections.connect', { id: c.id })).code).toBe('host-key-unknown');

    expect(await t.call('connections.trustHostKey', { id: c.id, fingerprint: err.hostKey!.fingerprint })).toEqual({ ok: true });
    const connected = await t.call('connections.connect', { id: c.id });
    expect(connected.state).toBe('connected');
    expect(connected.lastError).toBeUndefined();
    expect(connected.hostname).toBeTruthy();
    const knownHosts = await readFile(join(t.dataDir, 'known_hosts'), 'utf8');
    expect(knownHosts).toContain(String(L.hostKey).split(' ')[1]);
    expect(knownHosts.trim().split('\n')).toHaveLength(1);

    // The recorded key now suffices on its own.
    await t.call('connections.disconnect', { id: c.id });
    expect((await t.call('connections.connect', { id: c.id })).state).toBe('connected');
    await t.call('connections.disconnect', { id: c.id });
  });

  it('a trust given for one connection does not leak to another', async () => {
    const c = await t.call('connections.add', { name: 'unknown-host', uri: L.sshUnknownHost as string, keyFile: L.keyfile });
    const first = await t.fail('connections.connect', { id: c.id });
    expect(first.code).toBe('host-key-unknown');
    expect(first.hostKey?.fingerprint).toBe(L.unknownHostKeyFingerprint);
    // Trying to trust the other host's key for this one is refused.
    expect((await t.fail('connections.trustHostKey', { id: c.id, fingerprint: L.hostKeyFingerprint as string })).code).toBe('conflict');
    // Without a trust it stays refused, every time.
    for (let i = 0; i < 2; i++) expect((await t.fail('connections.connect', { id: c.id })).code).toBe('host-key-unknown');
    expect(await readFile(join(t.dataDir, 'known_hosts'), 'utf8')).not.toContain(String(L.unknownHostKey).split(' ')[1]);
  });

  it('a changed host key is refused and cannot be trusted away', async () => {
    // Record the 2222 host's key under the 2223 host's name: the 2223 sshd now presents a "changed" key.
    const other = await t.call('connections.add', { name: 'changed', uri: L.sshUnknownHost as string, keyFile: L.keyfile });
    const [type, blob] = String(L.hostKey).split(' ');
    const file = join(t.dataDir, 'known_hosts');
    const before = await readFile(file, 'utf8');
    await writeFile(file, `${before}[127.0.0.1]:${sshPort(L.sshUnknownHost as string)} ${type} ${blob}\n`);
    try {
      const err = await t.fail('connections.connect', { id: other.id });
      expect(err.code).toBe('host-key-changed');
      expect((await t.fail('connections.trustHostKey', { id: other.id, fingerprint: L.unknownHostKeyFingerprint as string })).code).toBe(
        'conflict',
      );
    } finally {
      await writeFile(file, before);
    }
  });

  it('a wrong key file fails with auth-failed and no secret in the message', async () => {
    const c = await t.call('connections.add', { name: 'badkey', uri: L.ssh, keyFile: '/nonexistent/key' });
    const err = await t.fail('connections.connect', { id: c.id, secret: 'my-passphrase-123' });
    expect(err.code).toBe('auth-failed');
    expect(JSON.stringify(err)).not.toContain('my-passphrase-123');
    expect(t.logLines.join('\n')).not.toContain('my-passphrase-123');
  });

  it('an unreachable host fails with unreachable', async () => {
    const c = await t.call('connections.add', { name: 'nobody', uri: 'qemu+ssh://root@127.0.0.1:1/system', keyFile: L.keyfile });
    expect((await t.fail('connections.connect', { id: c.id })).code).toBe('unreachable');
  });

  describe('a lost link', () => {
    let proxy: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      // A loopback TCP proxy to the lab's sshd: destroying its sockets cuts the link without touching libvirtd.
      proxy = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(sshPort(L.ssh), '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    });
    afterAll(() => {
      for (const s of sockets) s.destroy();
      proxy.close();
    });

    it('goes lost -> reconnecting -> connected and invalidates the VM list', async () => {
      const port = (proxy.address() as { port: number }).port;
      const c = await t.call('connections.add', { name: 'via-proxy', uri: `qemu+ssh://root@127.0.0.1:${port}/system`, keyFile: L.keyfile });
      const refused = await t.fail('connections.connect', { id: c.id });
      await t.call('connections.trustHostKey', { id: c.id, fingerprint: refused.hostKey!.fingerprint });
      expect((await t.call('connections.connect', { id: c.id })).state).toBe('connected');
      const since = t.events.mark();
      for (const s of sockets) s.destroy();
      await t.events.waitFor<Connection>('connection.changed', (p) => p.id === c.id && p.state === 'lost', 20_000, since);
      await t.events.waitFor<Connection>('connection.changed', (p) => p.id === c.id && p.state === 'connected', 30_000, since);
      await t.events.waitFor<{ connectionId: string }>('vms.invalidated', (p) => p.connectionId === c.id, 5_000, since);
      expect((await t.call('vms.list', { connectionId: c.id })).length).toBeGreaterThanOrEqual(2);
      await t.call('connections.remove', { id: c.id });
      await t.events.waitFor<{ id: string }>('connection.removed', (p) => p.id === c.id);
    });
  });
});
