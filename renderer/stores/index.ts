import { createContext, createElement, useContext } from 'react';
import type { ReactNode } from 'react';
import { createStore, useStore } from 'zustand';
import type { StoreApi } from 'zustand';
import type { RosterApi } from '../../preload/contract';
import { connectApp, createAppSlice } from './app';
import type { AppSlice } from './app';
import { connectContacts, createContactsSlice } from './contacts';
import { connectHelpdesk, createHelpdeskSlice } from './helpdesk';
import type { HelpdeskSlice } from './helpdesk';
import type { ContactsSlice } from './contacts';
import { connectMeetings, createMeetingsSlice } from './meetings';
import type { MeetingsSlice } from './meetings';
import { connectPresence, createPresenceSlice } from './presence';
import type { PresenceSlice } from './presence';
import { connectSession, createSessionSlice } from './session';
import type { SessionSlice } from './session';
import { connectSettings, createSettingsSlice } from './settings';
import { connectFeatures, createFeaturesSlice, featureOn } from './features';
import type { FeaturesSlice } from './features';
import type { FeatureId } from '../../preload/contract';
import type { SettingsSlice } from './settings';
// Conversation history (issue 23)
import { createHistorySlice } from './history';
import type { HistorySlice } from './history';
// Voice mail (issue 23)
import { connectVoicemail, createVoicemailSlice } from './voicemail';
import type { VoicemailSlice } from './voicemail';

/** One bound store made of per-domain slices; the slices never import each other. */
export type RosterState = SessionSlice &
  SettingsSlice &
  AppSlice &
  ContactsSlice &
  PresenceSlice &
  HelpdeskSlice &
  FeaturesSlice &
  MeetingsSlice &
  // Conversation history (issue 23)
  HistorySlice &
  VoicemailSlice;
export type RosterStore = StoreApi<RosterState>;

export type RosterStoreOptions = {
  /** The clock for time-driven views (the meeting banner); tests pass fake time. */
  now?: () => number;
};

/** Build the store around a bridge: `window.roster` in the app, a fake RosterApi in tests. */
export function createRosterStore(api: RosterApi, options: RosterStoreOptions = {}): RosterStore {
  return createStore<RosterState>()((set, get) => ({
    ...createSessionSlice(api)(set, get),
    ...createSettingsSlice(api)(set, get),
    ...createAppSlice(api)(set),
    ...createContactsSlice(api)(set, get),
    ...createPresenceSlice(api)(set, get),
    ...createHelpdeskSlice(api)(set, get),
    ...createFeaturesSlice(api)(set, get),
    ...createMeetingsSlice(api, options.now)(set, get),
    // Conversation history (issue 23)
    ...createHistorySlice(api, options.now)(set, get),
    // Voice mail (issue 23)
    ...createVoicemailSlice(api)(set, get),
  }));
}

/** Subscribe to main's event streams and load the initial state. Returns the disconnect function. */
export function connectRosterStore(store: RosterStore, api: RosterApi): () => void {
  const offs = [
    connectApp(api, store.setState),
    connectSession(api, store.setState),
    connectSettings(api, store.setState, store.getState),
    connectContacts(api, store.setState, store.getState),
    connectPresence(api, store.setState, store.getState),
    connectHelpdesk(api, store.setState, store.getState),
    connectFeatures(api, store.setState, store.getState),
    connectMeetings(api, store.setState, store.getState),
    followSignIn(store),
    followFeatures(store),
    // Conversation history (issue 23)
    followHistory(store),
    // Voice mail (issue 23)
    connectVoicemail(api, store.setState, store.getState),
    followVoicemail(store),
  ];
  void store.getState().loadAppInfo();
  return () => offs.forEach((off) => off());
}

const isSignedIn = (state: RosterState): boolean => state.session?.status === 'signed-in';

