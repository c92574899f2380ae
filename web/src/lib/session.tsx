/**
 * Who is signed in, what they may do, and signing in and out. The session lives in the HttpOnly
 * cookie; on load GET /v1/auth/me recovers it and its CSRF token. Signing in with an API key is
 * possible too (the key stays in this tab's memory only: a reload signs out).
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, credentials, unwrap } from './api';
import type { paths } from './api-types';

type Me = paths['/v1/auth/me']['get']['responses'][200]['content']['application/json'];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  /** Warehouse codes the user is limited to (staff; scoped API keys); empty for roles that work everywhere. */
  warehouses: string[];
  status: string;
}

export interface Session {
  user: SessionUser;
  permissions: string[];
  via: 'cookie' | 'api_key';
}

export type SessionState = { status: 'loading' } | { status: 'signed_out'; error?: unknown } | { status: 'signed_in'; session: Session };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signInWithApiKey(key: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** The session from GET /v1/auth/me or sign-in: a user, or an API key shown as one. */
const fromMe = (body: Me, via: Session['via']): Session => {
  credentials.setCsrfToken(body.csrfToken ?? null);
  const user: SessionUser = body.user
    ? { id: body.user.id, email: body.user.email, name: body.user.name, role: body.user.role, warehouses: body.user.warehouses, status: body.user.status }
    : { id: body.apiKey?.id ?? 'api_key', email: '', name: body.apiKey?.name ?? 'API key', role: body.apiKey?.role ?? 'viewer', warehouses: body.apiKey?.warehouses ?? [], status: 'active' };
  return { user, permissions: body.permissions, via };
};

export const SessionProvider = ({ children, initial }: { children: ReactNode; initial?: SessionState }) => {
  const [state, setState] = useState<SessionState>(initial ?? { status: 'loading' });
  const queryClient = useQueryClient();

  useEffect(() => {
    credentials.onUnauthorized(() => {
      credentials.clear();
      queryClient.clear();
      setState({ status: 'signed_out', error: new ApiError(401, 'unauthorized', 'session ended') });
    });
    return () => credentials.onUnauthorized(null);
  }, [queryClient]);

  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    unwrap(api.GET('/v1/auth/me')).then(
      (body) => !cancelled && setState({ status: 'signed_in', session: fromMe(body, 'cookie') }),
      (error: unknown) => !cancelled && setState(error instanceof ApiError && error.status === 401 ? { status: 'signed_out' } : { status: 'signed_out', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [initial]);

  const signIn = useCallback(async (email: string, password: string) => {
    const body = await unwrap(api.POST('/v1/auth/login', { body: { email, password } }));
    // The answer's token is the cookie's value: never kept here (the HttpOnly cookie carries it).
    setState({ status: 'signed_in', session: fromMe(body, 'cookie') });
  }, []);

  const signInWithApiKey = useCallback(async (key: string) => {
    credentials.setApiKey(key.trim());
    try {
      setState({ status: 'signed_in', session: fromMe(await unwrap(api.GET('/v1/auth/me')), 'api_key') });
    } catch (error) {
      credentials.clear();
      throw error instanceof ApiError && error.code === 'unauthorized' ? new ApiError(401, 'unauthorized', 'That API key is not valid.') : error;
    }
  }, []);

  const signOut = useCallback(async () => {
    if (!credentials.usingApiKey()) await unwrap(api.POST('/v1/auth/logout')).catch(() => undefined);
    credentials.clear();
    queryClient.clear();
    setState({ status: 'signed_out' });
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signInWithApiKey, signOut }), [state, signIn, signInWithApiKey, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSessionApi = (): SessionApi => {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSessionApi outside SessionProvider');
  return context;
};

/** The signed-in session (only inside the signed-in part of the app). */
export const useSession = (): Session => {
  const { state } = useSessionApi();
  if (state.status !== 'signed_in') throw new Error('useSession while signed out');
  return state.session;
};

/** May the user do `permission` (in `warehouse`, when given)? */
export const allows = (session: Session, permission: string, warehouse?: string): boolean => {
  if (!session.permissions.includes(permission)) return false;
  if (warehouse === undefined) return true;
  const limited = session.user.role === 'staff' || session.user.warehouses.length > 0;
  return !limited || session.user.warehouses.includes(warehouse);
};

export const useCan = () => {
  const session = useSession();
  return useCallback((permission: string, warehouse?: string) => allows(session, permission, warehouse), [session]);
};
