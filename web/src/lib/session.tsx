/**
 * Who is signed in, what they may do, and signing in and out. The session lives in the HttpOnly
 * cookie; on load GET /v1/auth/me recovers it and its CSRF token. Signing in with an API key is the
 * fallback for servers without password sign-in (the key stays in memory: a reload signs out).
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, credentials, request, unwrap } from './api';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  /** Warehouse codes the user is limited to (staff); empty for roles that work everywhere. */
  warehouses: string[];
  status: string;
}

export interface Session {
  user: SessionUser;
  permissions: string[];
  via: 'cookie' | 'api_key';
}

interface MeBody {
  user: SessionUser;
  permissions: string[];
  csrfToken?: string;
}

export type SessionState = { status: 'loading' } | { status: 'signed_out'; error?: unknown } | { status: 'signed_in'; session: Session };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signInWithApiKey(key: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Every permission, for API keys on a server that predates roles (src/domain/permissions.ts). */
const allPermissions = [
  'catalog.read', 'catalog.write', 'warehouses.read', 'warehouses.write', 'stock.read', 'stock.settings', 'stock.receive', 'stock.adjust',
  'stock.damage', 'stock.write_off', 'stock.return', 'stock.transfer', 'reservations.read', 'reservations.write', 'reservations.fulfil',
  'movements.read', 'events.read', 'reports.read', 'webhooks.read', 'webhooks.write', 'users.read', 'users.write', 'api_keys.read',
  'api_keys.write', 'audit.read', 'system.read',
];

const fromMe = (body: MeBody, via: Session['via']): Session => {
  credentials.setCsrfToken(body.csrfToken ?? null);
  return { user: body.user, permissions: body.permissions, via };
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
    request<MeBody>('GET', '/v1/auth/me').then(
      (body) => !cancelled && setState({ status: 'signed_in', session: fromMe(body, 'cookie') }),
      (error: unknown) => !cancelled && setState(error instanceof ApiError && error.status === 401 ? { status: 'signed_out' } : { status: 'signed_out', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [initial]);

  const signIn = useCallback(async (email: string, password: string) => {
    try {
      const body = await request<MeBody & { token?: string }>('POST', '/v1/auth/login', { email, password });
      setState({ status: 'signed_in', session: fromMe(body, 'cookie') });
    } catch (error) {
      // A server without password sign-in answers the route like any other /v1 route: 401 unauthorized.
      if (error instanceof ApiError && (error.code === 'unauthorized' || error.code === 'not_found')) {
        throw new ApiError(404, 'not_found', 'Password sign-in is not available on this server yet: sign in with an API key.');
      }
      throw error;
    }
  }, []);

  const signInWithApiKey = useCallback(async (key: string) => {
    credentials.setApiKey(key.trim());
    try {
      try {
        const body = await request<MeBody>('GET', '/v1/auth/me');
        setState({ status: 'signed_in', session: fromMe(body, 'api_key') });
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 404)) throw error;
      }
      // A server without /v1/auth/me: the key is valid if it can read, and may do everything.
      await unwrap(api.GET('/v1/warehouses', { params: { query: { limit: 1 } } }));
      setState({
        status: 'signed_in',
        session: { via: 'api_key', permissions: allPermissions, user: { id: 'api_key', email: '', name: 'API key', role: 'admin', warehouses: [], status: 'active' } },
      });
    } catch (error) {
      credentials.clear();
      throw error instanceof ApiError && error.code === 'unauthorized' ? new ApiError(401, 'unauthorized', 'That API key is not valid.') : error;
    }
  }, []);

  const signOut = useCallback(async () => {
    if (!credentials.usingApiKey()) await request('POST', '/v1/auth/logout').catch(() => undefined);
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
