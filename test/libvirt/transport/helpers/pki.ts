import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

export interface Ca {
  dir: string;
  cert: string;
  key: string;
}

/** A throwaway CA in `dir` (ca.pem, ca-key.pem). */
export function createCa(dir: string, name: string): Ca {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'ca-key.pem');
  const cert = path.join(dir, 'ca.pem');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`], dir);
  return { dir, cert, key };
}

/** A key and a certificate signed by `ca`; `san` like "IP:127.0.0.1,DNS:localhost". */
export function issueCertificate(ca: Ca, dir: string, base: string, cn: string, san?: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, `${base}-key.pem`);
  const csr = path.join(dir, `${base}.csr`);
  const cert = path.join(dir, `${base}.pem`);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`], dir);
  const args = ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2'];
  if (san) {
    const ext = path.join(dir, `${base}.ext`);
    writeFileSync(ext, `subjectAltName=${san}\n`);
    args.push('-extfile', ext);
  }
  openssl(args, dir);
  return { cert, key };
}
