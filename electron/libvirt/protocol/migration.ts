/** Migration and job procedures (docs/protocol/procedures.md §8.7): peer-to-peer migration. */
import { opaque } from '../xdr/index.js';
import { Dom, i32, optStr, struct, typedParams } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_DOMAIN_JOB_STATS_MAX, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, REMOTE_MIGRATE_COOKIE_MAX } from './limits.js';
import { DomArgs, DomFlagsArgs, flagsCodec } from './shared.js';

export const DOMAIN_ABORT_JOB = remoteProc('DOMAIN_ABORT_JOB', 164, DomArgs);
export const DOMAIN_GET_JOB_STATS = remoteProc(
  'DOMAIN_GET_JOB_STATS',
  298,
  DomFlagsArgs,
  struct({ type: i32, params: typedParams(REMOTE_DOMAIN_JOB_STATS_MAX) }),
);
/**
 * Sent to the source daemon with VIR_MIGRATE_PEER2PEER: it runs the whole
 * Begin/Prepare/Perform/Finish/Confirm sequence against `dconnuri` itself.
 */
export const DOMAIN_MIGRATE_PERFORM3_PARAMS = remoteProc(
  'DOMAIN_MIGRATE_PERFORM3_PARAMS',
  305,
  struct({
    dom: Dom,
    dconnuri: optStr,
    params: typedParams(REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX),
    cookieIn: opaque(REMOTE_MIGRATE_COOKIE_MAX),
    flags: flagsCodec,
  }),
  struct({ cookieOut: opaque(REMOTE_MIGRATE_COOKIE_MAX) }),
);
