/**
 * Where connection secrets (key passphrases, SSH passwords) may be kept. The
 * Electron shell injects one backed by the OS keychain (safeStorage); the
 * headless console and the CLI get `noSecretStore`, whose `available` is false:
 * there, secrets live in memory for as long as the connection does, and the
 * user is asked again next time.
 */
export interface SecretStore {
  readonly available: boolean;
  save(id: string, secret: string): Promise<void>;
  /** The secret, or null when none is stored (or it can no longer be decrypted). */
  load(id: string): Promise<string | null>;
  remove(id: string): Promise<void>;
}

export const noSecretStore: SecretStore = {
  available: false,
  save: async () => {
    throw new Error('no secret storage is available');
  },
  load: async () => null,
  remove: async () => undefined,
};
