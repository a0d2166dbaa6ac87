/**
 * Connection-level procedures and their enums: authentication, feature
 * probing, open and close (docs/protocol/connection.md §3). Data only: the
 * handshake that runs them in order is ../rpc/handshake.ts.
 */
import { type Infer, array, i32, intBool, optional, str, struct, u32 } from '../xdr/index.js';
import { remoteProc } from './define.js';

/** remote_auth_type: REMOTE_AUTH_NONE, REMOTE_AUTH_SASL, REMOTE_AUTH_POLKIT. */
export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;
export const REMOTE_AUTH_TYPE_LIST_MAX = 20;

/** virDrvFeature values the handshake asks about (VIR_DRV_FEATURE_*). */
export const DrvFeature = {
  PROGRAM_KEEPALIVE: 10,
  REMOTE_EVENT_CALLBACK: 14,
  REMOTE_CLOSE_CALLBACK: 15,
} as const;

/** VIR_CONNECT_RO: the only CONNECT_OPEN flag the daemon looks at. */
export const CONNECT_OPEN_READ_ONLY = 1;

export const CONNECT_OPEN = remoteProc('CONNECT_OPEN', 1, struct({ name: optional(str), flags: u32 }));
export const CONNECT_CLOSE = remoteProc('CONNECT_CLOSE', 2);
export const CONNECT_SUPPORTS_FEATURE = remoteProc(
  'CONNECT_SUPPORTS_FEATURE',
  60,
  struct({ feature: i32 }),
  struct({ supported: intBool }),
);
export const AUTH_LIST = remoteProc('AUTH_LIST', 66, undefined, struct({ types: array(i32, REMOTE_AUTH_TYPE_LIST_MAX) }));
export const AUTH_POLKIT = remoteProc('AUTH_POLKIT', 70, undefined, struct({ complete: intBool }));
export type AuthListRet = Infer<typeof AUTH_LIST.ret>;
