/**
 * The alert engine on synthetic sweeps: pending -> firing after forSec, a
 * pending alert dropped when its condition ends early, hysteresis, scopes,
 * subjects that disappear, conditions without a number, acknowledgement.
 */
import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../shared/contract/alerts.js';
import { createAlertEngine, type AlertChange } from '../../electron/backend/alerts/engine.js';
import { evaluateSweep, type TagsOf } from '../../electron/backend/alerts/sweep.js';
import type { HostSweep } from '../../electron/backend/monitoring/feed.js';

const VM_A = '11111111-1111-1111-1111-111111111111';
const VM_B = '22222222-2222-2222-2222-222222222222';
const RUNNING = 1;
const SHUTOFF = 5;

function rule(over: Partial<AlertRule> = {}): AlertRule {
  return {
    id: 'r1',
    builtin: false,
    name: 'cpu',
    kind: 'threshold',
    metric: 'cpu_pct',
    scope: { kind: 'all' },
    condition: 'above',
    threshold: 80,
    clearThreshold: 60,
    forSec: 10,
    severity: 'warning',
    enabled: true,
    ...over,
  };
}

/** An engine whose listener records every change. */
function recorder() {
  const log: { change: AlertChange | 'dropped'; alert: Alert }[] = [];
  let n = 0;
  const engine = createAlertEngine({
    newId: () => `a${++n}`,
    listener: { changed: (alert, change) => log.push({ change, alert }), dropped: (alert) => log.push({ change: 'dropped', alert }) },
  });
  return { engine, log, changes: () => log.map((l) => `${l.change}:${l.alert.subject.name}`) };
}

type Vm = { uuid: string; name: string; state?: number; cpu?: number };
function sweep(t: number, vms: Vm[], host: HostSweep['host'] = {}, connectionId = 'h1'): HostSweep {
  return {
    connectionId,
    t,
    ms: 5,
    host,
    vms: vms.map((v) => ({ uuid: v.uuid, name: v.name, state: v.state ?? RUNNING, values: v.cpu === undefined ? {} : { cpu_pct: v.cpu } })),
  };
}
const noTags: TagsOf = () => [];

