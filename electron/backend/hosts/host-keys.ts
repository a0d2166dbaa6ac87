/**
 * The host-key gate between the SSH transport and the user. A connect never
 * accepts a key on its own: the transport's acceptHostKey callback records
 * the offered key and answers "no", the connect fails with host-key-unknown
 * carrying the key's fingerprint, the UI shows it, and trustHostKey (with the
 * fingerprint the user saw) lets the next connect of that connection accept
 * exactly that key, once. The transport then records it in our known_hosts.
 * A changed key never reaches this gate: the transport refuses it outright.
 */
import { timingSafeEqual } from 'node:crypto';
import type { HostKey } from '../../../shared/types.js';
import type { HostKeyInfo } from '../../libvirt/index.js';
import { AppError } from '../errors.js';

const sameKey = (a: HostKeyInfo, b: HostKeyInfo) => a.host === b.host && a.port === b.port && a.keyType === b.keyType && a.key === b.key;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function toHostKey(info: HostKeyInfo): HostKey {
  return { host: info.host, port: info.port, keyType: info.keyType, fingerprint: info.fingerprint };
}

export class HostKeyGate {
  /** connection id -> the key its host offered last and we refused */
  private readonly offers = new Map<string, HostKeyInfo>();
  /** connection id -> the one key the next connect may accept */
  private readonly trusted = new Map<string, HostKeyInfo>();

  /** The acceptHostKey callback for one connect of one connection. */
  callbackFor(id: string): (info: HostKeyInfo) => Promise<boolean> {
    return async (info) => {
      const trusted = this.trusted.get(id);
      if (trusted && sameKey(trusted, info)) {
        this.trusted.delete(id);
        this.offers.delete(id);
        return true;
      }
      this.offers.set(id, info);
      return false;
    };
  }

  /** What the host offered at the last refused connect, for the error shown to the user. */
  offered(id: string): HostKey | undefined {
    const info = this.offers.get(id);
    return info && toHostKey(info);
  }

  trust(id: string, fingerprint: string): void {
    const offer = this.offers.get(id);
    if (!offer) throw new AppError('conflict', 'No host key is waiting to be trusted for this connection; connect first to see it.');
    if (!sameText(offer.fingerprint, fingerprint.trim())) {
      throw new AppError('conflict', 'The fingerprint does not match the key the host offered; the key was not trusted.', {
        hostKey: toHostKey(offer),
      });
    }
    this.trusted.set(id, offer);
  }

  forget(id: string): void {
    this.offers.delete(id);
    this.trusted.delete(id);
  }
}
