/**
 * "Anomalous for N min": rules of kind `anomalous` judged on the detector's
 * scored points (one per series per minute, see analytics/live/pipeline.ts).
 *
 * The detector reports an event once, at full height, and scales down the
 * scores of its repeats (anomaly/suppress.ts), so "flagged in every sweep"
 * would never last. The rule is therefore episodic:
 *  - an episode opens at a flagged point (score >= the detector's threshold):
 *    the alert goes pending (firing at once when forSec is 0);
 *  - it stays open while the series keeps scoring at least SUSTAIN_SHARE of
 *    the threshold (still more than a decade of rarity: not back to usual);
 *  - it fires once it has been open for forSec;
 *  - it ends after QUIET_MS with no point at that level: a pending alert is
 *    dropped, a firing one resolves.
 * A subject whose series stops being scored (machine stopped or deleted) ends
 * after STALE_MS.
 */
import type { AlertRule } from '../../../shared/contract/alerts.js';
import { isHostSeries } from '../../../shared/contract/metrics-series.js';
import type { ScoredSeries } from '../monitoring/feed.js';
import { subjectKey, type AlertEngine, type Subject } from './engine.js';
import { inScope, type TagsOf } from './sweep.js';

/** Scores at or above this share of the threshold keep an episode open. */
export const SUSTAIN_SHARE = 1 / 3;
/** An episode ends after this long without a sustaining score. */
export const QUIET_MS = 3 * 60_000;
/** An episode whose series is no longer scored ends after this long. */
export const STALE_MS = 10 * 60_000;

interface Episode {
  /** Last point at or above the sustain level. */
  lastHigh: number;
  /** Last point scored at all. */
  lastSeen: number;
  subject: Subject;
  ruleId: string;
}

export interface AnomalyRules {
  evaluate(rules: readonly AlertRule[], batch: readonly ScoredSeries[]): void;
  /** Ends the episodes of subjects no longer scored; call now and then. */
  expire(t: number): void;
}

function describe(subject: Subject, p: ScoredSeries, rule: AlertRule): string {
  const forMin = rule.forSec >= 60 ? ` for ${Math.round(rule.forSec / 60)} min` : '';
  return `${subject.name}: ${p.series} is anomalous${forMin} (detector score ${p.score.toFixed(2)})`;
}

export function createAnomalyRules(engine: AlertEngine, tagsOf: TagsOf): AnomalyRules {
  const episodes = new Map<string, Episode>();

  function observe(rule: AlertRule, p: ScoredSeries): void {
    const subject: Subject = { connectionId: p.connectionId, name: p.name, ...(p.uuid !== undefined ? { uuid: p.uuid } : {}) };
    if (!inScope(rule.scope, subject, tagsOf)) return;
    const key = subjectKey(rule.id, subject);
    const ep = episodes.get(key);
    const high = p.anomalous || p.score >= p.threshold * SUSTAIN_SHARE;
    if (!ep) {
      if (!p.anomalous) return;
      episodes.set(key, { lastHigh: p.t, lastSeen: p.t, subject, ruleId: rule.id });
      engine.raise(rule, subject, describe(subject, p, rule), p.t);
      return;
    }
    ep.lastSeen = p.t;
    if (high) {
      ep.lastHigh = p.t;
      engine.raise(rule, subject, describe(subject, p, rule), p.t);
    } else if (p.t - ep.lastHigh >= QUIET_MS) {
      episodes.delete(key);
      engine.settle(rule.id, subject, `${subject.name}: ${p.series} is back to its usual behaviour`, p.t);
    }
  }

  return {
    evaluate(rules, batch) {
      for (const rule of rules) {
        if (!rule.enabled || rule.kind !== 'anomalous' || rule.metric === undefined) continue;
        const host = isHostSeries(rule.metric);
        for (const p of batch) {
          if (p.series === rule.metric && (p.uuid === undefined) === host) observe(rule, p);
        }
      }
    },
    expire(t) {
      for (const [key, ep] of episodes) {
        if (t - ep.lastSeen < STALE_MS) continue;
        episodes.delete(key);
        engine.settle(ep.ruleId, ep.subject, `${ep.subject.name} is no longer measured`, t);
      }
    },
  };
}
