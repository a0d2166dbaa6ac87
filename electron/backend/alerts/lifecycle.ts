/**
 * "Machine crashed or stopped unexpectedly", from libvirt's lifecycle events.
 * A crash or a failed stop always counts; a shutdown or a destroy counts only
 * when NovaCron did not ask for one lately (intents). Migrations, saves and
 * snapshot reverts are expected stops, and so is the failed stop of a
 * migration's half-made copy on its target while NovaCron migrates it. The alert resolves when the machine
 * starts again or is deleted.
 */
import type { DomainLifecycleEvent } from '../../libvirt/index.js';
import type { Intent } from '../intents.js';

/** What an event means for the rule: a new problem, the end of one, or nothing. */
export type LifecycleVerdict = { raise: string } | { settle: string } | null;

/** The intents that make a stop expected. */
const STOPPING: ReadonlySet<Intent> = new Set(['stop', 'restart', 'delete', 'migrate']);

export function judgeLifecycle(e: DomainLifecycleEvent, intent: Intent | undefined): LifecycleVerdict {
  const name = e.dom.name;
  if (e.event === 'crashed') return { raise: `${name} crashed (${e.detail})` };
  if (e.event === 'started') return { settle: `${name} started again` };
  if (e.event === 'undefined' && e.detail === 'removed') return { settle: `${name} was deleted` };
  if (e.event !== 'stopped') return null;
  switch (e.detail) {
    case 'crashed':
      return { raise: `${name} stopped: it crashed` };
    case 'failed':
      // An incoming migration that was cancelled or failed ends its half-made domain this way on the target.
      return intent === 'migrate' ? null : { raise: `${name} stopped: the hypervisor reported a failure` };
    case 'shutdown':
      return intent && STOPPING.has(intent)
        ? null
        : { raise: `${name} shut down without NovaCron asking (from inside the guest or by another tool)` };
    case 'destroyed':
      return intent && STOPPING.has(intent)
        ? null
        : { raise: `${name} was powered off without NovaCron asking (destroyed by another tool)` };
    default:
      return null; // migrated, saved, from-snapshot: expected
  }
}
