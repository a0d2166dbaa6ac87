/** The contract's methods, each mapped to a service call. Inputs arrive already validated. */
import type { z } from 'zod';
import type { MethodName, MethodOutput, Methods } from '../../shared/api.js';
import type { StartupWarning } from '../../shared/types.js';
import type { ConnectionsService } from './hosts/service.js';
import type { VmsService } from './vms/service.js';

export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface HandlerDeps {
  connections: ConnectionsService;
  vms: VmsService;
  info: { version: string; shell: 'electron' | 'headless'; dataDir: string; secretStorage: boolean; warnings: readonly StartupWarning[] };
}

export function createHandlers({ connections, vms, info }: HandlerDeps): Handlers {
  return {
    'app.info': () => ({ ...info, warnings: [...info.warnings] }),
    'connections.list': () => connections.list(),
    'connections.add': (i) => connections.add(i),
    'connections.update': (i) => connections.update(i),
    'connections.remove': (i) => connections.remove(i.id),
    'connections.connect': (i) => connections.connect(i),
    'connections.disconnect': (i) => connections.disconnect(i.id),
    'connections.trustHostKey': (i) => connections.trustHostKey(i.id, i.fingerprint),
    'vms.list': (i) => vms.list(i.connectionId),
    'vms.get': (i) => vms.get(i.connectionId, i.uuid),
    'vms.act': (i) => vms.act(i.connectionId, i.uuid, i.action),
  };
}