describe('alert engine: threshold rules', () => {
  it('goes pending, fires after forSec, holds between the thresholds and resolves past the clear threshold', () => {
    const { engine, log, changes } = recorder();
    const r = [rule()];
    const feed = (t: number, cpu: number) => evaluateSweep(engine, r, sweep(t * 1000, [{ uuid: VM_A, name: 'a', cpu }]), 'host 1', noTags);
    feed(0, 50);
    expect(log).toHaveLength(0);
    feed(1, 90);
    expect(changes()).toEqual(['pending:a']);
    feed(5, 95);
    expect(engine.active()[0]!.state).toBe('pending');
    feed(11, 92); // 10 s after it began
    expect(changes()).toEqual(['pending:a', 'fired:a']);
    const fired = log[1]!.alert;
    expect(fired).toMatchObject({ state: 'firing', since: 1000, firedAt: 11_000, value: 92, ruleId: 'r1', severity: 'warning' });
    expect(fired.message).toMatch(/^a: CPU \(of its vCPUs\) 92%, above 80% for 10 s$/);
    feed(12, 70); // below the threshold but above the clear threshold: still firing
    feed(13, 61);
    expect(changes()).toHaveLength(2);
    expect(engine.active()[0]).toMatchObject({ state: 'firing', value: 61 });
    feed(14, 59);
    expect(changes()).toEqual(['pending:a', 'fired:a', 'resolved:a']);
    expect(log[2]!.alert).toMatchObject({ id: fired.id, state: 'resolved', resolvedAt: 14_000 });
    expect(log[2]!.alert.message).toMatch(/back to 59% \(at or below 60%\)/);
    expect(engine.active()).toEqual([]);
    feed(15, 99); // a new breach is a new alert
    expect(log.at(-1)!.alert.id).not.toBe(fired.id);
  });

  it('drops a pending alert whose condition ends before forSec, without a resolution', () => {
    const { engine, changes } = recorder();
    const r = [rule({ forSec: 30 })];
    evaluateSweep(engine, r, sweep(0, [{ uuid: VM_A, name: 'a', cpu: 90 }]), 'h', noTags);
    evaluateSweep(engine, r, sweep(20_000, [{ uuid: VM_A, name: 'a', cpu: 79 }]), 'h', noTags);
    expect(changes()).toEqual(['pending:a', 'dropped:a']);
    expect(engine.active()).toEqual([]);
  });

  it('fires at once with forSec 0, and tick() fires pending alerts when their time has come', () => {
    const { engine, changes } = recorder();
    evaluateSweep(engine, [rule({ forSec: 0 })], sweep(0, [{ uuid: VM_A, name: 'a', cpu: 81 }]), 'h', noTags);
    expect(changes()).toEqual(['fired:a']);
    const slow = rule({ id: 'r2', forSec: 5 });
    evaluateSweep(engine, [slow], sweep(0, [{ uuid: VM_B, name: 'b', cpu: 81 }]), 'h', noTags);
    engine.tick(() => slow, 4000);
    expect(changes()).toEqual(['fired:a', 'pending:b']);
    engine.tick(() => slow, 5000);
    expect(changes()).toEqual(['fired:a', 'pending:b', 'fired:b']);
  });

  it('watches "below" rules and host series', () => {
    const { engine, changes, log } = recorder();
    const low = rule({ metric: 'host_mem_used_pct', condition: 'below', threshold: 10, clearThreshold: 20, forSec: 0 });
    evaluateSweep(engine, [low], sweep(0, [], { host_mem_used_pct: 5 }), 'host 1', noTags);
    evaluateSweep(engine, [low], sweep(1, [], { host_mem_used_pct: 15 }), 'host 1', noTags);
    evaluateSweep(engine, [low], sweep(2, [], { host_mem_used_pct: 20 }), 'host 1', noTags);
    expect(changes()).toEqual(['fired:host 1', 'resolved:host 1']);
    expect(log[0]!.alert.subject).toEqual({ connectionId: 'h1', name: 'host 1' });
  });

  it('observes only the subjects in scope: a host, a machine, a tag', () => {
    const vms = [
      { uuid: VM_A, name: 'a', cpu: 99 },
      { uuid: VM_B, name: 'b', cpu: 99 },
    ];
    const tags: TagsOf = (c, u) => (c === 'h1' && u === VM_B ? ['web'] : []);
    const cases: [AlertRule['scope'], string[]][] = [
      [{ kind: 'all' }, ['fired:a', 'fired:b']],
      [{ kind: 'host', connectionId: 'h1' }, ['fired:a', 'fired:b']],
      [{ kind: 'host', connectionId: 'other' }, []],
      [{ kind: 'vm', connectionId: 'h1', uuid: VM_A.toUpperCase() }, ['fired:a']],
      [{ kind: 'vm', connectionId: 'other', uuid: VM_A }, []],
      [{ kind: 'tag', tag: 'web' }, ['fired:b']],
      [{ kind: 'tag', tag: 'db' }, []],
    ];
    for (const [scope, expected] of cases) {
      const { engine, changes } = recorder();
      evaluateSweep(engine, [rule({ scope, forSec: 0 })], sweep(0, vms), 'h', tags);
      expect(changes(), JSON.stringify(scope)).toEqual(expected);
    }
  });

  it('ignores disabled rules', () => {
    const { engine, changes } = recorder();
    evaluateSweep(engine, [rule({ enabled: false, forSec: 0 })], sweep(0, [{ uuid: VM_A, name: 'a', cpu: 99 }]), 'h', noTags);
    expect(changes()).toEqual([]);
  });

  it('resolves the alerts of a machine that is deleted or stops, saying why; a missing value changes nothing', () => {
    const { engine, log } = recorder();
    const r = [rule({ forSec: 0 })];
    evaluateSweep(
      engine,
      r,
      sweep(0, [
        { uuid: VM_A, name: 'a', cpu: 99 },
        { uuid: VM_B, name: 'b', cpu: 99 },
      ]),
      'host 1',
      noTags,
    );
    // a: running, no value this sweep (kept); b: gone.
    evaluateSweep(engine, r, sweep(1000, [{ uuid: VM_A, name: 'a' }]), 'host 1', noTags);
    expect(log.at(-1)!.alert).toMatchObject({ state: 'resolved', subject: { name: 'b' }, message: 'b no longer exists on host 1' });
    expect(engine.active().map((a) => a.subject.name)).toEqual(['a']);
    evaluateSweep(engine, r, sweep(2000, [{ uuid: VM_A, name: 'a', state: SHUTOFF }]), 'host 1', noTags);
    expect(log.at(-1)!.alert).toMatchObject({ state: 'resolved', subject: { name: 'a' }, message: 'a stopped' });
    expect(engine.active()).toEqual([]);
  });

  it("leaves other hosts' alerts alone", () => {
    const { engine } = recorder();
    const r = [rule({ forSec: 0 })];
    evaluateSweep(engine, r, sweep(0, [{ uuid: VM_A, name: 'a', cpu: 99 }], {}, 'h1'), 'h1', noTags);
    evaluateSweep(engine, r, sweep(0, [], {}, 'h2'), 'h2', noTags);
    expect(engine.active()).toHaveLength(1);
  });
});

