/** The template library with each version's users (templates.list). */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const templateKeys = {
  all: ['templates'] as const,
  list: ['templates', 'list'] as const,
};

export const templateQueries = {
  list: () => queryOptions({ queryKey: templateKeys.list, queryFn: () => invoke('templates.list', {}) }),
};
