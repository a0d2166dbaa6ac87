/**
 * Migration and job control on the main lab's one daemon: it accepts our
 * MIGRATE_PERFORM3_PARAMS arguments (it fails on the unreachable destination,
 * not with an RPC decode error), on a throwaway transient guest started
 * paused. Real migrations between two daemons are in test/migration/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../../electron/libvirt/api/index.js';
import type { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ErrorCode } from '../../../electron/libvirt/errors.js';
import type { Dom } from '../../../electron/libvirt/protocol/common.js';
import { DomainState, JobType, MigrateFlags } from '../../../electron/libvirt/protocol/flags.js';
import { connectLab, lab, uniqueName } from '../../helpers/lab.js';
import { expectDaemonError } from './expect-error.js';
import { removeDomain, stoppedLabGuestXml, throwawayDomainXml } from './throwaway.js';

const name = uniqueName('mig');

describe.skipIf(!lab)('migration and jobs', () => {
  let c: LibvirtClient;
  let dom: Dom;

  beforeAll(async () => {
    c = await connectLab('system');
    dom = await api.createDomainXml(c, throwawayDomainXml(await stoppedLabGuestXml(c), name, null), 1 /* START_PAUSED */);
  });
  afterAll(async () => {
    await removeDomain(c, name, dom);
    await c?.close();
  });

  it('reports no job, and refuses to abort one', async () => {
    const stats = await api.getJobStats(c, dom);
    expect(stats.type).toBe(JobType.NONE);
    await expectDaemonError(api.abortJob(c, dom), [ErrorCode.OPERATION_INVALID]);
  });

  it('accepts the peer-to-peer arguments and fails on the unreachable destination', async () => {
    const err = await expectDaemonError(
      api.migrateDomainP2P(
        c,
        dom,
        'qemu+tcp://127.0.0.1:1/system',
        { migrateUri: 'tcp://127.0.0.1:1', bandwidth: 10, destinationName: `${name}-dst`, autoConvergeInitial: 20 },
        MigrateFlags.LIVE | MigrateFlags.AUTO_CONVERGE,
      ),
    );
    // e.g. SYSTEM_ERROR "unable to connect to server at '127.0.0.1:1'"
    expect(err.message).toMatch(/connect|127\.0\.0\.1/i);
    expect((await api.getDomainState(c, dom)).state).toBe(DomainState.PAUSED);
    const last = await api.getJobStats(c, dom, 1 /* COMPLETED */);
    expect([JobType.NONE, JobType.FAILED]).toContain(last.type);
  });

  it('decodes the arguments for an unknown domain (NO_DOMAIN, not an RPC error)', async () => {
    const ghost = { name: 'apitest-ghost', uuid: new Uint8Array(16).fill(0xee), id: -1 };
    await expectDaemonError(api.migrateDomainP2P(c, ghost, 'qemu+ssh://nowhere/system', { migrateDisks: ['vda'], bandwidth: 1n }), [
      ErrorCode.NO_DOMAIN,
    ]);
    // the daemon reads our typed params by name before it looks the domain up
    const err = await expectDaemonError(api.migrateDomainP2P(c, ghost, 'qemu+ssh://nowhere/system', { parallelConnections: 2 }), [
      ErrorCode.INVALID_ARG,
    ]);
    expect(err.message).toMatch(/parallel/i);
    await expectDaemonError(api.getJobStats(c, ghost), [ErrorCode.NO_DOMAIN]);
  });
});
