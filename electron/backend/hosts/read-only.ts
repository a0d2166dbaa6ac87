/**
 * Read-only connections: libvirt opens them read-only itself (the session
 * asks for it), and this guard refuses, before it runs, every mutation that
 * names such a connection: a `connectionId` in the input, or in the items of a
 * list in it (bulk actions). NovaCron's own settings and the connection
 * records (`id`, not `connectionId`) stay editable, so the flag can be lifted.
 */
import { AppError } from '../errors.js';
import type { BackendContext, Feature } from '../feature.js';
import type { Store } from '../store/store.js';

/** The connection ids a mutation's input names at its top level or in the objects of a top-level list. */
export function namedConnections(input: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  const take = (v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const id = (v as Record<string, unknown>).connectionId;
      if (typeof id === 'string') ids.add(id);
    }
  };
  take(input);
  for (const v of Object.values(input)) if (Array.isArray(v)) v.forEach(take);
  return [...ids];
}

export function refuseOnReadOnly(store: Store, method: string, input: Record<string, unknown>): void {
  for (const id of namedConnections(input)) {
    const record = store.data.connections.find((c) => c.id === id);
    if (record?.readOnly) {
      throw new AppError(
        'operation-invalid',
        `"${record.name}" is a read-only connection: NovaCron makes no changes through it (${method} refused). ` +
          'Turn off read-only in the connection settings to allow changes.',
      );
    }
  }
}

export function createReadOnlyFeature(ctx: BackendContext): Feature<never> {
  const off = ctx.actions.guard((method, input) => refuseOnReadOnly(ctx.store, method, input));
  return { handlers: {}, close: off };
}
