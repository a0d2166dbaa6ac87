export { invoke } from './client';
export { ApiError, errorMessage, isApiError } from './errors';
export { appKeys, appQueries } from './queries';
export { applyNow, defineCacheSync, type CacheSyncFactory, type CacheSyncSpec } from './cache-sync';
export { useLinkStatus } from './use-link-status';
