/** The action feed behind the audit log and read-only connections: redaction, guards, listeners. */
import { describe, expect, it } from 'vitest';
import { createActionFeed, redactSecrets } from '../../electron/backend/actions.js';
import { methods } from '../../shared/api.js';

describe('action feed', () => {
  it('redacts secrets at any depth and keeps everything else', () => {
    expect(redactSecrets({ id: 'a', secret: 'hunter2', rememberSecret: true, nested: { password: 'x', bearerToken: 'y', n: 1 } })).toEqual({
      id: 'a',
      secret: '[redacted]',
      rememberSecret: '[redacted]',
      nested: { password: '[redacted]', bearerToken: '[redacted]', n: 1 },
    });
    expect(redactSecrets('not an object')).toEqual({});
  });

  it('runs every guard (the first refusal propagates) and isolates failing listeners', () => {
    const errors: unknown[] = [];
    const feed = createActionFeed((e) => errors.push(e));
    const off = feed.guard((m) => {
      if (m === 'vms.act') throw new Error('read-only');
    });
    expect(() => feed.check('connections.add', {})).not.toThrow();
    expect(() => feed.check('vms.act', {})).toThrow('read-only');
    off();
    expect(() => feed.check('vms.act', {})).not.toThrow();

    const seen: string[] = [];
    feed.onAction(() => {
      throw new Error('broken listener');
    });
    feed.onAction((r) => seen.push(r.method));
    feed.publish({ at: 1, method: 'vms.act', params: {}, ok: true, durationMs: 1 });
    expect(seen).toEqual(['vms.act']);
    expect(errors).toHaveLength(1);
  });

  it('marks the methods that change something as mutations, and reads as not', () => {
    expect(methods['vms.act'].mutates).toBe(true);
    expect(methods['connections.remove'].mutates).toBe(true);
    expect(methods['vms.list'].mutates).toBe(false);
    expect(methods['metrics.query'].mutates).toBe(false);
    for (const [name, spec] of Object.entries(methods)) {
      if (/\.(list|get|info|query|now|settings|usage|heatmap|rules|status|webhook|localHost)$/.test(name))
        expect(spec.mutates, name).toBe(false);
    }
  });
});
