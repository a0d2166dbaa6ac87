/** The jobs list (running and recently finished, newest first), kept fresh by job.changed. */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const jobKeys = { list: ['jobs', 'list'] as const };

export const jobQueries = {
  list: () => queryOptions({ queryKey: jobKeys.list, queryFn: () => invoke('jobs.list', {}) }),
};
