/**
 * Key files that are not key files: /dev/zero (read until memory ran out) and
 * a FIFO (blocked a libuv pool thread, and with it store writes and shutdown).
 * Both given as the connection's keyFile, as the URI's keyfile=, in a record
 * auto-connected at startup, and as a TLS pkipath file: each must fail at once
 * with a clear message while the backend goes on working. Against the lab's
 * real sshd; the FIFO is a real one from mkfifo.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../shared/types.js';
import { LibvirtClient } from '../../../electron/libvirt/index.js';
import { lab, requireLab } from '../../helpers/lab.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from '../helpers.js';

const dirs: string[] = [];
let dir: string;
let fifo: string;
let big: string;

/** Resolves with fn's value, or fails the test if it takes longer than `ms`. */
async function within<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  try {
    return await Promise.race([fn(), late]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  dir = await makeTempDir('novacron-keyfiles-');
  dirs.push(dir);
  fifo = join(dir, 'key.fifo');
  execFileSync('mkfifo', [fifo]);
  big = join(dir, 'big_key');
  await writeFile(big, Buffer.alloc(65 * 1024, 'A'));
});
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

describe.skipIf(!lab)('key files that are not regular files', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend({ connectTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await within(10_000, 'backend close', () => t.close());
    await removeDir(t.dataDir);
  });

  const cases = () => {
    const l = requireLab();
    return [
      { label: 'keyFile = FIFO', input: { uri: l.ssh, keyFile: fifo }, message: `the SSH key file ${fifo} is not a regular file` },
      {
        label: 'keyFile = /dev/zero',
        input: { uri: l.ssh, keyFile: '/dev/zero' },
        message: 'the SSH key file /dev/zero is not a regular file',
      },
      {
        label: 'keyfile= FIFO in the URI',
        input: { uri: `${l.ssh}?keyfile=${encodeURIComponent(fifo)}` },
        message: 'is not a regular file',
      },
      { label: 'keyfile=/dev/zero in the URI', input: { uri: `${l.ssh}?keyfile=/dev/zero` }, message: 'is not a regular file' },
      { label: 'a 65 KiB key file', input: { uri: l.ssh, keyFile: big }, message: `the SSH key file ${big} is larger than 64 KiB` },
    ];
  };

  it('refuses each at once with a clear error, and the store and the API keep working', async () => {
    for (const [i, c] of cases().entries()) {
      const { id } = await t.call('connections.add', { name: `bad-key-${i}`, ...c.input });
      const err = await within(8_000, `connect (${c.label})`, () => t.fail('connections.connect', { id }));
      expect(err.code, c.label).toBe('auth-failed');
      expect(err.message, c.label).toContain(c.message);
      // A store write and a plain call right after: nothing is stuck behind the key file.
      await within(3_000, `store write after ${c.label}`, () =>
        t.call('connections.update', { id, name: `bad-key-${i}-seen` }).then(() => undefined),
      );
      await within(3_000, 'app.info', () => t.call('app.info', {}));
    }
    expect(process.memoryUsage().rss).toBeLessThan(2 * 1024 ** 3);
  }, 90_000);
});

describe.skipIf(!lab)('auto-connect at startup with such key files', () => {
  it('fails those connects, and the backend still writes its store and shuts down in time', async () => {
    const l = requireLab();
    const dataDir = await makeTempDir('novacron-keyfiles-auto-');
    dirs.push(dataDir);
    const rec = (id: string, name: string, extra: object) => ({
      id,
      name,
      autoConnect: true,
      hasStoredSecret: false,
      uri: l.ssh,
      ...extra,
    });
    await writeFile(
      join(dataDir, 'db.json'),
      JSON.stringify({
        schemaVersion: 1,
        settings: {},
        connections: [
          rec('fifo', 'fifo key', { keyFile: fifo }),
          rec('zero', 'zero key', { keyFile: '/dev/zero' }),
          rec('urififo', 'uri fifo key', { uri: `${l.ssh}?keyfile=${encodeURIComponent(fifo)}` }),
        ],
      }),
    );
    const t = await within(10_000, 'startup', () => startTestBackend({ dataDir, connectTimeoutMs: 10_000 }));
    try {
      for (const id of ['fifo', 'zero', 'urififo']) {
        const c = await t.events.waitFor<Connection>('connection.changed', (p) => p.id === id && p.state === 'failed', 10_000);
        expect(c.lastError?.message).toContain('is not a regular file');
      }
      await within(3_000, 'store write', () => t.call('connections.add', { name: 'after', uri: 'qemu:///system' }));
    } finally {
      await within(10_000, 'shutdown', () => t.close());
    }
  }, 60_000);
});

describe('TLS files that are not regular files', () => {
  it('refuses a FIFO or a device under pkipath= at once', async () => {
    const pki = await makeTempDir('novacron-pki-');
    dirs.push(pki);
    execFileSync('mkfifo', [join(pki, 'cacert.pem')]);
    const err = await within(8_000, 'tls connect', () =>
      LibvirtClient.connect(`qemu+tls://127.0.0.1:1/system?pkipath=${encodeURIComponent(pki)}`).then(
        () => new Error('connected'),
        (e: Error) => e,
      ),
    );
    expect(err.message).toContain(`the TLS CA certificate ${join(pki, 'cacert.pem')} is not a regular file`);
  });
});
