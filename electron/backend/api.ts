/**
 * The backend behind both shells: `invoke(method, input)` for the contract's
 * methods and `onEvent` for its events. Every input is validated here with
 * the method's zod schema, before any service sees it; every failure leaves
 * as an AppErrorShape. Outputs and events are validated too unless
 * `validateOutputs` is off (production builds), so a service that drifts from
 * the contract fails loudly in tests instead of confusing the renderer.
 */
import { channels, events, isChannelKind, methods, type CallResult, type EventName, type MethodName } from '../../shared/api.js';
import type { AppErrorShape } from '../../shared/types.js';
import { createActionFeed, redactSecrets } from './actions.js';
import type { BackendChannel, ChannelSink, OpenChannelResult } from './channels/types.js';
import type { SecretStore } from './credentials/secret-store.js';
import { AppError, toAppErrorShape } from './errors.js';
import { createEventBus, type EventListener } from './events.js';
import type { BackendContext, Feature } from './feature.js';
import { FEATURES } from './features.js';
import { createHostRegistry } from './hosts/registry.js';
import { createIntents } from './intents.js';
import { createJobs } from './jobs/jobs.js';
import { createMetricsFeed } from './monitoring/feed.js';
import { createStderrLogger, type Logger } from './log.js';
import { dataFiles } from './paths.js';
import { openStore } from './store/store.js';

export interface BackendOptions {
  dataDir: string;
  secretStore: SecretStore;
  shell: 'electron' | 'headless';
  version?: string;
  log?: Logger;
  /** Default: on unless NODE_ENV is "production". */
  validateOutputs?: boolean;
  /** Default true: connect the records marked autoConnect at startup. */
  autoConnect?: boolean;
  connectTimeoutMs?: number;
}

export type AnyCallResult = CallResult<MethodName>;

export interface Backend {
  invoke(method: string, input: unknown): Promise<AnyCallResult>;
  onEvent(listener: EventListener): () => void;
  /** Opens a byte channel (shared/channels.ts) whose bytes for the client go to `sink`; the input is checked here. */
  openChannel(kind: string, input: unknown, sink: ChannelSink): Promise<OpenChannelResult>;
  close(): Promise<void>;
}

const isMethod = (m: string): m is MethodName => Object.hasOwn(methods, m);

