/**
 * A SecretStore that keeps only ciphertext on disk (secrets.json in the data
 * dir, base64 per connection id). The cipher is injected by the shell, so this
 * file stays plain Node: Electron's main passes safeStorage's
 * encryptString/decryptString; tests pass a toy cipher.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { writePrivateFile } from '../store/private-files.js';
import type { SecretStore } from './secret-store.js';

export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

const SecretsFile = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof SecretsFile>;

async function readSecrets(file: string, log: Logger): Promise<SecretsFile> {
  try {
    const parsed = SecretsFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
    log.warn(`${file} has an unexpected shape; stored secrets are ignored until one is saved again`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`${file} could not be read; stored secrets are ignored`);
  }
  return { version: 1, secrets: {} };
}

export async function createEncryptedSecretStore(file: string, cipher: Cipher, log: Logger): Promise<SecretStore> {
  const data = await readSecrets(file, log);
  // 0600 whatever the umask, written atomically.
  const flush = () => writePrivateFile(file, `${JSON.stringify(data)}\n`);
  return {
    available: true,
    async save(id, secret) {
      data.secrets[id] = cipher.encrypt(secret).toString('base64');
      await flush();
    },
    async load(id) {
      const b64 = data.secrets[id];
      if (b64 === undefined) return null;
      try {
        return cipher.decrypt(Buffer.from(b64, 'base64'));
      } catch {
        // e.g. the keychain was reset: the user is asked again, which is the safe outcome.
        log.warn(`the stored secret of connection ${id} could not be decrypted`);
        return null;
      }
    },
    async remove(id) {
      if (!(id in data.secrets)) return;
      delete data.secrets[id];
      await flush();
    },
  };
}
