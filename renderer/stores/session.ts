import type { StoreApi } from 'zustand';
import type { RosterApi, RosterError, SessionState, SignInRequest } from '../../preload/contract';
import { call } from './call';

export type Certificate = { host: string; fingerprint256: string };

export type SessionSlice = {
  /** null until the first getSession answer arrives. */
  session: SessionState | null;
  /** The last sign-in failure, shown on the sign-in screen until the next attempt. */
  sessionError: RosterError | null;
  /** A sign-in / demo / sign-out / trust request is in flight. */
  sessionBusy: boolean;
  signIn: (request: SignInRequest) => Promise<boolean>;
  signInDemo: () => Promise<boolean>;
  signOut: () => Promise<boolean>;
  /** Undo every demo edit and sign in to the demo again (main refuses it on a real account). */
  resetDemo: () => Promise<boolean>;
  /** Trust a refused certificate (explicit user action). Resolves true when main trusts it now. */
  trustCertificate: (certificate: Certificate) => Promise<boolean>;
  clearSessionError: () => void;
};

type Set = StoreApi<SessionSlice>['setState'];
type Get = StoreApi<SessionSlice>['getState'];

function fromState(session: SessionState): Partial<SessionSlice> {
  if (session.status === 'signed-out') {
    // Main keeps only a silent sign-in's failure; an attempt's own failure comes back with its call
    // and may arrive before this push: keep it.
    return session.lastError ? { session, sessionError: session.lastError } : { session };
  }
  return { session, sessionError: null };
}

export function createSessionSlice(api: RosterApi) {
  return (set: Set, get: Get): SessionSlice => {
    async function attempt(run: () => Promise<Awaited<ReturnType<RosterApi['signIn']>>>): Promise<boolean> {
      set({ sessionBusy: true, sessionError: null });
      const result = await call(run);
      if (result.ok) {
        set({ ...fromState(result.value), sessionBusy: false });
        return result.value.status === 'signed-in';
      }
      // Main may not have pushed a signed-out state for this failure: do not stay "signing in".
      const current = get().session;
      const session: SessionState =
        current?.status === 'signing-in' || current === null ? { status: 'signed-out' } : current;
      set({ session, sessionError: result.error, sessionBusy: false });
      return false;
    }

    return {
      session: null,
      sessionError: null,
      sessionBusy: false,
      signIn: (request) => attempt(() => api.signIn(request)),
      signInDemo: () => attempt(() => api.signInDemo()),
      resetDemo: () => attempt(() => api.resetDemo()),
      signOut: async () => {
        set({ sessionBusy: true });
        const result = await call(() => api.signOut());
        if (result.ok) {
          set({ ...fromState(result.value), sessionBusy: false });
          return true;
        }
        set({ sessionError: result.error, sessionBusy: false });
        return false;
      },
      trustCertificate: async ({ host, fingerprint256 }) => {
        set({ sessionBusy: true });
        const result = await call(() => api.trustCertificate({ host, fingerprint256 }));
        if (result.ok && result.value.trusted) {
          set({ sessionBusy: false, sessionError: null });
          return true;
        }
        set({
          sessionBusy: false,
          sessionError: result.ok
            ? {
                kind: 'tls',
                message: 'The certificate was not trusted.',
                certificate: { host, fingerprint256 },
              }
            : result.error,
        });
        return false;
      },
      clearSessionError: () => set({ sessionError: null }),
    };
  };
}

/** Follow main's session stream and load the current state. Returns the unsubscribe function. */
export function connectSession(api: RosterApi, set: Set): () => void {
  const off = api.on('sessionChanged', (session) => set(fromState(session)));
  void call(() => api.getSession()).then((result) => {
    if (result.ok) set(fromState(result.value));
    else set({ session: { status: 'signed-out' }, sessionError: result.error });
  });
  return off;
}
