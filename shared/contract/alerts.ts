/**
 * Alert rules and the alerts they raise. A rule watches a metric (or a
 * lifecycle condition) over a scope; an alert is one subject (a machine or a
 * host) breaking it: pending while the condition has not lasted `forSec`,
 * firing after, resolved once the value is back past the clear threshold
 * (hysteresis). Acknowledging records who and when, and silences nothing else.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, ok, plainText, uuid } from './fields.js';
import { SeriesName } from './metrics.js';

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** What a rule watches: a derived series against a threshold, or a condition with no number. */
export const RuleKind = z.enum([
  'threshold', // metric above/below threshold for forSec
  'vm-stopped-unexpectedly', // a machine crashed, or stopped without NovaCron asking (lifecycle events)
  'host-unreachable', // a connection is lost and has not come back within forSec
  'pool-full', // a storage pool's allocation / capacity above threshold (%)
  'anomalous', // the anomaly detector has flagged the metric for forSec
]);
export type RuleKind = z.infer<typeof RuleKind>;

export const RuleScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('host'), connectionId: id }),
  z.object({ kind: z.literal('vm'), connectionId: id, uuid }),
  z.object({ kind: z.literal('tag'), tag: plainText(64).pipe(z.string().min(1)) }),
]);
export type RuleScope = z.infer<typeof RuleScope>;

/** A rule's fields as stored; defaults are applied by AlertRuleInput only, so a patch never resets what it leaves out. */
const AlertRuleFields = z.object({
  name: plainText(120).pipe(z.string().trim().min(1, 'a name is required')),
  kind: RuleKind,
  /** For threshold and anomalous rules. */
  metric: SeriesName.optional(),
  scope: RuleScope,
  condition: z.enum(['above', 'below']),
  /** For threshold and pool-full rules (a pool's fill in %). */
  threshold: z.number().finite().optional(),
  /** The value that resolves a firing alert; defaults to the threshold (no hysteresis). */
  clearThreshold: z.number().finite().optional(),
  /** How long the condition must hold before the alert fires. */
  forSec: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400),
  severity: Severity,
  enabled: z.boolean(),
});

export const AlertRuleInput = AlertRuleFields.extend({
  scope: RuleScope.default({ kind: 'all' }),
  condition: AlertRuleFields.shape.condition.default('above'),
  forSec: AlertRuleFields.shape.forSec.default(0),
  severity: Severity.default('warning'),
  enabled: z.boolean().default(true),
});
export type AlertRuleInput = z.input<typeof AlertRuleInput>;

/** What alerts.updateRule takes: the fields to change (absent ones are kept). */
export const AlertRulePatch = AlertRuleFields.partial().extend({ id });
export type AlertRulePatch = z.infer<typeof AlertRulePatch>;

export const AlertRule = AlertRuleFields.extend({
  id: z.string(),
  /** Shipped with NovaCron: editable and disableable, not deletable. */
  builtin: z.boolean(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertState = z.enum(['pending', 'firing', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

export const Alert = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  severity: Severity,
  state: AlertState,
  /** The machine or host (or pool) that breaks the rule. */
  subject: z.object({
    connectionId: z.string(),
    uuid: z.string().optional(),
    pool: z.string().optional(),
    name: z.string(),
  }),
  /** The last value seen (for threshold rules). */
  value: z.number().optional(),
  message: z.string(),
  since: z.number(),
  firedAt: z.number().optional(),
  resolvedAt: z.number().optional(),
  acknowledged: z.object({ by: z.string(), at: z.number() }).optional(),
});
export type Alert = z.infer<typeof Alert>;

export const WebhookSettings = z.object({
  enabled: z.boolean(),
  /** http(s) URL; the body is the alert as JSON. */
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2048)]),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;

export const WebhookStatus = WebhookSettings.extend({
  /** Deliveries not yet accepted (retrying with backoff). */
  queued: z.number(),
  /** Deliveries given up (too many attempts, or pushed out of the full queue) since NovaCron started. */
  dropped: z.number(),
  lastError: z.string().optional(),
  lastErrorAt: z.number().optional(),
  lastDeliveredAt: z.number().optional(),
});

export const alertMethods = {
  'alerts.rules': method(z.object({}), z.array(AlertRule)),
  'alerts.createRule': mutation(AlertRuleInput, AlertRule),
  'alerts.updateRule': mutation(AlertRulePatch, AlertRule),
  'alerts.deleteRule': mutation(z.object({ id }), ok),
  /** Alerts, newest first: active ones (pending, firing) and the history. */
  'alerts.list': method(
    z.object({
      state: AlertState.optional(),
      /** true: only acknowledged alerts; false: only those nobody acknowledged yet. */
      acknowledged: z.boolean().optional(),
      /** Alerts that started at or after this time (ms since the epoch). */
      since: z.number().optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    z.array(Alert),
  ),
  'alerts.acknowledge': mutation(z.object({ id: z.string().min(1).max(64) }), Alert),
  'alerts.webhook': method(z.object({}), WebhookStatus),
  'alerts.setWebhook': mutation(WebhookSettings, WebhookStatus),
} as const;

export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** The webhook's JSON body: one per alert that fires or resolves. */
export const WebhookBody = z.object({
  type: z.literal('novacron.alert'),
  alert: Alert,
  rule: AlertRule,
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export const alertEvents = {
  /** An alert appeared (pending), fired, resolved or was acknowledged. */
  'alert.changed': Alert,
  /** A pending alert whose condition ended before `forSec`: it never fired and is not kept in the history. */
  'alert.dropped': z.object({ id: z.string() }),
  'alerts.rulesChanged': z.object({}),
} as const;

export const alertsContract = { methods: alertMethods, events: alertEvents };
