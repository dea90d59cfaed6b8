import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Flex, Spin } from 'antd';
import { ApiError, onUnauthorized } from '../../app/api';
import { fetchMe, signOut as postSignOut, type Me, type Role } from './authApi';

/** Signed out: never signed in (this visit), the session expired, or the user signed out. */
type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; reason?: 'expired' | 'signedOut' }
  | { kind: 'signedIn'; me: Me };

export interface Session {
  state: SessionState;
  me?: Me;
  hasRole: (...roles: Role[]) => boolean;
  /** Asks the server who is signed in (after sign-in). */
  refresh: () => Promise<Me | undefined>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in user, loaded once; any API 401 later ends the session and shows the sign-in page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  here.current = location;

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState({ kind: 'signedIn', me });
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState({ kind: 'signedOut' });
        return undefined;
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState({ kind: 'signedOut' }));
  }, [refresh]);

  useEffect(() => {
    onUnauthorized(() => {
      setState({ kind: 'signedOut', reason: 'expired' });
      const { pathname, search } = here.current;
      if (!pathname.startsWith('/signin')) {
        navigate(`/signin?next=${encodeURIComponent(pathname + search)}&expired=1`, { replace: true });
      }
    });
    return () => onUnauthorized(undefined);
  }, [navigate]);

  const signOut = useCallback(async () => {
    try {
      await postSignOut();
    } finally {
      setState({ kind: 'signedOut', reason: 'signedOut' });
      navigate('/signin?signedOut=1', { replace: true });
    }
  }, [navigate]);

  const value = useMemo<Session>(() => {
    const me = state.kind === 'signedIn' ? state.me : undefined;
    return {
      state,
      me,
      hasRole: (...roles) => !!me && roles.some((role) => me.roles.includes(role)),
      refresh,
      signOut,
    };
  }, [state, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Shows its children to a signed-in user with one of the roles (any user when none given). */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const session = useSession();
  const location = useLocation();
  if (session.state.kind === 'loading') return <FullPageSpin />;
  if (session.state.kind === 'signedOut') {
    // the same address as the session's own navigation, whichever of the two comes first
    if (session.state.reason === 'signedOut') return <Navigate to="/signin?signedOut=1" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    const expired = session.state.reason === 'expired' ? '&expired=1' : '';
    return <Navigate to={`/signin?next=${next}${expired}`} replace />;
  }
  if (roles && roles.length > 0 && !session.hasRole(...roles)) {
    return <Navigate to="/inbox" replace />;
  }
  return <>{children}</>;
}
