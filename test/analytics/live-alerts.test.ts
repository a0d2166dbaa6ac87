/**
 * The alert rule type `anomalous`: a rule on a metric goes pending at a
 * flagged point, fires once the episode has lasted forSec, and resolves after
 * QUIET_MS without a sustaining score; a lone flag under a longer forSec is
 * dropped. The rule book now takes the kind (a metric, no threshold).
 */
import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../shared/contract/alerts.js';
import { createAnomalyRules, QUIET_MS } from '../../electron/backend/alerts/anomalous.js';
import { createAlertEngine, type AlertChange } from '../../electron/backend/alerts/engine.js';
import { checkRule } from '../../electron/backend/alerts/rules.js';
import type { ScoredSeries } from '../../electron/backend/monitoring/feed.js';

const MIN = 60_000;
const UUID = '11111111-2222-4333-8444-555555555555';

function rule(forSec: number): AlertRule {
  return {
    id: `r${forSec}`,
    builtin: false,
    name: 'CPU anomalous',
    kind: 'anomalous',
    metric: 'cpu_pct',
    scope: { kind: 'all' },
    condition: 'above',
    forSec,
    severity: 'warning',
    enabled: true,
  };
}

function point(t: number, score: number, series: ScoredSeries['series'] = 'cpu_pct'): ScoredSeries {
  return { connectionId: 'c1', uuid: UUID, name: 'web', series, t, score, threshold: 0.6, anomalous: score >= 0.6 };
}

function setup() {
  const changes: [AlertChange | 'dropped', Alert][] = [];
  const engine = createAlertEngine({
    listener: { changed: (a, c) => changes.push([c, a]), dropped: (a) => changes.push(['dropped', a]) },
  });
  return { changes, engine, rules: createAnomalyRules(engine, () => undefined) };
}

describe('anomalous alert rules', () => {
  it('go pending on a flagged point, fire after forSec of sustained scores, and resolve when quiet', () => {
    const { changes, engine, rules } = setup();
    const r = rule(120);
    const t0 = Date.UTC(2026, 0, 1, 12);
    rules.evaluate([r], [point(t0, 0.9), point(t0, 0.95, 'mem_used_pct')]);
    expect(changes.map(([c]) => c)).toEqual(['pending']);
    expect(changes[0]![1].subject).toMatchObject({ connectionId: 'c1', uuid: UUID, name: 'web' });
    rules.evaluate([r], [point(t0 + MIN, 0.45)]); // suppressed repeat: still unusual
    engine.tick(() => r, t0 + MIN);
    expect(changes.map(([c]) => c)).toEqual(['pending']);
    rules.evaluate([r], [point(t0 + 2 * MIN, 0.3)]);
    expect(changes.map(([c]) => c)).toEqual(['pending', 'fired']);
    expect(changes[1]![1].message).toMatch(/cpu_pct is anomalous for 2 min/);
    for (let k = 3; k <= 4; k++) rules.evaluate([r], [point(t0 + k * MIN, 0.05)]);
    expect(changes.map(([c]) => c)).toEqual(['pending', 'fired']);
    rules.evaluate([r], [point(t0 + 2 * MIN + QUIET_MS, 0.05)]);
    expect(changes.map(([c]) => c)).toEqual(['pending', 'fired', 'resolved']);
    expect(changes[2]![1].message).toMatch(/back to its usual behaviour/);
    expect(engine.active()).toEqual([]);
  });

  it('drop a lone flag that does not last forSec', () => {
    const { changes, rules } = setup();
    const r = rule(600);
    const t0 = Date.UTC(2026, 0, 1, 12);
    rules.evaluate([r], [point(t0, 0.8)]);
    for (let k = 1; k <= 4; k++) rules.evaluate([r], [point(t0 + k * MIN, 0.02)]);
    expect(changes.map(([c]) => c)).toEqual(['pending', 'dropped']);
  });

  it('fire at once with forSec 0 and end when the series is no longer scored', () => {
    const { changes, rules } = setup();
    const t0 = Date.UTC(2026, 0, 1, 12);
    rules.evaluate([rule(0)], [point(t0, 0.7)]);
    expect(changes.map(([c]) => c)).toEqual(['fired']);
    rules.expire(t0 + 11 * MIN);
    expect(changes.map(([c]) => c)).toEqual(['fired', 'resolved']);
    expect(changes[1]![1].message).toMatch(/no longer measured/);
  });

  it('are accepted by the rule book with a metric and refused without one or with a threshold', () => {
    const { id: _id, builtin: _b, ...input } = rule(300);
    expect(() => checkRule(input)).not.toThrow();
    expect(() => checkRule({ ...input, metric: undefined })).toThrow(/needs a metric/);
    expect(() => checkRule({ ...input, threshold: 0.5 })).toThrow(/takes no threshold/);
    expect(() => checkRule({ ...input, metric: 'host_cpu_pct', scope: { kind: 'vm', connectionId: 'c1', uuid: UUID } })).toThrow(
      /host metric/,
    );
  });
});