describe('alert engine: conditions and acknowledgement', () => {
  const cond = rule({ id: 'down', kind: 'host-unreachable', metric: undefined, threshold: undefined, forSec: 30 });
  const host = { connectionId: 'h1', name: 'host 1' };

  it('raises a condition, fires it after forSec, resolves it when settled', () => {
    const { engine, changes, log } = recorder();
    engine.raise(cond, host, 'host 1 is unreachable', 0);
    engine.raise(cond, host, 'host 1 is unreachable', 10_000); // still the same alert
    engine.tick(() => cond, 29_000);
    expect(changes()).toEqual(['pending:host 1']);
    engine.tick(() => cond, 30_000);
    engine.settle('down', host, 'host 1 is reachable again', 40_000);
    expect(changes()).toEqual(['pending:host 1', 'fired:host 1', 'resolved:host 1']);
    expect(log.at(-1)!.alert.message).toBe('host 1 is reachable again');
  });

  it('drops a condition settled within forSec', () => {
    const { engine, changes } = recorder();
    engine.raise(cond, host, 'x', 0);
    engine.settle('down', host, 'back', 5000);
    expect(changes()).toEqual(['pending:host 1', 'dropped:host 1']);
  });

  it('records who acknowledged and when, and keeps the alert firing', () => {
    const { engine, changes, log } = recorder();
    engine.raise({ ...cond, forSec: 0 }, host, 'x', 0);
    const id = engine.active()[0]!.id;
    const acked = engine.acknowledge(id, 'alice', 1234);
    expect(acked).toMatchObject({ id, state: 'firing', acknowledged: { by: 'alice', at: 1234 } });
    expect(changes()).toEqual(['fired:host 1', 'acknowledged:host 1']);
    expect(log[1]!.alert.acknowledged).toEqual({ by: 'alice', at: 1234 });
    expect(engine.acknowledge('nope', 'alice', 1)).toBeUndefined();
  });

  it('restores firing alerts and ends the ones a predicate selects', () => {
    const firing: Alert = {
      id: 'old',
      ruleId: 'r1',
      ruleName: 'cpu',
      severity: 'warning',
      state: 'firing',
      subject: { connectionId: 'h1', uuid: VM_A, name: 'a' },
      message: 'm',
      since: 1,
      firedAt: 2,
    };
    const log: string[] = [];
    const engine = createAlertEngine({
      restore: [firing],
      listener: { changed: (a, c) => log.push(`${c}:${a.id}`), dropped: () => undefined },
    });
    expect(engine.find('r1', firing.subject)?.id).toBe('old');
    engine.endWhere((a) => a.ruleId === 'r1', 'its rule was deleted', 10);
    expect(log).toEqual(['resolved:old']);
  });
});
