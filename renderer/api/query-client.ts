/** The app's QueryClient: events keep data fresh, so reads are not refetched eagerly. */
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is local: the browser's idea of "online" does not matter.
        networkMode: 'always',
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Only a lost link to the backend is worth retrying; its answers are definitive.
        retry: (count, error) => count < 3 && isApiError(error, 'unreachable'),
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