/** Load the contact list once signed in; forget it on sign-out. */
function followSignIn(store: RosterStore): () => void {
  if (isSignedIn(store.getState())) {
    void store.getState().loadContacts();
    void store.getState().loadPresence();
    void store.getState().loadHelpdeskAccess();
    void store.getState().loadUpcoming();
  }
  return store.subscribe((state, previous) => {
    if (isSignedIn(state) && !isSignedIn(previous)) {
      void state.loadContacts();
      void state.loadPresence();
      void state.loadHelpdeskAccess();
      void state.loadUpcoming();
    } else if (!isSignedIn(state) && isSignedIn(previous)) {
      state.resetContacts();
      state.resetPresence();
      state.resetHelpdesk();
      state.resetMeetings();
    }
  });
}

/**
 * A feature turned on while signed in (the policy file changed, the user joined a pilot): load what
 * it shows. The Help desk's access is asked again on any change, as the policy may open the view.
 */
function followFeatures(store: RosterStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.features === previous.features || !isSignedIn(state)) return;
    void state.loadHelpdeskAccess();
    const presenceOn = featureOn(state.features, 'presence');
    if (presenceOn && !featureOn(previous.features, 'presence')) void state.loadPresence();
    if (!presenceOn && featureOn(previous.features, 'presence')) state.resetPresence();
  });
}

// Conversation history (issue 23)
/**
 * The History view gives way to what the user opens next (a contact, a member, the meetings
 * view), and it is all forgotten on sign-out or when the feature is turned off.
 */
function followHistory(store: RosterStore): () => void {
  return store.subscribe((state, previous) => {
    const off = !featureOn(state.features, 'history') && featureOn(previous.features, 'history');
    if ((!isSignedIn(state) && isSignedIn(previous)) || off) {
      state.resetHistory();
      return;
    }
    if (
      state.historyOpen &&
      previous.historyOpen &&
      (state.selectedContactId !== previous.selectedContactId ||
        state.selectedMember !== previous.selectedMember ||
        state.meetingView !== previous.meetingView)
    )
      state.showHistory(false);
  });
}

// Voice mail (issue 23)
/**
 * The voice-mail list follows sign-in and the feature (loaded when both are on, for the view and
 * the missed-call badges; forgotten when either goes), and the view closes when the detail pane
 * is asked for something else (a contact, a member, a meeting view).
 */
function followVoicemail(store: RosterStore): () => void {
  const wanted = (s: RosterState): boolean => isSignedIn(s) && featureOn(s.features, 'voicemail');
  if (wanted(store.getState())) void store.getState().loadVoicemail();
  return store.subscribe((state, previous) => {
    if (wanted(state) && !wanted(previous)) void state.loadVoicemail();
    else if (!wanted(state) && wanted(previous)) state.resetVoicemail();
    if (
      state.voicemailOpen &&
      previous.voicemailOpen &&
      (state.selectedContactId !== previous.selectedContactId ||
        state.selectedMember !== previous.selectedMember ||
        state.meetingView !== previous.meetingView)
    )
      state.closeVoicemail();
  });
}

const RosterStoreContext = createContext<RosterStore | null>(null);

export function RosterStoreProvider({ store, children }: { store: RosterStore; children: ReactNode }) {
  return createElement(RosterStoreContext.Provider, { value: store }, children);
}

export function useRosterStore(): RosterStore {
  const store = useContext(RosterStoreContext);
  if (!store) throw new Error('useRoster must be used inside <RosterStoreProvider>.');
  return store;
}

/**
 * Whether a feature is on: views hide what is off (false until main has answered). The meeting
 * views use `useFeature('meetings')`.
 */
export function useFeature(id: FeatureId): boolean {
  return useRoster((s) => featureOn(s.features, id));
}

/** Photos are drawn when the user wants them and the feature is on. */
export function useShowPhotos(): boolean {
  return useRoster((s) => (s.settings?.showPhotos ?? true) && featureOn(s.features, 'photos'));
}

/** Read from the store with a selector (re-renders when the selected value changes). */
export function useRoster<T>(selector: (state: RosterState) => T): T {
  return useStore(useRosterStore(), selector);
}
