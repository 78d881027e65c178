/**
 * The session: who is signed in, and the steps on the way. Sign-in itself (autodiscover, auth,
 * the vault) lands with the EWS client; until then signing in answers `unavailable` honestly.
 */
import type { SessionState, SignInRequest } from '../../preload/contract';
import { AppError } from '../errors';

export interface SessionService {
  state(): SessionState;
  signIn(request: SignInRequest): Promise<SessionState>;
  signInDemo(): Promise<SessionState>;
  signOut(): Promise<SessionState>;
}

export function createSessionService(deps: { onChange: (state: SessionState) => void }): SessionService {
  let state: SessionState = { status: 'signed-out' };
  const set = (next: SessionState): SessionState => {
    state = next;
    deps.onChange(state);
    return state;
  };
  const notYet = (): never => {
    throw new AppError('unavailable', 'Signing in is not available in this build yet.');
  };
  return {
    state: () => state,
    signIn: () => Promise.resolve(notYet()),
    signInDemo: () => Promise.resolve(notYet()),
    signOut: () => Promise.resolve(set({ status: 'signed-out' })),
  };
}
