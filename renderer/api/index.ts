export { invoke } from './client';
export { ApiError, errorMessage, isApiError } from './errors';
export { appQueries, connectionQueries, queryKeys, vmQueries, type VmScope } from './queries';
export { removeConnectionFromCache, upsertConnectionInCache, upsertVmInCache } from './cache-updates';
export { useLinkStatus } from './use-link-status';
