/** Audit log pages (audit.list with a filter and paging); audit.recorded re-reads them. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditFilter } from '../../../shared/contract/audit';
import { invoke } from '../../api/client';

export const auditKeys = {
  all: ['audit'] as const,
  page: (f: AuditFilter, offset: number, limit: number) => ['audit', 'page', f, offset, limit] as const,
};

export const auditQueries = {
  page: (filter: AuditFilter, offset: number, limit: number) =>
    queryOptions({
      queryKey: auditKeys.page(filter, offset, limit),
      queryFn: () => invoke('audit.list', { ...filter, offset, limit }),
      placeholderData: keepPreviousData,
    }),
};
