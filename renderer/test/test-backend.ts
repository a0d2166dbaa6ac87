/**
 * A backend for component tests, behind the app's own Bridge interface
 * (shared/transport.ts), installed the way Electron's preload installs the
 * real one: as `window.novacron`. Like the real backend it validates every
 * input and output against the contract (shared/api.ts) and answers failures
 * as AppErrorShape; what it answers is up to each test.
 */
import type { z } from 'zod';
import { events, methods, type EventName, type EventPayload, type MethodName, type MethodOutput, type Methods } from '../../shared/api';
import type { Bridge } from '../../shared/transport';
import type { AppErrorShape } from '../../shared/types';

/** Thrown by a handler: the call fails with exactly this shape, as the backend's errors do. */
export class BackendError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

export type Handlers = {
  [M in MethodName]?: (input: z.output<Methods[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface Call {
  method: string;
  input: unknown;
}

export interface TestBackend {
  readonly bridge: Bridge;
  /** Every call the renderer made, in order, with its input as sent. */
  readonly calls: Call[];
  /** The inputs of the calls to one method, in order. */
  callsTo(method: MethodName): unknown[];
  /** Pushes an event to the renderer, checked against the contract first. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

const isMethod = (m: string): m is MethodName => Object.hasOwn(methods, m);

function fail(code: AppErrorShape['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

export function createTestBackend(handlers: Handlers): TestBackend {
  const calls: Call[] = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();

  async function run(method: MethodName, input: unknown) {
    const spec = methods[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false as const,
        error: {
          code: 'invalid-input' as const,
          message: `Invalid input for ${method}.`,
          issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        },
      };
    }
    const handler = handlers[method] as ((i: unknown) => unknown) | undefined;
    // Shown by the page like any backend error, which names the method the test did not expect.
    if (!handler) return fail('unsupported', `The test backend has no answer for ${method}.`);
    try {
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) return fail('internal', `The test's answer to ${method} breaks the contract: ${checked.error.message}`);
      return { ok: true as const, value: checked.data };
    } catch (e) {
      if (e instanceof BackendError) return { ok: false as const, error: e.shape };
      throw e;
    }
  }

  const bridge: Bridge = {
    invoke(method, input) {
      calls.push({ method, input });
      if (!isMethod(method)) return Promise.resolve(fail('invalid-input', `Unknown method ${method}.`));
      return run(method, input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    bridge,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.input),
    emit(name, payload) {
      const checked = events[name].parse(payload);
      for (const l of [...listeners]) l(name, checked);
    },
  };
}

/**
 * The renderer keeps the first bridge it finds (renderer/api/bridge.ts), so
 * `window.novacron` is one stable object for the whole test file that forwards
 * to the backend of the current test.
 */
let current: Bridge | undefined;
const forwarder: Bridge = {
  invoke: (method, input) =>
    current ? current.invoke(method, input) : Promise.resolve(fail('unreachable', 'No test backend is installed.')),
  onEvent: (listener) => current?.onEvent(listener) ?? (() => {}),
};

export function installBackend(backend: TestBackend): void {
  current = backend.bridge;
  window.novacron = forwarder;
}