function invalid(message: string, issues: AppErrorShape['issues'] = []): AnyCallResult {
  return { ok: false, error: { code: 'invalid-input', message, issues } };
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const log = opts.log ?? createStderrLogger();
  const validateOutputs = opts.validateOutputs ?? process.env.NODE_ENV !== 'production';
  const store = await openStore(opts.dataDir, log);
  const bus = createEventBus(log);
  const hosts = createHostRegistry((id) => store.data.connections.find((c) => c.id === id)?.name, log);
  const ctx: BackendContext = {
    store,
    bus,
    log,
    hosts,
    hostPublisher: hosts.publisher,
    intents: createIntents(),
    actions: createActionFeed((e) => log.error('an action listener failed', e)),
    metrics: createMetricsFeed((e) => log.error('a metrics consumer failed', e)),
    jobs: createJobs({ emit: (job) => bus.emit('job.changed', job), toError: (e, kind) => toAppErrorShape(e, log, `job ${kind}`) }),
    secrets: opts.secretStore,
    dataDir: opts.dataDir,
    knownHostsFile: dataFiles(opts.dataDir).knownHosts,
    shell: opts.shell,
    version: opts.version ?? 'dev',
    autoConnect: opts.autoConnect ?? true,
    ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
  };
  const features: Feature<never>[] = FEATURES.map((create) => create(ctx));
  // Each method's handler, from the feature that declares it (features.ts proves every method has one).
  // The one cast of the wiring: run() hands a handler only the input its own method's schema accepted.
  const handlers = new Map<string, (input: unknown) => unknown>();
  for (const f of features) for (const [m, h] of Object.entries(f.handlers)) handlers.set(m, h as (input: unknown) => unknown);
  // The same for channel openers: openChannel hands one only the input its kind's schema accepted.
  type AnyOpener = (input: unknown, sink: ChannelSink) => Promise<{ info: unknown; channel: BackendChannel }>;
  const openers = new Map<string, AnyOpener>();
  for (const f of features) for (const [k, o] of Object.entries(f.channels ?? {})) openers.set(k, o as AnyOpener);

  async function call<M extends MethodName>(method: M, data: unknown): Promise<AnyCallResult> {
    const spec = methods[method];
    try {
      const handler = handlers.get(method);
      if (!handler) throw new Error(`no feature answers ${method}`);
      const value: unknown = await handler(data);
      if (!validateOutputs) return { ok: true, value } as AnyCallResult;
      const checked = spec.output.safeParse(value);
      if (!checked.success) throw new Error(`output of ${method} breaks the contract: ${checked.error.message}`);
      return { ok: true, value: checked.data } as AnyCallResult;
    } catch (e) {
      return { ok: false, error: toAppErrorShape(e, log, method) };
    }
  }

  async function run<M extends MethodName>(method: M, input: unknown): Promise<AnyCallResult> {
    const spec = methods[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return invalid(
        `Invalid input for ${method}.`,
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    }
    if (!spec.mutates) return call(method, parsed.data);
    // A mutation: the guards may refuse it, and its outcome goes to the action feed either way.
    const at = Date.now();
    const params = redactSecrets(parsed.data);
    let result: AnyCallResult;
    try {
      ctx.actions.check(method, (parsed.data ?? {}) as Record<string, unknown>);
      result = await call(method, parsed.data);
    } catch (e) {
      result = { ok: false, error: toAppErrorShape(e, log, method) };
    }
    ctx.actions.publish({
      at,
      method,
      params,
      ok: result.ok,
      ...(result.ok ? {} : { error: { code: result.error.code, message: result.error.message } }),
      durationMs: Date.now() - at,
    });
    return result;
  }

  for (const f of features) f.start?.();

  let closed = false;
  return {
    invoke(method, input) {
      if (closed) return Promise.resolve({ ok: false, error: new AppError('not-connected', 'NovaCron is shutting down.').toShape() });
      if (typeof method !== 'string' || !isMethod(method))
        return Promise.resolve(invalid(`Unknown method ${String(method).slice(0, 100)}.`));
      return run(method, input);
    },
    async openChannel(kind, input, sink) {
      if (closed) return { ok: false, error: new AppError('not-connected', 'NovaCron is shutting down.').toShape() };
      if (typeof kind !== 'string' || !isChannelKind(kind)) {
        return { ok: false, error: { code: 'invalid-input', message: `Unknown channel kind ${String(kind).slice(0, 100)}.` } };
      }
      const parsed = channels[kind].input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
        return { ok: false, error: { code: 'invalid-input', message: `Invalid input for channel ${kind}.`, issues } };
      }
      const opener = openers.get(kind);
      // A console types into a guest: like a mutation, the guards may refuse it (a read-only
      // connection) and it goes to the action feed (the audit log), taking over included.
      const at = Date.now();
      const params = redactSecrets(parsed.data);
      const record = (error?: AppErrorShape) =>
        ctx.actions.publish({
          at,
          method: kind,
          params,
          ok: !error,
          ...(error ? { error: { code: error.code, message: error.message } } : {}),
          durationMs: Date.now() - at,
        });
      try {
        if (!opener) throw new Error(`no feature opens channel ${kind}`);
        ctx.actions.check(kind, (parsed.data ?? {}) as Record<string, unknown>);
        const opened = await opener(parsed.data, sink);
        const checked = validateOutputs ? channels[kind].info.safeParse(opened.info) : { success: true as const, data: opened.info };
        if (!checked.success) {
          opened.channel.close();
          throw new Error(`info of channel ${kind} breaks the contract: ${checked.error.message}`);
        }
        record();
        return { ok: true, info: checked.data, channel: opened.channel };
      } catch (e) {
        const error = toAppErrorShape(e, log, `channel ${kind}`);
        record(error);
        return { ok: false, error };
      }
    },
    onEvent(listener) {
      if (!validateOutputs) return bus.on(listener);
      return bus.on((name: EventName, payload) => {
        const checked = events[name].safeParse(payload);
        if (checked.success) listener(name, checked.data);
        else log.error(`event ${name} breaks the contract: ${checked.error.message}`);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Reverse order: a feature may still use the ones created before it while it stops.
      for (const f of [...features].reverse()) {
        try {
          await f.close?.();
        } catch (e) {
          log.error('a feature failed to close', e);
        }
      }
    },
  };
}
