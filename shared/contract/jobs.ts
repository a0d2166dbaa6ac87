/**
 * Long operations (clone, managed save, snapshot with memory, disk copies) as
 * jobs the backend owns: a view shows them and may cancel one, but closing a
 * view cancels nothing.
 */
import { z } from 'zod';
import { AppErrorShape } from '../types.js';
import { method, mutation } from './define.js';
import { id } from './fields.js';

export const JobKind = z.enum([
  'clone',
  'managed-save',
  'snapshot',
  'disk-copy',
  'create',
  'volume-upload',
  'volume-download',
  'template',
  'migrate',
  'evacuate',
]);
export type JobKind = z.infer<typeof JobKind>;

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

/** What a finished job leaves behind, e.g. the clone's name and UUID. Flat JSON only. */
export const JobResult = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type JobResult = z.infer<typeof JobResult>;

/** One part of a job made of several (an evacuation's machines). */
export const JobStep = z.object({
  label: z.string(),
  state: z.enum(['pending', 'running', 'succeeded', 'failed']),
  message: z.string().nullable(),
});
export type JobStep = z.infer<typeof JobStep>;

export const Job = z.object({
  id: z.string(),
  kind: JobKind,
  connectionId: z.string(),
  /** The machine the job works on (for a clone: the source). */
  subject: z.object({ uuid: z.string(), name: z.string() }),
  /** One line for a list, e.g. "Clone web-1 as web-2". */
  title: z.string(),
  /** 0..1, or null when libvirt gives no measure. */
  progress: z.number().min(0).max(1).nullable(),
  /** What it is doing now, e.g. "copying disk vda (2 of 3)". */
  phase: z.string(),
  state: JobState,
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Whether cancel can stop it (libvirt's abortJob, or NovaCron's own rollback). */
  cancellable: z.boolean(),
  cancelRequested: z.boolean(),
  result: JobResult.nullable(),
  /** Live figures while it runs, e.g. a migration's bytes processed and remaining, dirty rate, expected downtime. */
  detail: JobResult.nullable().default(null),
  /** Its parts, when it has several. */
  steps: z.array(JobStep).default([]),
  error: AppErrorShape.nullable(),
});
export type Job = z.infer<typeof Job>;

export const jobMethods = {
  /** Running jobs and the recently finished ones, newest first. */
  'jobs.list': method(z.object({ connectionId: id.optional() }), z.array(Job)),
  'jobs.cancel': mutation(z.object({ id: z.string().min(1).max(64) }), Job),
} as const;

export const jobEvents = {
  /** A job started, moved on, or finished. */
  'job.changed': Job,
} as const;

export const jobsContract = { methods: jobMethods, events: jobEvents };
