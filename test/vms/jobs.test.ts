/** The jobs registry on its own: progress, outcomes, cancel (with libvirt's abort hook) and the finished-job limit. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/backend/errors.js';
import { createJobs, throwIfCancelled, type JobControl } from '../../electron/backend/jobs/jobs.js';
import type { Job } from '../../shared/contract/jobs.js';

function registry(keepFinished?: number) {
  const events: Job[] = [];
  const jobs = createJobs({
    emit: (j) => events.push(j),
    toError: (e) => ({ code: 'internal', message: e instanceof Error ? e.message : String(e) }),
    keepFinished,
  });
  return { jobs, events };
}

const spec = { kind: 'clone' as const, connectionId: 'c1', subject: { uuid: 'u', name: 'vm' }, title: 'Clone vm' };

describe('jobs', () => {
  it('reports progress and phase, clamps progress, and ends succeeded with the result', async () => {
    const { jobs, events } = registry();
    const { job, done } = jobs.run(spec, async (ctl) => {
      ctl.update({ progress: 0.5, phase: 'half' });
      ctl.update({ progress: 7 });
      return { name: 'vm2' };
    });
    expect(job.state).toBe('running');
    expect(await done).toEqual({ name: 'vm2' });
    expect(events.map((e) => [e.progress, e.phase])).toEqual([
      [null, 'starting'],
      [0.5, 'half'],
      [1, 'half'],
      [1, 'done'],
    ]);
    expect(jobs.get(job.id)).toMatchObject({ state: 'succeeded', result: { name: 'vm2' }, error: null });
  });

  it('a failure ends failed with the error shape; done rejects', async () => {
    const { jobs } = registry();
    const { job, done } = jobs.run(spec, async () => {
      throw new Error('boom');
    });
    await expect(done).rejects.toThrow('boom');
    expect(jobs.get(job.id)).toMatchObject({ state: 'failed', error: { code: 'internal', message: 'boom' } });
  });

  it('cancel aborts the signal, calls the abort hook, and ends cancelled; cancelling again or an unknown job is refused', async () => {
    const { jobs } = registry();
    let aborted = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { job, done } = jobs.run({ ...spec, onCancel: () => void aborted++ }, async (ctl: JobControl) => {
      await gate;
      throwIfCancelled(ctl, 'the clone');
    });
    const c = await jobs.cancel(job.id);
    expect(c.cancelRequested).toBe(true);
    expect(aborted).toBe(1);
    release();
    await expect(done).rejects.toThrow('was cancelled');
    expect(jobs.get(job.id)?.state).toBe('cancelled');
    await expect(jobs.cancel(job.id)).rejects.toBeInstanceOf(AppError);
    await expect(jobs.cancel('job-none')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to cancel a job that cannot be, and keeps only the newest finished jobs', async () => {
    const { jobs } = registry(2);
    const { job } = jobs.run({ ...spec, cancellable: false }, () => new Promise<void>(() => undefined));
    await expect(jobs.cancel(job.id)).rejects.toMatchObject({ code: 'unsupported' });
    for (let i = 0; i < 4; i++) await jobs.run(spec, async () => undefined).done;
    expect(jobs.list().filter((j) => j.state === 'succeeded')).toHaveLength(2);
    expect(jobs.list('c1').some((j) => j.id === job.id)).toBe(true);
    expect(jobs.list('other')).toEqual([]);
  });
});
