/** The lowdb store: round trip, schema version, unusable files kept aside and reported, validated writes. */
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptedSecretStore } from '../../electron/backend/credentials/encrypted-store.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { MigrationError, migrate } from '../../electron/backend/store/migrate.js';
import { SCHEMA_VERSION, type Db } from '../../electron/backend/store/schema.js';
import { openStore } from '../../electron/backend/store/store.js';
import { lab, requireLab } from '../helpers/lab.js';
import { makeTempDir, removeDir, startTestBackend } from './helpers.js';

let dir: string;
const dirs: string[] = [];
beforeEach(async () => {
  dir = await makeTempDir('novacron-store-');
  dirs.push(dir);
});
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

const record = (id: string) => ({
  id,
  name: `host ${id}`,
  uri: 'qemu:///system',
  autoConnect: false,
  hasStoredSecret: false,
  readOnly: false,
  maintenance: false,
});

async function asideFiles(d: string): Promise<string[]> {
  return (await readdir(d)).filter((f) => f.startsWith('db.json.corrupt-'));
}

describe('store', () => {
  it('creates a version-1 document and round-trips it through a reopen', async () => {
    const log = createMemoryLogger();
    const s1 = await openStore(dir, log);
    expect(s1.data).toEqual({ schemaVersion: SCHEMA_VERSION, connections: [], settings: {}, alertRules: [], alerts: [], templates: [] });
    await s1.update((d) => {
      d.connections.push(record('a'));
      d.settings.theme = 'dark';
    });
    const onDisk = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')) as Db;
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
    const s2 = await openStore(dir, log);
    expect(s2.data.connections).toEqual([record('a')]);
    expect(s2.data.settings).toEqual({ theme: 'dark' });
    expect(s2.warnings).toEqual([]);
  });

  it('leaves no temp file behind and chains concurrent updates', async () => {
    const s = await openStore(dir, createMemoryLogger());
    await Promise.all(['a', 'b', 'c'].map((id) => s.update((d) => void d.connections.push(record(id)))));
    expect(s.data.connections.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    const reopened = await openStore(dir, createMemoryLogger());
    expect(reopened.data.connections).toHaveLength(3);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an update that breaks the schema and keeps the previous data', async () => {
    const s = await openStore(dir, createMemoryLogger());
    await s.update((d) => void d.connections.push(record('a')));
    const before = await readFile(join(dir, 'db.json'), 'utf8');
    await expect(s.update((d) => void (d.connections[0]!.name = ''))).rejects.toThrow();
    expect(s.data.connections[0]!.name).toBe('host a');
    expect(await readFile(join(dir, 'db.json'), 'utf8')).toBe(before);
  });

  for (const [what, content, reason] of [
    ['bad JSON', '{"schemaVersion": 1, "connections": [', /not valid JSON/],
    ['a wrong schema', JSON.stringify({ schemaVersion: 1, connections: 'nope', settings: {} }), /does not match the schema/],
    ['no schemaVersion', JSON.stringify({ connections: [] }), /no valid schemaVersion/],
    ['a newer schemaVersion', JSON.stringify({ schemaVersion: 99, connections: [], settings: {} }), /newer NovaCron/],
  ] as const) {
    it(`keeps a file with ${what} aside, reports it, and starts empty`, async () => {
      await writeFile(join(dir, 'db.json'), content);
      const log = createMemoryLogger();
      const s = await openStore(dir, log);
      expect(s.data.connections).toEqual([]);
      const aside = await asideFiles(dir);
      expect(aside).toHaveLength(1);
      expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(content);
      expect(s.warnings).toHaveLength(1);
      expect(s.warnings[0]).toMatchObject({ code: 'store-unreadable', file: join(dir, aside[0]!) });
      expect(s.warnings[0]!.message).toMatch(reason);
      expect(log.lines.some((l) => l.startsWith('warn '))).toBe(true);
      // The replacement is a valid, fresh document.
      expect(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'))).toMatchObject({ schemaVersion: SCHEMA_VERSION, connections: [] });
    });
  }

  it('reports the kept-aside file through app.info', async () => {
    await writeFile(join(dir, 'db.json'), 'not json at all');
    const t = await startTestBackend({ dataDir: dir });
    try {
      const info = await t.call('app.info', {});
      expect(info.warnings).toHaveLength(1);
      expect(info.warnings[0]!.code).toBe('store-unreadable');
      expect(info.warnings[0]!.file).toMatch(/db\.json\.corrupt-/);
    } finally {
      await t.close();
    }
  });

  it('migrates step by step and refuses what it cannot migrate', () => {
    // v1 -> v2 adds the alert rules and the alert history, v2 -> v3 the template library.
    expect(migrate({ schemaVersion: 1, connections: [], settings: { a: 1 } })).toEqual({
      schemaVersion: 3,
      connections: [],
      settings: { a: 1 },
      alertRules: [],
      alerts: [],
      templates: [],
    });
    expect(() => migrate([])).toThrow(MigrationError);
    expect(() => migrate({ schemaVersion: 0 })).toThrow(/no valid schemaVersion/);
    expect(() => migrate({ schemaVersion: SCHEMA_VERSION + 1 })).toThrow(/newer/);
  });
});

describe('encrypted secret store', () => {
  // A toy reversible cipher: enough to prove only its output reaches the disk.
  const cipher = {
    encrypt: (s: string) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
    decrypt: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
  };

  it('keeps only ciphertext on disk and round-trips', async () => {
    const file = join(dir, 'secrets.json');
    const s = await createEncryptedSecretStore(file, cipher, createMemoryLogger());
    await s.save('conn-1', 'hunter2-very-secret');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    const again = await createEncryptedSecretStore(file, cipher, createMemoryLogger());
    expect(await again.load('conn-1')).toBe('hunter2-very-secret');
    await again.remove('conn-1');
    expect(await again.load('conn-1')).toBeNull();
  });

  it('treats an undecryptable secret as absent', async () => {
    const file = join(dir, 'secrets.json');
    const s = await createEncryptedSecretStore(file, cipher, createMemoryLogger());
    await s.save('c', 'x');
    const broken = await createEncryptedSecretStore(
      file,
      {
        ...cipher,
        decrypt: () => {
          throw new Error('keychain reset');
        },
      },
      createMemoryLogger(),
    );
    expect(await broken.load('c')).toBeNull();
  });
});

/** The permission bits of a path. */
const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe('file modes, whatever the umask', () => {
  let saved: number;
  beforeEach(() => {
    saved = process.umask(0o000); // the worst case: everything world-writable unless we say otherwise
  });
  afterEach(() => {
    process.umask(saved);
  });

  it('creates the data dir 0700 and db.json (and its temp files) 0600 with umask 000', async () => {
    const data = join(dir, 'fresh', 'NovaCron');
    const s = await openStore(data, createMemoryLogger());
    expect(await modeOf(data)).toBe(0o700);
    expect(await modeOf(join(data, 'db.json'))).toBe(0o600);
    await s.update((d) => void d.connections.push(record('a')));
    // db.json is the renamed temp file: its mode is the temp file's.
    expect(await modeOf(join(data, 'db.json'))).toBe(0o600);
    expect((await readdir(data)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('brings an existing 0755 folder and its 0644/0666 files back to 0700/0600 at startup', async () => {
    const data = join(dir, 'old');
    await mkdir(data);
    await chmod(data, 0o755);
    const files = ['db.json', 'known_hosts', 'secrets.json', 'db.json.corrupt-2020-01-01T00-00-00-000Z', '.db.json.abc.tmp'];
    await writeFile(join(data, 'db.json'), JSON.stringify({ schemaVersion: 1, connections: [record('a')], settings: {} }));
    for (const f of files.slice(1)) await writeFile(join(data, f), '');
    for (const f of files) await chmod(join(data, f), 0o666);
    await writeFile(join(data, 'not-ours.txt'), 'x');
    await chmod(join(data, 'not-ours.txt'), 0o644);
    const s = await openStore(data, createMemoryLogger());
    expect(s.data.connections).toHaveLength(1); // loaded, not rewritten: the chmod did it
    expect(await modeOf(data)).toBe(0o700);
    for (const f of files) expect(await modeOf(join(data, f)), f).toBe(0o600);
    expect(await modeOf(join(data, 'not-ours.txt'))).toBe(0o644);
  });

  it('writes the encrypted secrets 0600 with umask 000', async () => {
    const file = join(dir, 'secrets.json');
    const s = await createEncryptedSecretStore(
      file,
      { encrypt: (x) => Buffer.from(x), decrypt: (b) => b.toString() },
      createMemoryLogger(),
    );
    await s.save('c', 'x');
    expect(await modeOf(file)).toBe(0o600);
    await s.remove('c');
    expect(await modeOf(file)).toBe(0o600);
  });

  it.skipIf(!lab)("records a trusted host key in a 0600 known_hosts, with umask 000 (the lab's untrusted sshd)", async () => {
    const l = requireLab();
    const t = await startTestBackend({ dataDir: join(dir, 'backend') });
    try {
      expect(await modeOf(t.dataDir)).toBe(0o700);
      expect(await modeOf(join(t.dataDir, 'db.json'))).toBe(0o600);
      const { id } = await t.call('connections.add', { name: 'unknown', uri: String(l.sshUnknownHost), keyFile: l.keyfile });
      expect(await modeOf(join(t.dataDir, 'db.json'))).toBe(0o600);
      const refused = await t.fail('connections.connect', { id });
      expect(refused.code).toBe('host-key-unknown');
      await t.call('connections.trustHostKey', { id, fingerprint: refused.hostKey!.fingerprint });
      await t.backend.invoke('connections.connect', { id }); // records the key, whatever auth then says
      expect(await modeOf(join(t.dataDir, 'known_hosts'))).toBe(0o600);
    } finally {
      await t.close();
    }
  });
});
