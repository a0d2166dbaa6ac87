// The transports against the shared lab (e2e/lab/lab.sh): real libvirtd, real sshd with virt-ssh-helper.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import type { DialOptions } from '../../../electron/libvirt/transport/types.js';
import { AUTH_LIST_CALL, exchange, rejectionOf } from './helpers/tools.js';

interface LabStatus {
  ssh: string;
  sshUnknownHost: string;
  keyfile: string;
  knownHosts: string;
  unknownHostKeyFingerprint: string;
  testHost: string;
  testHostSsh: string;
}

function readLabStatus(): LabStatus | null {
  try {
    const out = execFileSync('bash', ['e2e/lab/lab.sh', 'status'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out.trim().split('\n').pop()!) as LabStatus;
  } catch {
    return null;
  }
}

const lab = readLabStatus();
if (!lab) console.warn('lab transport tests skipped: `bash e2e/lab/lab.sh status` reports no running lab');

describe.skipIf(lab === null)('transports against the lab', () => {
  const opts = (extra: DialOptions = {}): DialOptions => ({
    keyFile: lab!.keyfile,
    knownHostsFile: lab!.knownHosts,
    agent: false,
    ...extra,
  });

  async function expectAuthListReply(uri: string, dialOpts: DialOptions): Promise<void> {
    const { dialer } = createDialer(uri, dialOpts);
    const channel = await dialer.dial();
    try {
      const reply = await exchange(channel.stream, AUTH_LIST_CALL, 0x24);
      expect(reply.readUInt32BE(0)).toBe(0x24);
      expect(reply.subarray(4, 24).toString('hex')).toBe('2000808600000001000000420000000100000001');
    } finally {
      channel.close();
    }
  }

  it.each([
    ['default remote command', ''],
    ['virt-ssh-helper', '?proxy=native'],
    ['nc -U', '?proxy=netcat'],
  ])('AUTH_LIST over ssh (%s)', async (_label, query) => {
    await expectAuthListReply(`${lab!.ssh}${query}`, opts());
  });

  it('AUTH_LIST over ssh, read-only', async () => {
    await expectAuthListReply(lab!.ssh, opts({ readOnly: true }));
  });

  it('AUTH_LIST over ssh to the test-driver host file', async () => {
    await expectAuthListReply(lab!.testHostSsh, opts());
  });

  it('AUTH_LIST over the local unix socket (test host)', async () => {
    await expectAuthListReply(lab!.testHost, {});
  });

  it('refuses the host with the unrecorded key', async () => {
    const err = await rejectionOf(createDialer(lab!.sshUnknownHost, opts()).dialer.dial());
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
    expect(err.message).toContain(lab!.unknownHostKeyFingerprint);
  });
});
