/**
 * alerts.*: rules over the collector's sweeps, the hosts' links, the
 * machines' lifecycle events and the storage pools; the alerts they raise go
 * out as `alert.changed` events (the alert centre, toasts, desktop
 * notifications), into the store's history, and to the optional webhook.
 */
import { userInfo } from 'node:os';
import type { MethodsOf } from '../../../shared/api.js';
import type { Alert } from '../../../shared/contract/alerts.js';
import { AppError } from '../errors.js';
import type { BackendContext, Feature } from '../feature.js';
import { createAnomalyRules } from './anomalous.js';
import { createAlertEngine, type AlertChange } from './engine.js';
import { createAlertHistory, listAlerts } from './history.js';
import { watchHosts } from './hosts.js';
import { createPoolPoller } from './poll.js';
import { createReactions } from './react.js';
import { createRuleBook } from './rules.js';
import { evaluateSweep } from './sweep.js';
import { createTagCache } from './tags.js';
import { createWebhook, type WebhookOptions } from './webhook.js';

/** How often pending alerts are checked against their rule's duration. */
const TICK_MS = 1000;

export interface AlertsOptions {
  /** Storage pools are read this often per host (default 60 s). */
  poolIntervalMs?: number;
  webhook?: Omit<WebhookOptions, 'store' | 'log'>;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createAlertsFeature(ctx: BackendContext, opts: AlertsOptions = {}): Feature<MethodsOf<'alerts'>> {
  const history = createAlertHistory(ctx.store, ctx.log);
  const webhook = createWebhook({ store: ctx.store, log: ctx.log, ...opts.webhook });
  const tags = createTagCache(ctx.log);
  const book = createRuleBook(ctx.store, () => rulesChanged());
  let rules = book.list();
  const nameOf = (id: string) => ctx.store.data.connections.find((c) => c.id === id)?.name ?? id;
  const needsTags = () => rules.some((r) => r.enabled && r.scope.kind === 'tag');

  function announce(alert: Alert, change: AlertChange): void {
    if (alert.state !== 'pending') history.record(alert);
    ctx.bus.emit('alert.changed', alert);
    const rule = rules.find((r) => r.id === alert.ruleId);
    if (rule && (change === 'fired' || change === 'resolved')) webhook.send({ type: 'novacron.alert', alert, rule });
  }

  const engine = createAlertEngine({
    restore: ctx.store.data.alerts.filter((a) => a.state !== 'resolved'),
    listener: { changed: announce, dropped: (a) => ctx.bus.emit('alert.dropped', { id: a.id }) },
  });
  const react = createReactions({ engine, rules: () => rules, intents: ctx.intents, nameOf, tagsOf: tags.tagsOf });
  const pools = createPoolPoller({
    hosts: ctx.hosts,
    log: ctx.log,
    intervalMs: opts.poolIntervalMs ?? 60_000,
    wanted: () => rules.some((r) => r.enabled && r.kind === 'pool-full'),
    engine,
    rules: () => rules,
    nameOf,
  });

  function rulesChanged(): void {
    rules = book.list();
    react.rulesChanged();
    ctx.bus.emit('alerts.rulesChanged', {});
    pools.pollAll();
  }

  const lifecycleQueues = new Map<string, Promise<void>>();
  const offSweeps = ctx.metrics.onSweep((s) => evaluateSweep(engine, rules, s, nameOf(s.connectionId), tags.tagsOf));
  const anomalies = createAnomalyRules(engine, tags.tagsOf);
  const offScores = ctx.metrics.onScores((batch) => anomalies.evaluate(rules, batch));
  const hostWatch = watchHosts(ctx.hosts, ctx.bus, ctx.log, {
    up: (id, conn) => {
      react.hostUp(id);
      pools.poll(id);
      if (needsTags()) void tags.refreshHost(id, conn);
    },
    down: (id, why, gone) => react.hostDown(id, why, gone),
    ended: (id, why) => {
      tags.forget(id);
      react.hostEnded(id, why);
    },
    lifecycle: (id, conn, e) => {
      // A tag rule judges a machine by its tags: read them first when they are new or may have changed,
      // one event after another per host so a quick start-then-stop keeps its order.
      const read = needsTags() && (e.event === 'defined' || e.event === 'started' || tags.tagsOf(id, e.dom.uuid) === undefined);
      const prior = lifecycleQueues.get(id) ?? Promise.resolve();
      const next = prior
        .then(() => (read ? tags.refreshOne(id, conn, e.dom.uuid) : undefined))
        .then(() => react.lifecycle(id, e))
        .catch((err: unknown) => ctx.log.error('judging a lifecycle event for the alert rules failed', err));
      lifecycleQueues.set(id, next);
      void next.then(() => lifecycleQueues.get(id) === next && lifecycleQueues.delete(id));
    },
  });

  const ticker = setInterval(() => {
    const now = Date.now();
    engine.tick((id) => rules.find((r) => r.id === id), now);
    anomalies.expire(now);
  }, TICK_MS);
  ticker.unref();
  const tagTimer = setInterval(() => {
    if (!needsTags()) return;
    for (const id of ctx.hosts.connectedIds()) {
      const conn = ctx.hosts.tryClient(id);
      if (conn) void tags.refreshHost(id, conn);
    }
  }, 60_000);
  tagTimer.unref();
  // Restored alerts whose rule went away meanwhile end now; built-ins missing from the store are written.
  react.rulesChanged();
  book.seed().catch((e: unknown) => ctx.log.error('writing the built-in alert rules failed', e));

  function acknowledge(id: string): Alert {
    const by = currentUser();
    const at = Date.now();
    const live = engine.acknowledge(id, by, at);
    if (live) return live;
    const stored = history.find(id);
    if (!stored) throw new AppError('not-found', 'No such alert.');
    if (stored.acknowledged) return stored;
    const acked: Alert = { ...stored, acknowledged: { by, at } };
    announce(acked, 'acknowledged');
    return acked;
  }

  return {
    handlers: {
      'alerts.rules': () => rules,
      'alerts.createRule': (i) => book.create(i),
      'alerts.updateRule': (i) => book.update(i),
      'alerts.deleteRule': async (i) => {
        await book.remove(i.id);
        return { ok: true as const };
      },
      'alerts.list': (i) => listAlerts([history.all(), engine.active()], i),
      'alerts.acknowledge': (i) => acknowledge(i.id),
      'alerts.webhook': () => webhook.status(),
      'alerts.setWebhook': (i) => webhook.configure(i),
    },
    close: async () => {
      clearInterval(ticker);
      clearInterval(tagTimer);
      offSweeps();
      offScores();
      hostWatch.close();
      pools.close();
      webhook.close();
      await history.flush();
    },
  };
}
