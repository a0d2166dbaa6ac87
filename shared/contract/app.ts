/** The app itself: what the backend runs as and what it found at startup. */
import { z } from 'zod';
import { StartupWarning } from '../types.js';
import { method } from './define.js';

export const appMethods = {
  'app.info': method(
    z.object({}),
    z.object({
      version: z.string(),
      shell: z.enum(['electron', 'headless']),
      dataDir: z.string(),
      secretStorage: z.boolean(),
      /** Problems found at startup (e.g. an unreadable settings file kept aside); shown once by the UI. */
      warnings: z.array(StartupWarning),
    }),
  ),
} as const;

export const appEvents = {} as const;

export const appContract = { methods: appMethods, events: appEvents };
