/**
 * Migration and job procedures (docs/protocol/procedures.md §8.7): peer to
 * peer (one PERFORM3_PARAMS to the source) and client-managed (BEGIN3, PREPARE3,
 * PERFORM3, FINISH3, CONFIRM3 "_PARAMS", the client relaying the cookies).
 */
import { intBool, opaque } from '../xdr/index.js';
import { Dom, i32, optStr, str, struct, typedParams, u64 } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_DOMAIN_JOB_STATS_MAX, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, REMOTE_MIGRATE_COOKIE_MAX } from './limits.js';
import { DomArgs, DomFlagsArgs, flagsCodec } from './shared.js';

export const DOMAIN_ABORT_JOB = remoteProc('DOMAIN_ABORT_JOB', 164, DomArgs);
/** Milliseconds the final pause may take; acts on the running migration job. */
export const DOMAIN_MIGRATE_SET_MAX_DOWNTIME = remoteProc(
  'DOMAIN_MIGRATE_SET_MAX_DOWNTIME',
  166,
  struct({ dom: Dom, downtime: u64, flags: flagsCodec }),
);
/** MiB/s; acts on the running migration job. */
export const DOMAIN_MIGRATE_SET_MAX_SPEED = remoteProc(
  'DOMAIN_MIGRATE_SET_MAX_SPEED',
  207,
  struct({ dom: Dom, bandwidth: u64, flags: flagsCodec }),
);
/** Switches a migration started with POSTCOPY to post-copy. */
export const DOMAIN_MIGRATE_START_POST_COPY = remoteProc('DOMAIN_MIGRATE_START_POST_COPY', 364, DomFlagsArgs);

const Params = typedParams(REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX);
const Cookie = opaque(REMOTE_MIGRATE_COOKIE_MAX);

/** Client-managed step 1, on the source: the migratable XML and the source's cookie. */
export const DOMAIN_MIGRATE_BEGIN3_PARAMS = remoteProc(
  'DOMAIN_MIGRATE_BEGIN3_PARAMS',
  302,
  struct({ dom: Dom, params: Params, flags: flagsCodec }),
  struct({ cookieOut: Cookie, xml: str }),
);
/** Step 2, on the destination: an incoming domain waits; `uriOut` is where to send the stream. */
export const DOMAIN_MIGRATE_PREPARE3_PARAMS = remoteProc(
  'DOMAIN_MIGRATE_PREPARE3_PARAMS',
  303,
  struct({ params: Params, cookieIn: Cookie, flags: flagsCodec }),
  struct({ cookieOut: Cookie, uriOut: optStr }),
);
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
/** Step 4, on the destination: resumes the domain there, or (cancelled) removes it. */
export const DOMAIN_MIGRATE_FINISH3_PARAMS = remoteProc(
  'DOMAIN_MIGRATE_FINISH3_PARAMS',
  306,
  struct({ params: Params, cookieIn: Cookie, flags: flagsCodec, cancelled: intBool }),
  struct({ dom: Dom, cookieOut: Cookie }),
);
/** Step 5, on the source: ends the source domain, or (cancelled) lets it run on. */
export const DOMAIN_MIGRATE_CONFIRM3_PARAMS = remoteProc(
  'DOMAIN_MIGRATE_CONFIRM3_PARAMS',
  307,
  struct({ dom: Dom, params: Params, cookieIn: Cookie, flags: flagsCodec, cancelled: intBool }),
);
