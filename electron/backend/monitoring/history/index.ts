/** The history store of the monitoring feature: one small interface, see types.ts. */
export { openHistoryStore } from './store.js';
export { defaultPrecision } from './precision.js';
export { DEFAULT_RETENTION } from './types.js';
export type { HistoryStore, HistoryStoreOptions, HistoryUsage, QueryResult, Retention, Sample } from './types.js';
