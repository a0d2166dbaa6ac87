/**
 * The per-feature wiring: the contract is assembled from one file per
 * resource (a name declared twice is refused), and every method of it is
 * answered by some backend feature.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods } from '../../shared/api.js';
import { assembleContract, method } from '../../shared/contract/define.js';
import { useTestBackend } from './helpers.js';

const backend = useTestBackend({ autoConnect: false });

describe('contract assembly', () => {
  it('merges resources and refuses a method or event declared twice', () => {
    const a = { methods: { 'a.get': method(z.object({}), z.number()) }, events: { 'a.changed': z.number() } };
    const b = { methods: { 'b.get': method(z.object({}), z.string()) }, events: {} };
    const both = assembleContract(a, b);
    expect(Object.keys(both.methods).sort()).toEqual(['a.get', 'b.get']);
    expect(Object.keys(both.events)).toEqual(['a.changed']);
    expect(() => assembleContract(a, { methods: { 'a.get': a.methods['a.get'] }, events: {} })).toThrow(/a\.get is declared twice/);
    expect(() => assembleContract(a, { methods: {}, events: { 'a.changed': z.string() } })).toThrow(/a\.changed is declared twice/);
  });
});

describe('every method has a feature answering it', () => {
  // Inputs that no schema accepts, except those of the methods that take none: those then really run.
  for (const name of Object.keys(methods)) {
    it(name, async () => {
      const r = await backend().backend.invoke(name, { id: 42 });
      if (!r.ok) {
        expect(r.error.message).not.toMatch(/no feature answers/);
        expect(r.error.code).not.toBe('internal');
      }
    });
  }
  it('an unknown method is refused as invalid input', async () => {
    const r = await backend().backend.invoke('vms.explode', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
