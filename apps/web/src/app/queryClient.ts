import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api';

/**
 * One retry for network hiccups and server errors; a 4xx answer is final (retrying a refusal only delays
 * the message). No refetch on window focus: it would overwrite what someone is typing into a form.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
