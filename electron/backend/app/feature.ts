/** app.*: what the backend runs as and what it found at startup. */
import type { MethodsOf } from '../../../shared/api.js';
import type { BackendContext, Feature } from '../feature.js';

export function createAppFeature(ctx: BackendContext): Feature<MethodsOf<'app'>> {
  return {
    handlers: {
      'app.info': () => ({
        version: ctx.version,
        shell: ctx.shell,
        dataDir: ctx.dataDir,
        secretStorage: ctx.secrets.available,
        warnings: [...ctx.store.warnings],
      }),
    },
  };
}
