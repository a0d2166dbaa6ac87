/**
 * known_hosts= in a URI used to replace NovaCron's own trust file: trusting a
 * key wrote into whatever file it named (creating directories), and a file
 * seeded with the host's key skipped the prompt and went on to send the
 * password. The backend now refuses such URIs at add/update and at connect
 * (records stored before the fix); the libvirt layer takes the trust file
 * from its options only. Against the lab's real sshd (:2222, and the
 * untrusted one on :2223).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, LibvirtClient } from '../../../electron/libvirt/index.js';
import { dataFiles } from '../../../electron/backend/paths.js';
import { lab, requireLab } from '../../helpers/lab.js';
import { makeTempDir, removeDir, startTestBackend } from '../helpers.js';

let dir: string;
let seeded: string;
const elsewhere = () => join(dir, 'made', 'by', 'attacker', 'known_hosts');

beforeAll(async () => {
  dir = await makeTempDir('novacron-khuri-');
  seeded = join(dir, 'seeded_known_hosts');
  if (lab) await writeFile(seeded, `[${String(lab.sshHost)}]:${String(lab.sshPort)} ${String(lab.hostKey)}\n`);
});
afterAll(async () => {
  await removeDir(dir);
});

describe.skipIf(!lab)('backend: a URI may not name its own trust file', () => {
  it('refuses known_hosts= and known_hosts_verify= at add and update, saying NovaCron keeps its own', async () => {
    const l = requireLab();
    const t = await startTestBackend();
    try {
      for (const uri of [
        `${l.ssh}?known_hosts=${encodeURIComponent(seeded)}`,
        `${l.ssh}?keyfile=${encodeURIComponent(l.keyfile)}&known_hosts=${encodeURIComponent(elsewhere())}`,
        `${l.ssh}?known_hosts_verify=ignore`,
        `${l.ssh}?known_hosts_verify=auto`,
      ]) {
        const err = await t.fail('connections.add', { name: 'evil', uri });
        expect(err.code, uri).toBe('invalid-input');
        expect(err.message, uri).toMatch(/NovaCron keeps its own known_hosts/);
        expect(err.issues?.[0]?.path).toBe('uri');
      }
      const { id } = await t.call('connections.add', { name: 'fine', uri: l.ssh });
      const err = await t.fail('connections.update', { id, uri: `${l.ssh}?known_hosts=${encodeURIComponent(seeded)}` });
      expect(err.code).toBe('invalid-input');
      expect((await t.call('connections.list', {})).find((c) => c.id === id)?.uri).toBe(l.ssh);
    } finally {
      await t.close();
      await removeDir(t.dataDir);
    }
  });

  it('refuses, at connect, records stored before the fix: no password sent, no file written anywhere', async () => {
    const l = requireLab();
    const dataDir = await makeTempDir('novacron-khuri-data-');
    const rec = (id: string, uri: string) => ({ id, name: id, uri, autoConnect: false, hasStoredSecret: false });
    await writeFile(
      join(dataDir, 'db.json'),
      JSON.stringify({
        schemaVersion: 1,
        settings: {},
        connections: [
          // Seeded with the real host key: before the fix, no prompt and the password went out.
          rec('seeded', `${l.ssh}?known_hosts=${encodeURIComponent(seeded)}&sshauth=password`),
          // Unknown host: before the fix, trusting its key created these directories and the file.
          rec('writer', `${String(l.sshUnknownHost)}?known_hosts=${encodeURIComponent(elsewhere())}`),
        ],
      }),
    );
    const seededBefore = await readFile(seeded, 'utf8');
    const t = await startTestBackend({ dataDir });
    try {
      const err = await t.fail('connections.connect', { id: 'seeded', secret: 'the-password' });
      expect(err.code).toBe('unsupported');
      expect(err.message).toMatch(/NovaCron keeps its own known_hosts/);
      expect(err.message).not.toContain('the-password');

      const first = await t.fail('connections.connect', { id: 'writer' });
      expect(first.code).toBe('unsupported');
      expect(first.hostKey).toBeUndefined(); // never dialled, so no key was offered to trust
      expect((await t.fail('connections.trustHostKey', { id: 'writer', fingerprint: String(l.unknownHostKeyFingerprint) })).code).toBe(
        'conflict',
      );
      expect(existsSync(join(dir, 'made'))).toBe(false);
      expect(await readFile(seeded, 'utf8')).toBe(seededBefore);
      expect(existsSync(dataFiles(dataDir).knownHosts)).toBe(false);
    } finally {
      await t.close();
      await removeDir(dataDir);
    }
  });
});

describe.skipIf(!lab)('libvirt layer: the trust file comes from ConnectOptions.knownHostsFile only', () => {
  it('does not let known_hosts= override the given file (a seeded file does not skip the check)', async () => {
    const l = requireLab();
    const own = join(dir, 'own_known_hosts'); // empty: the host is unknown to it
    const err = await LibvirtClient.connect(`${l.ssh}?known_hosts=${encodeURIComponent(seeded)}`, {
      keyFile: l.keyfile,
      knownHostsFile: own,
    }).then(
      (c) => (void c.close(), new Error('connected')),
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unsupported');
    expect(err.message).toContain('known_hosts=');
    expect(err.message).toContain(own);
  });

  it('writes an accepted key only to the given file, never where the URI points', async () => {
    const l = requireLab();
    const own = join(dir, 'own2', 'known_hosts');
    let asked = 0;
    const err = await LibvirtClient.connect(`${String(l.sshUnknownHost)}?known_hosts=${encodeURIComponent(elsewhere())}`, {
      keyFile: l.keyfile,
      knownHostsFile: own,
      acceptHostKey: async () => (asked++, true),
    }).then(
      (c) => (void c.close(), new Error('connected')),
      (e: Error) => e,
    );
    expect((err as ConnectionError).kind).toBe('unsupported');
    expect(asked).toBe(0);
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it('still connects when the URI names the very file the options give', async () => {
    const l = requireLab();
    await mkdir(dir, { recursive: true });
    const client = await LibvirtClient.connect(`${l.ssh}?known_hosts=${encodeURIComponent(l.knownHosts)}`, {
      keyFile: l.keyfile,
      knownHostsFile: l.knownHosts,
    });
    await client.close();
  });
});
