/**
 * Recovery after the lab's libvirtd is killed (by its own PID) and started again:
 * calls fail fast while it is gone, the connection comes back by itself, event
 * subscriptions are re-registered, and running guests survive. The daemon is
 * always brought back before the test ends.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { getHostname } from '../../../electron/libvirt/api/host.js';
import { LibvirtConnection, type ConnectionState } from '../../../electron/libvirt/connection.js';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import type { DomainLifecycleEvent } from '../../../electron/libvirt/events/types.js';
import { lab, uniqueName, virsh, virshQuiet, waitFor } from '../../helpers/lab.js';

const pidFile = (lab?.libvirtdPidFile as string | undefined) ?? '/run/libvirtd.pid';

function libvirtdPid(): number {
  return Number(readFileSync(pidFile, 'utf8').trim());
}

/** `lab.sh up` restarts whatever lab daemon is missing and waits for its socket. */
function bringLabBack(): void {
  const r = spawnSync('bash', ['e2e/lab/lab.sh', 'up'], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`lab.sh up failed: ${r.stderr}`);
}

describe.skipIf(!lab)('libvirtd killed and restarted', () => {
  const name = uniqueName('restart');
  let conn: LibvirtConnection | undefined;

  afterAll(async () => {
    await conn?.close();
    if (spawnSync('virsh', ['-c', 'qemu:///system', 'version'], { stdio: 'ignore', timeout: 10_000 }).status !== 0) bringLabBack();
    virshQuiet(['undefine', name]);
  });

  it('fails calls fast while the daemon is gone, reconnects, re-registers events, keeps guests running', async () => {
    const running = lab!.runningGuest;
    expect(virsh(['domstate', running]).trim()).toBe('running');
    conn = await LibvirtConnection.open(lab!.system, { reconnect: { initialDelayMs: 200, maxDelayMs: 1_000 } });
    const states: ConnectionState[] = [];
    conn.onStateChange((c) => {
      states.push(c.state);
    });
    const events: DomainLifecycleEvent[] = [];
    await conn.onDomainLifecycle((e) => {
      events.push(e);
    });

    const oldPid = libvirtdPid();
    const inFlight = getHostname(conn).then(
      () => 'answered',
      (e: unknown) => (e instanceof ConnectionError ? 'rejected' : `unexpected ${String(e)}`),
    );
    process.kill(oldPid, 'SIGKILL');
    // Whether the reply beat the kill or not, the call settles: it never hangs.
    expect(['answered', 'rejected']).toContain(await inFlight);
    expect(await waitFor(() => conn!.state === 'lost' || conn!.state === 'reconnecting', 15_000)).toBe(true);
    await expect(getHostname(conn)).rejects.toBeInstanceOf(ConnectionError);

    bringLabBack();
    expect(libvirtdPid()).not.toBe(oldPid);
    expect(await waitFor(() => conn!.state === 'connected', 30_000)).toBe(true);
    expect(states).toEqual(expect.arrayContaining(['lost', 'reconnecting', 'connected']));
    expect(await getHostname(conn)).toBeTruthy();

    // The lifecycle subscription made before the kill delivers again.
    const xml = `<domain type='qemu'><name>${name}</name><memory unit='KiB'>65536</memory><os><type arch='x86_64'>hvm</type></os></domain>`;
    const file = `/tmp/${name}.xml`;
    spawnSync('sh', ['-c', `cat > ${file}`], { input: xml });
    virsh(['define', file]);
    virsh(['undefine', name]);
    expect(await waitFor(() => events.some((e) => e.dom.name === name && e.event === 'undefined'), 15_000)).toBe(true);
    expect(events.some((e) => e.dom.name === name && e.event === 'defined')).toBe(true);

    // QEMU processes outlive the daemon; the new libvirtd reattaches them.
    expect(virsh(['domstate', running]).trim()).toBe('running');
  }, 240_000);
});
