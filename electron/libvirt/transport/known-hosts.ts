import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readSmallFile } from './small-file.js';
import type { HostKeyInfo } from './types.js';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  /** 1-based line number in the file. */
  line: number;
  /** Host patterns as written (comma list split), or a hashed `|1|salt|hash` entry. */
  hosts: HostPattern[];
  keyType: string;
  /** The key blob, base64, as written. */
  key: string;
  /** `@revoked` lines refuse their key outright; `@cert-authority` lines are skipped (no certificates). */
  revoked: boolean;
}

export type HostPattern = { kind: 'plain'; pattern: string; negated: boolean } | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export type HostKeyVerdict =
  | { status: 'match'; entry: KnownHostEntry }
  | { status: 'changed'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'unknown' };

/** The host field OpenSSH writes: `host` on port 22, `[host]:port` otherwise. */
export function formatKnownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** "SHA256:" + unpadded base64 of the SHA-256 of the key blob, as `ssh-keygen -lf` prints it. */
export function computeFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the blob's first SSH string (u32 length, then the bytes). */
export function readKeyType(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob too short');
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) throw new Error('host key blob has no valid type string');
  return blob.toString('latin1', 4, 4 + len);
}

export function describeHostKey(host: string, port: number, blob: Buffer): HostKeyInfo {
  return { host, port, keyType: readKeyType(blob), fingerprint: computeFingerprint(blob), key: blob.toString('base64') };
}

/** Parses known_hosts text. Comments, blank, malformed and @cert-authority lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/[ \t]+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      const marker = fields.shift();
      if (marker !== '@revoked') continue;
      revoked = true;
    }
    const [hostField, keyType, key] = fields;
    if (hostField === undefined || keyType === undefined || key === undefined) continue;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) continue;
    const hosts = parseHostField(hostField);
    if (hosts.length === 0) continue;
    entries.push({ line: i + 1, hosts, keyType, key, revoked });
  }
  return entries;
}

function parseHostField(field: string): HostPattern[] {
  if (field.startsWith('|1|')) {
    const [salt, hash] = field.slice(3).split('|');
    if (!salt || !hash) return [];
    const saltBuf = Buffer.from(salt, 'base64');
    const hashBuf = Buffer.from(hash, 'base64');
    if (saltBuf.length === 0 || hashBuf.length !== 20) return [];
    return [{ kind: 'hashed', salt: saltBuf, hash: hashBuf }];
  }
  if (field.startsWith('|')) return [];
  return field
    .split(',')
    .filter((p) => p !== '' && p !== '!')
    .map((p) => {
      const negated = p.startsWith('!');
      return { kind: 'plain', pattern: (negated ? p.slice(1) : p).toLowerCase(), negated };
    });
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** True when the entry names `host` on `port` (negated patterns veto, as in OpenSSH). */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = formatKnownHostsName(host, port);
  let matched = false;
  for (const pattern of entry.hosts) {
    if (pattern.kind === 'hashed') {
      const digest = createHmac('sha1', pattern.salt).update(name).digest();
      if (timingSafeEqual(digest, pattern.hash)) matched = true;
      continue;
    }
    const hit = /[*?]/.test(pattern.pattern) ? globToRegExp(pattern.pattern).test(name) : pattern.pattern === name;
    if (hit && pattern.negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

/**
 * Looks the presented key up. A recorded match wins; a revoked match refuses; a host with
 * recorded keys none of which match is "changed" (the same-type line is reported if there is one).
 */
export function checkHostKey(entries: KnownHostEntry[], host: string, port: number, blob: Buffer): HostKeyVerdict {
  const keyType = readKeyType(blob);
  const presented = blob.toString('base64');
  const forHost = entries.filter((e) => entryMatchesHost(e, host, port));
  const revoked = forHost.find((e) => e.revoked && sameKey(e.key, presented));
  if (revoked) return { status: 'revoked', entry: revoked };
  const recorded = forHost.filter((e) => !e.revoked);
  const match = recorded.find((e) => e.keyType === keyType && sameKey(e.key, presented));
  if (match) return { status: 'match', entry: match };
  const other = recorded.find((e) => e.keyType === keyType) ?? recorded[0];
  if (other) return { status: 'changed', entry: other };
  return { status: 'unknown' };
}

function sameKey(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

/** The key types recorded for a host, in file order (used to prefer those host key algorithms). */
export function listRecordedKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  const types: string[] = [];
  for (const e of entries) {
    if (!e.revoked && entryMatchesHost(e, host, port) && !types.includes(e.keyType)) types.push(e.keyType);
  }
  return types;
}

/** A regular file only (never a FIFO or a device), and of a sane size. */
const readKnownHostsBytes = (file: string) => readSmallFile(file, { what: 'the known_hosts file', maxBytes: 16 * 1024 * 1024 });

/** Reads and parses a known_hosts file; a missing file is an empty one. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts((await readKnownHostsBytes(file)).toString('utf8'));
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
}

export function formatKnownHostsLine(host: string, port: number, keyType: string, keyBase64: string): string {
  return `${formatKnownHostsName(host, port)} ${keyType} ${keyBase64}`;
}

/** Appends one line, creating the directory (0700) and the file (0600) when needed. */
export async function appendKnownHost(file: string, host: string, port: number, blob: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const current = await readKnownHostsBytes(file);
    if (current.length > 0 && current[current.length - 1] !== 0x0a) prefix = '\n';
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw err;
  }
  const line = formatKnownHostsLine(host, port, readKeyType(blob), blob.toString('base64'));
  await appendFile(file, `${prefix}${line}\n`, { mode: 0o600 });
}
