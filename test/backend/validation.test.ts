/** Every input is validated at the boundary: bad payloads get invalid-input with issues, and nothing changes. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../shared/api.js';
import { removeDir, startTestBackend, type TestBackend } from './helpers.js';

let t: TestBackend;
let existingId: string;
const dbText = () => readFile(join(t.dataDir, 'db.json'), 'utf8');

beforeAll(async () => {
  t = await startTestBackend();
  existingId = (await t.call('connections.add', { name: 'existing', uri: 'qemu:///system', autoConnect: true })).id;
});
afterAll(async () => {
  await t.close();
  await removeDir(t.dataDir);
});

const UUID = '11111111-2222-3333-4444-555555555555';

describe('input validation', () => {
  const bad: [string, unknown, string?][] = [
    ['connections.add', undefined],
    ['connections.add', null],
    ['connections.add', 'qemu:///system'],
    ['connections.add', [{ name: 'x', uri: 'qemu:///system' }]],
    ['connections.add', { name: '', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: '   ', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x', uri: 'not a uri' }, 'uri'],
    ['connections.add', { name: 'x', uri: 'qemu:///system', autoConnect: 'yes' }, 'autoConnect'],
    ['connections.add', { name: 'x'.repeat(121), uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x', uri: 'qemu:///system', keyFile: '' }, 'keyFile'],
    ['connections.update', { name: 'no id' }, 'id'],
    ['connections.update', { id: 'x'.repeat(65) }, 'id'],
    ['connections.remove', {}, 'id'],
    ['connections.connect', { id: 42 }, 'id'],
    ['connections.connect', { id: 'a', secret: 'x'.repeat(5000) }, 'secret'],
    ['connections.trustHostKey', { id: 'a', fingerprint: 'short' }, 'fingerprint'],
    ['vms.list', { connectionId: '' }, 'connectionId'],
    ['vms.get', { connectionId: 'a', uuid: 'not-a-uuid' }, 'uuid'],
    ['vms.act', { connectionId: 'a', uuid: UUID, action: 'explode' }, 'action'],
    ['vms.act', { connectionId: 'a', uuid: UUID }, 'action'],
    // Control characters in any text field (a newline could forge a log line).
    ['connections.add', { name: 'x\n2026-01-01T00:00:00.000Z novacron info forged', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x\ry', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x\u001b[31my', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x\u0085y', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'tab\there', uri: 'qemu:///system' }, 'name'],
    ['connections.add', { name: 'x', uri: 'qemu:///system\nforged' }, 'uri'],
    ['connections.add', { name: 'x', uri: 'qemu:///sys\u0000tem' }, 'uri'],
    ['connections.add', { name: 'x', uri: 'qemu:///system', keyFile: '/tmp/k\nforged' }, 'keyFile'],
    ['connections.add', { name: 'x', uri: 'qemu:///system', keyFile: '/tmp/\u009bk' }, 'keyFile'],
    ['connections.update', { id: 'a', name: 'x\ny' }, 'name'],
    ['connections.update', { id: 'a', uri: 'qemu:///system\r\nx' }, 'uri'],
    ['connections.update', { id: 'a', keyFile: '/k\u007f' }, 'keyFile'],
    ['connections.trustHostKey', { id: 'a', fingerprint: 'SHA256:abc\ndef' }, 'fingerprint'],
  ];

  for (const [method, input, path] of bad) {
    it(`${method} ${JSON.stringify(input)?.slice(0, 60)} -> invalid-input`, async () => {
      const before = await dbText();
      const listed = await t.call('connections.list', {});
      const err = await t.fail(method, input);
      expect(err.code).toBe('invalid-input');
      expect(err.issues?.length).toBeGreaterThan(0);
      if (path) expect(err.issues?.map((i) => i.path)).toContain(path);
      expect(await dbText()).toBe(before);
      expect(await t.call('connections.list', {})).toEqual(listed);
    });
  }

  it('refuses unknown and prototype method names', async () => {
    for (const m of ['nope', 'constructor', '__proto__', 'toString', '']) {
      const err = await t.fail(m, {});
      expect(err.code).toBe('invalid-input');
      expect(err.message).toMatch(/Unknown method/);
    }
    const r = await t.backend.invoke(42 as unknown as string, {});
    expect(r.ok).toBe(false);
  });

  it('refuses a URI the client cannot dial, naming the field', async () => {
    const err = await t.fail('connections.add', { name: 'weird', uri: 'qemu+carrierpigeon://host/system' });
    expect(err.code).toBe('invalid-input');
    expect(err.issues?.[0]?.path).toBe('uri');
  });

  it('refuses a duplicate name with conflict', async () => {
    const err = await t.fail('connections.add', { name: 'EXISTING', uri: 'qemu:///system' });
    expect(err.code).toBe('conflict');
  });

  it('keeps fields an update leaves out (autoConnect is not reset to its default)', async () => {
    const updated = await t.call('connections.update', { id: existingId, name: 'renamed' });
    expect(updated).toMatchObject({ name: 'renamed', autoConnect: true, uri: 'qemu:///system' });
    const withKey = await t.call('connections.update', { id: existingId, keyFile: '/tmp/k' });
    expect(withKey.keyFile).toBe('/tmp/k');
    const cleared = await t.call('connections.update', { id: existingId, keyFile: null });
    expect(cleared.keyFile).toBeUndefined();
  });

  it('answers not-found and not-connected with the right codes', async () => {
    expect((await t.fail('connections.connect', { id: 'missing' })).code).toBe('not-found');
    expect((await t.fail('connections.remove', { id: 'missing' })).code).toBe('not-found');
    expect((await t.fail('vms.list', { connectionId: existingId })).code).toBe('not-connected');
    expect((await t.fail('vms.get', { connectionId: existingId, uuid: UUID })).code).toBe('not-connected');
  });

  it('refuses rememberSecret where no secret storage exists (headless)', async () => {
    expect((await t.call('app.info', {})).secretStorage).toBe(false);
    const err = await t.fail('connections.connect', { id: existingId, secret: 'pw', rememberSecret: true });
    expect(err.code).toBe('unsupported');
    expect(err.message).not.toContain('pw');
    expect((await t.call('connections.list', {})).find((c) => c.id === existingId)?.state).toBe('disconnected');
  });

  it('has an input and output schema for every method', () => {
    for (const [name, m] of Object.entries(methods)) {
      expect(m.input, name).toBeDefined();
      expect(m.output, name).toBeDefined();
    }
  });
});
