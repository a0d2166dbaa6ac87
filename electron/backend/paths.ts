/** Where NovaCron keeps its files when no shell says otherwise. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'NovaCron';

/** NOVACRON_DATA_DIR, else the platform's usual per-user application data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.NOVACRON_DATA_DIR) return env.NOVACRON_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

/** The files inside a data dir. */
export function dataFiles(dataDir: string) {
  return {
    db: join(dataDir, 'db.json'),
    secrets: join(dataDir, 'secrets.json'),
    knownHosts: join(dataDir, 'known_hosts'),
    /** The audit log, one JSON entry per line (audit/log-file.ts). */
    audit: join(dataDir, 'audit.jsonl'),
  };
}
