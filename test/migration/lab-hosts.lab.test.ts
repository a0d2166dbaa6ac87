/**
 * The multi-host lab itself (`lab.sh up --hosts N`): each host is its own
 * hypervisor (its own daemon, identity and guests, reached over TCP and over
 * its own sshd with strict host keys), and a host's libvirtd killed by its
 * PID comes back through the lab's verb, its guests still running.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { api, LibvirtClient } from '../../electron/libvirt/index.js';
import { parseCapabilities } from '../../electron/backend/xml/index.js';
import { requireLab, virsh, waitFor } from '../helpers/lab.js';
import { host, hosts } from './hosts.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe.skipIf(!hosts)('the multi-host lab', () => {
  it('gives each host its own daemon, identity and guest', async () => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const [i] of hosts!.entries()) {
      const c = await LibvirtClient.connect(host(i).tcp);
      try {
        ids.add(parseCapabilities(await api.getCapabilities(c)).host.uuid ?? '');
        names.add(await api.getHostname(c));
        const running = (await api.listAllDomains(c, 1 /* ACTIVE */)).map((d) => d.name);
        expect(running).toContain(host(i).runningGuest);
        // none of the main lab's guests: another daemon
        expect(running).not.toContain(requireLab().runningGuest);
        expect((await api.listAllStoragePools(c)).map((p) => p.name)).toContain(host(i).pool);
      } finally {
        await c.close();
      }
    }
    expect(ids.size).toBe(hosts!.length);
    expect(names.size).toBe(hosts!.length);
  });

  it('answers over its own sshd with the known_hosts that trusts every host, and refuses others', async () => {
    const h = host(1);
    const c = await LibvirtClient.connect(h.ssh, { keyFile: h.keyfile, knownHostsFile: h.knownHosts });
    try {
      expect((await api.listAllDomains(c, 1)).map((d) => d.name)).toContain(h.runningGuest);
    } finally {
      await c.close();
    }
    // the main lab's known_hosts does not know the host: refused, not asked past
    await expect(LibvirtClient.connect(h.ssh, { keyFile: h.keyfile, knownHostsFile: requireLab().knownHosts })).rejects.toThrow(
      /host key/i,
    );
  });

  it("brings a host's libvirtd back after it is killed by its PID; its guest keeps running", async () => {
    const h = host(0);
    const before = h.libvirtdPid;
    // the pid in the JSON may be stale after an earlier restart: ask the lab for the current one
    const out = execFileSync('bash', [resolve(ROOT, 'e2e/lab/lab.sh'), 'restart-host-libvirtd', h.name], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const pid = Number(out.trim().split('\n').pop());
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(before);
    expect(spawnSync('kill', ['-0', String(pid)]).status).toBe(0);
    expect(
      await waitFor(() => spawnSync('virsh', ['-c', h.tcp, 'version'], { stdio: 'ignore', timeout: 10_000 }).status === 0, 30_000),
    ).toBe(true);
    expect(virsh(['domstate', h.runningGuest], h.tcp).trim()).toBe('running');
  });
});
