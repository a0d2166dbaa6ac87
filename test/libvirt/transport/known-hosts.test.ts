import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  computeFingerprint,
  describeHostKey,
  entryMatchesHost,
  formatKnownHostsName,
  listRecordedKeyTypes,
  parseKnownHosts,
  readKeyType,
  readKnownHosts,
} from '../../../electron/libvirt/transport/known-hosts.js';
import { fingerprintBySshKeygen, generateKey, makeTempDir, type KeyPair } from './helpers/tools.js';

describe('known_hosts', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ed: KeyPair;
  let ed2: KeyPair;
  let rsa: KeyPair;
  let ecdsa: KeyPair;
  const blob = (k: KeyPair) => Buffer.from(k.base64, 'base64');

  beforeAll(() => {
    tmp = makeTempDir('kh');
    ed = generateKey(path.join(tmp.dir, 'ed'));
    ed2 = generateKey(path.join(tmp.dir, 'ed2'));
    rsa = generateKey(path.join(tmp.dir, 'rsa'), 'rsa');
    ecdsa = generateKey(path.join(tmp.dir, 'ecdsa'), 'ecdsa');
  });
  afterAll(() => tmp.remove());

  it('computes fingerprints exactly as ssh-keygen -lf', () => {
    for (const k of [ed, ed2, rsa, ecdsa]) {
      expect(computeFingerprint(blob(k))).toBe(fingerprintBySshKeygen(k.publicFile));
    }
    expect(computeFingerprint(blob(ed))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads the key type from the blob', () => {
    expect(readKeyType(blob(ed))).toBe('ssh-ed25519');
    expect(readKeyType(blob(rsa))).toBe('ssh-rsa');
    expect(readKeyType(blob(ecdsa))).toBe('ecdsa-sha2-nistp256');
    expect(() => readKeyType(Buffer.from([0, 0]))).toThrow();
    expect(() => readKeyType(Buffer.from([0, 0, 0, 200, 1]))).toThrow();
  });

  it('describes a host key for the prompt', () => {
    expect(describeHostKey('h', 2222, blob(ed))).toEqual({
      host: 'h',
      port: 2222,
      keyType: 'ssh-ed25519',
      fingerprint: fingerprintBySshKeygen(ed.publicFile),
      key: ed.base64,
    });
  });

  it('formats host names as OpenSSH does', () => {
    expect(formatKnownHostsName('Example.COM', 22)).toBe('example.com');
    expect(formatKnownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(formatKnownHostsName('::1', 22)).toBe('::1');
    expect(formatKnownHostsName('::1', 2200)).toBe('[::1]:2200');
  });

  it('parses lines and skips comments, blanks, malformed and @cert-authority lines', () => {
    const text = [
      '# a comment',
      '',
      '   ',
      `host1,host2 ${ed.publicLine} comment here`,
      `[h]:2222 ${rsa.publicLine}`,
      'broken-line-without-key',
      `@cert-authority *.example.com ${ed2.publicLine}`,
      `@revoked badhost ${ed2.publicLine}`,
      '|1|notvalid',
      `|1|${randomBytes(20).toString('base64')}|${randomBytes(20).toString('base64')} ${ecdsa.publicLine}`,
      `host3 ssh-ed25519 not!base64`,
      `\thost4 ${ed.publicLine}\r`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => e.line)).toEqual([4, 5, 8, 10, 12]);
    expect(entries[0]!.hosts).toEqual([
      { kind: 'plain', pattern: 'host1', negated: false },
      { kind: 'plain', pattern: 'host2', negated: false },
    ]);
    expect(entries[2]!.revoked).toBe(true);
    expect(entries[3]!.hosts[0]!.kind).toBe('hashed');
  });

  it('matches host and port, lists, wildcards, negation and hashed names', () => {
    const salt = randomBytes(20);
    const hashed = createHmac('sha1', salt).update('[10.0.0.5]:2222').digest('base64');
    const entries = parseKnownHosts(
      [
        `a.example,b.example ${ed.publicLine}`,
        `[c.example]:2222 ${ed.publicLine}`,
        `*.lab,!bad.lab ${ed.publicLine}`,
        `|1|${salt.toString('base64')}|${hashed} ${ed.publicLine}`,
      ].join('\n'),
    );
    const [list, ported, wild, hash] = entries;
    expect(entryMatchesHost(list!, 'B.example', 22)).toBe(true);
    expect(entryMatchesHost(list!, 'b.example', 2222)).toBe(false);
    expect(entryMatchesHost(ported!, 'c.example', 2222)).toBe(true);
    expect(entryMatchesHost(ported!, 'c.example', 22)).toBe(false);
    expect(entryMatchesHost(wild!, 'x.lab', 22)).toBe(true);
    expect(entryMatchesHost(wild!, 'bad.lab', 22)).toBe(false);
    expect(entryMatchesHost(wild!, 'x.lab.evil', 22)).toBe(false);
    expect(entryMatchesHost(hash!, '10.0.0.5', 2222)).toBe(true);
    expect(entryMatchesHost(hash!, '10.0.0.5', 22)).toBe(false);
  });

  it('decides match / changed / unknown / revoked', () => {
    const entries = parseKnownHosts(
      [`[h]:2222 ${rsa.publicLine}`, `[h]:2222 ${ed.publicLine}`, `other ${ed2.publicLine}`, `@revoked r ${ed2.publicLine}`].join('\n'),
    );
    expect(checkHostKey(entries, 'h', 2222, blob(ed))).toMatchObject({ status: 'match', entry: { line: 2 } });
    expect(checkHostKey(entries, 'h', 2222, blob(rsa))).toMatchObject({ status: 'match', entry: { line: 1 } });
    // Same type recorded with another key: that line is reported.
    expect(checkHostKey(entries, 'h', 2222, blob(ed2))).toMatchObject({ status: 'changed', entry: { line: 2 } });
    // Only other types recorded: still "changed", first line reported.
    expect(checkHostKey(entries, 'h', 2222, blob(ecdsa))).toMatchObject({ status: 'changed', entry: { line: 1 } });
    expect(checkHostKey(entries, 'h', 22, blob(ed))).toEqual({ status: 'unknown' });
    expect(checkHostKey(entries, 'r', 22, blob(ed2))).toMatchObject({ status: 'revoked', entry: { line: 4 } });
    expect(listRecordedKeyTypes(entries, 'h', 2222)).toEqual(['ssh-rsa', 'ssh-ed25519']);
  });

  it('appends lines, creating the directory and a 0600 file, fixing a missing final newline', async () => {
    const file = path.join(tmp.dir, 'new', 'dir', 'known_hosts');
    expect(await readKnownHosts(file)).toEqual([]);
    await appendKnownHost(file, '127.0.0.1', 2222, blob(ed));
    expect(readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2222 ${ed.publicLine}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);

    const other = path.join(tmp.dir, 'other_known_hosts');
    mkdirSync(path.dirname(other), { recursive: true });
    writeFileSync(other, `old ${rsa.publicLine}`);
    await appendKnownHost(other, 'Host.Example', 22, blob(ed2));
    expect(readFileSync(other, 'utf8')).toBe(`old ${rsa.publicLine}\nhost.example ${ed2.publicLine}\n`);
    const entries = await readKnownHosts(other);
    expect(checkHostKey(entries, 'host.example', 22, blob(ed2)).status).toBe('match');
  });
});
