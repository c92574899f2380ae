/** The root: server-state cache, session, router. Signed out, only the sign-in screen exists. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../lib/api';
import { SessionProvider, useSessionApi } from '../lib/session';
import { Loading } from '../components/ui';
import { SignInPage } from '../features/auth/components/SignInPage';
import { AppRoutes } from './routes';

export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Refusals (4xx) are answers, not glitches: retry only unreachable or busy servers.
        retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });

const Gate = () => {
  const { state } = useSessionApi();
  if (state.status === 'loading') return <Loading label="Opening Stockroom…" />;
  if (state.status === 'signed_out') return <SignInPage reason={state.error} />;
  return <AppRoutes />;
};

export const App = ({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) => (
  <QueryClientProvider client={queryClient}>
    <SessionProvider>
      <BrowserRouter>
        <Gate />
      </BrowserRouter>
    </SessionProvider>
  </QueryClientProvider>
);
