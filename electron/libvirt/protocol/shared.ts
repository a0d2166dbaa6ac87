/** Small codecs and argument shapes that many procedure tables share. */
import { type Codec, intBool } from '../xdr/index.js';
import { Dom, Net, Pool, Snap, Vol, str, struct } from './common.js';

/**
 * `unsigned int flags`. Accepts the negative numbers that JS bit operators
 * produce for bit 31 (e.g. `ENFORCE_STATS | ACTIVE`) and sends them as unsigned.
 */
export const flagsCodec: Codec<number> = {
  enc: (w, v) => w.u32(v >>> 0),
  dec: (r) => r.u32(),
};

export const DomArgs = struct({ dom: Dom });
export const DomFlagsArgs = struct({ dom: Dom, flags: flagsCodec });
export const DomRet = struct({ dom: Dom });
export const NetArgs = struct({ net: Net });
export const NetRet = struct({ net: Net });
export const PoolArgs = struct({ pool: Pool });
export const PoolFlagsArgs = struct({ pool: Pool, flags: flagsCodec });
export const PoolRet = struct({ pool: Pool });
export const VolArgs = struct({ vol: Vol });
export const VolFlagsArgs = struct({ vol: Vol, flags: flagsCodec });
export const VolRet = struct({ vol: Vol });
export const SnapFlagsArgs = struct({ snap: Snap, flags: flagsCodec });
export const SnapRet = struct({ snap: Snap });
export const NameArgs = struct({ name: str });
export const XmlRet = struct({ xml: str });
export const XmlFlagsArgs = struct({ xml: str, flags: flagsCodec });
/** `int need_results` is a boolean: false asks only for the count. */
export const ListArgs = struct({ needResults: intBool, flags: flagsCodec });
export const FlagsArgs = struct({ flags: flagsCodec });
// libvirt declares these `int`; they are booleans (docs/protocol/packets.md §2.3).
export const AutostartRet = struct({ autostart: intBool });
export const ActiveRet = struct({ active: intBool });
export const PersistentRet = struct({ persistent: intBool });
/** The `{int result}` of DOMAIN_HAS_MANAGED_SAVE_IMAGE and DOMAIN_HAS_CURRENT_SNAPSHOT: a boolean. */
export const ResultRet = struct({ result: intBool });
