import type { StoreApi } from 'zustand';
import type {
  FindTimeResult,
  Meeting,
  MeetingConflict,
  OnlineMeetingOptions,
  Result,
  RosterApi,
  RosterError,
  ScheduleMeetingRequest,
  ScheduleMeetingResult,
} from '../../preload/contract';
import { call } from './call';

/** What the detail pane shows: the contact card, the scheduler, or my upcoming meetings. */
export type MeetingView = 'card' | 'scheduler' | 'upcoming';

export type DraftAttendee = { email: string; displayName: string; required: boolean };

export type MeetingOptionsDraft = Required<Omit<OnlineMeetingOptions, 'presenterEmails'>>;

/** The scheduler's form: it survives going to a card and back. */
export type MeetingDraft = {
  attendees: readonly DraftAttendee[];
  subject: string;
  durationMinutes: number;
  agenda: string;
  online: boolean;
  options: MeetingOptionsDraft;
  /** Presenters when `options.presenters` is `people-i-choose` (lower-case addresses). */
  presenterEmails: readonly string[];
  /** The chosen start (ISO instant), from a proposal, the grid or typed by hand. */
  start: string | null;
  /** The chosen start came from a proposal (already known free): no check needed. */
  startFromProposal: boolean;
};

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; value?: T }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: RosterError; value?: T };

export type SendState =
  | { status: 'idle' }
  | { status: 'sending'; online: boolean }
  | { status: 'sent'; result: ScheduleMeetingResult }
  | { status: 'failed'; error: RosterError; online: boolean };

export type UpcomingState = Loadable<{ from: string; to: string; meetings: readonly Meeting[] }>;

export type MeetingsSlice = {
  meetingView: MeetingView;
  meetingDraft: MeetingDraft;
  meetingFind: Loadable<FindTimeResult>;
  meetingCheck: Loadable<readonly MeetingConflict[]>;
  meetingSend: SendState;
  onlineMeetingStatus: { available: boolean; reason?: string } | null;
  upcoming: UpcomingState;
  /** When the upcoming list last answered (store clock, ms), or null. */
  upcomingLoadedAt: number | null;
  /** The clock the banner and the upcoming list read (injected: tests pass fake time). */
  meetingsNow: () => number;

  showMeetingView: (view: MeetingView) => void;
  /** Open the scheduler with these people (a new draft when they differ from the current one). */
  startMeeting: (people: ReadonlyArray<{ email: string; displayName: string }>) => void;
  updateDraft: (patch: Partial<MeetingDraft>) => void;
  addAttendee: (person: { email: string; displayName: string }) => void;
  removeAttendee: (email: string) => void;
  setAttendeeRequired: (email: string, required: boolean) => void;
  /** Ask for proposals and the grid (for `day`, any instant of the day to show). */
  findMeetingTime: (day?: string) => Promise<void>;
  /** Choose a start; a time picked by hand is checked for conflicts. */
  chooseStart: (start: string, fromProposal: boolean) => Promise<void>;
  sendInvitation: (online: boolean, language: 'en' | 'fr') => Promise<boolean>;
  loadUpcoming: () => Promise<void>;
  cancelMeeting: (meeting: Meeting, message: string) => Promise<RosterError | null>;
  declineMeeting: (meeting: Meeting, message: string) => Promise<RosterError | null>;
  resetMeetings: () => void;
};

type Set = StoreApi<MeetingsSlice>['setState'];
type Get = StoreApi<MeetingsSlice>['getState'];

export const UPCOMING_DAYS = 7;
export const DEFAULT_DURATION = 30;

const key = (email: string): string => email.trim().toLowerCase();

export function newDraft(people: ReadonlyArray<{ email: string; displayName: string }> = []): MeetingDraft {
  const attendees: DraftAttendee[] = [];
  for (const p of people)
    if (!attendees.some((a) => key(a.email) === key(p.email)))
      attendees.push({ email: p.email, displayName: p.displayName, required: true });
  return {
    attendees,
    subject: '',
    durationMinutes: DEFAULT_DURATION,
    agenda: '',
    online: true,
    options: { access: 'same-enterprise', lobbyBypassForPhoneUsers: false, presenters: 'same-enterprise' },
    presenterEmails: [],
    start: null,
    startFromProposal: false,
  };
}

const initial = {
  meetingView: 'card' as MeetingView,
  meetingFind: { status: 'idle' } as Loadable<FindTimeResult>,
  meetingCheck: { status: 'idle' } as Loadable<readonly MeetingConflict[]>,
  meetingSend: { status: 'idle' } as SendState,
  onlineMeetingStatus: null,
  upcoming: { status: 'idle' } as UpcomingState,
  upcomingLoadedAt: null as number | null,
};

/** The banner's list is read again when older than this (meetings made in Outlook show up too). */
export const UPCOMING_STALE_MS = 5 * 60_000;

const attendeesOf = (draft: MeetingDraft) =>
  draft.attendees.map((a) => ({ email: a.email, displayName: a.displayName, required: a.required }));

/** The request "Send invitation" makes from the draft; in person drops the online options. */
export function scheduleRequest(
  draft: MeetingDraft,
  online: boolean,
  language: 'en' | 'fr',
): ScheduleMeetingRequest | null {
  if (!draft.start || draft.attendees.length === 0 || !draft.subject.trim()) return null;
  const start = Date.parse(draft.start);
  const end = new Date(start + draft.durationMinutes * 60_000).toISOString();
  const request: ScheduleMeetingRequest = {
    attendees: attendeesOf(draft),
    subject: draft.subject.trim(),
    start: new Date(start).toISOString(),
    end,
    agenda: draft.agenda,
    online,
    language,
  };
  if (online) {
    const emails = new Set(draft.attendees.map((a) => key(a.email)));
    request.options = {
      ...draft.options,
      presenterEmails:
        draft.options.presenters === 'people-i-choose'
          ? draft.presenterEmails.filter((e) => emails.has(e))
          : [],
    };
  }
  return request;
}

export function createMeetingsSlice(api: RosterApi, now: () => number = Date.now) {
  return (set: Set, get: Get): MeetingsSlice => {
    /** Answers that arrive after a newer question are dropped. */
    let findSeq = 0;
    let checkSeq = 0;
    let upcomingSeq = 0;

    /** The draft's people or duration changed: the proposals and checks no longer hold. */
    const stale = (patch: Partial<MeetingDraft>): void => {
      findSeq++;
      checkSeq++;
      set({
        meetingDraft: { ...get().meetingDraft, ...patch },
        meetingFind: { status: 'idle' },
        meetingCheck: { status: 'idle' },
        meetingSend: { status: 'idle' },
      });
    };

    const loadOnlineStatus = async (): Promise<void> => {
      const r = await call(() => api.getOnlineMeetingStatus());
      set({
        onlineMeetingStatus: r.ok
          ? { available: r.value.available, ...(r.value.reason ? { reason: r.value.reason } : {}) }
          : null,
      });
    };

    /** Cancelling and declining say the same thing about a meeting: which one, and a message. */
    const answerTo = (meeting: Meeting, message: string) => ({
      id: meeting.id,
      ...(meeting.changeKey ? { changeKey: meeting.changeKey } : {}),
      message,
    });
    /** Either answer sent: the upcoming list reloads; a failure is handed back to the view. */
    const settle = (r: Result<unknown>): RosterError | null => {
      if (!r.ok) return r.error;
      void get().loadUpcoming();
      return null;
    };

    return {
      ...initial,
      meetingDraft: newDraft(),
      meetingsNow: now,

      showMeetingView: (view) => {
        set({ meetingView: view });
        if (view === 'upcoming') void get().loadUpcoming();
      },
      startMeeting: (people) => {
        const draft = get().meetingDraft;
        const same =
          draft.attendees.length === people.length &&
          people.every((p) => draft.attendees.some((a) => key(a.email) === key(p.email)));
        if (!same || get().meetingSend.status === 'sent') {
          findSeq++;
          checkSeq++;
          set({
            meetingDraft: newDraft(people),
            meetingFind: { status: 'idle' },
            meetingCheck: { status: 'idle' },
            meetingSend: { status: 'idle' },
          });
        }
        set({ meetingView: 'scheduler' });
        void loadOnlineStatus();
      },
      updateDraft: (patch) => {
        if ('durationMinutes' in patch && patch.durationMinutes !== get().meetingDraft.durationMinutes) {
          const start = get().meetingDraft.start;
          stale(patch);
          // The same start with another length (a proposal was for the old one): check it again.
          if (start) void get().chooseStart(start, false);
          return;
        }
        set({ meetingDraft: { ...get().meetingDraft, ...patch } });
      },
      addAttendee: (person) => {
        const draft = get().meetingDraft;
        if (draft.attendees.some((a) => key(a.email) === key(person.email))) return;
        stale({
          attendees: [...draft.attendees, { ...person, required: true }],
          start: null,
          startFromProposal: false,
        });
      },
      removeAttendee: (email) => {
        const draft = get().meetingDraft;
        stale({
          attendees: draft.attendees.filter((a) => key(a.email) !== key(email)),
          presenterEmails: draft.presenterEmails.filter((e) => e !== key(email)),
          start: null,
          startFromProposal: false,
        });
      },
      setAttendeeRequired: (email, required) => {
        const draft = get().meetingDraft;
        stale({
          attendees: draft.attendees.map((a) => (key(a.email) === key(email) ? { ...a, required } : a)),
          start: null,
          startFromProposal: false,
        });
      },
      findMeetingTime: async (day) => {
        const draft = get().meetingDraft;
        if (draft.attendees.length === 0) return;
        const seq = ++findSeq;
        const before = get().meetingFind;
        set({
          meetingFind: {
            status: 'loading',
            ...('value' in before && before.value ? { value: before.value } : {}),
          },
        });
        const r = await call(() =>
          api.findMeetingTime({
            attendees: attendeesOf(draft),
            durationMinutes: draft.durationMinutes,
            ...(day ? { day } : {}),
          }),
        );
        if (seq !== findSeq) return;
        set({
          meetingFind: r.ok ? { status: 'loaded', value: r.value } : { status: 'failed', error: r.error },
        });
      },
      chooseStart: async (start, fromProposal) => {
        const seq = ++checkSeq;
        set({
          meetingDraft: { ...get().meetingDraft, start, startFromProposal: fromProposal },
          meetingSend: { status: 'idle' },
          meetingCheck: fromProposal ? { status: 'idle' } : { status: 'loading' },
        });
        if (fromProposal) return;
        const draft = get().meetingDraft;
        if (draft.attendees.length === 0) return set({ meetingCheck: { status: 'idle' } });
        const startMs = Date.parse(start);
        const r = await call(() =>
          api.checkMeetingTime({
            attendees: attendeesOf(draft),
            start: new Date(startMs).toISOString(),
            end: new Date(startMs + draft.durationMinutes * 60_000).toISOString(),
          }),
        );
        if (seq !== checkSeq) return;
        set({
          meetingCheck: r.ok
            ? { status: 'loaded', value: r.value.conflicts }
            : { status: 'failed', error: r.error },
        });
      },
      sendInvitation: async (online, language) => {
        const request = scheduleRequest(get().meetingDraft, online, language);
        if (!request || get().meetingSend.status === 'sending') return false;
        set({ meetingSend: { status: 'sending', online } });
        const r = await call(() => api.scheduleMeeting(request));
        if (r.ok) {
          set({ meetingSend: { status: 'sent', result: r.value } });
          return true;
        }
        set({ meetingSend: { status: 'failed', error: r.error, online } });
        return false;
      },
      loadUpcoming: async () => {
        const seq = ++upcomingSeq;
        const before = get().upcoming;
        const value = 'value' in before ? before.value : undefined;
        set({ upcoming: { status: 'loading', ...(value ? { value } : {}) } });
        const r = await call(() => api.listUpcomingMeetings({ days: UPCOMING_DAYS }));
        if (seq !== upcomingSeq) return;
        set({
          upcoming: r.ok
            ? { status: 'loaded', value: r.value }
            : { status: 'failed', error: r.error, ...(value ? { value } : {}) },
          upcomingLoadedAt: now(),
        });
      },
      cancelMeeting: async (meeting, message) =>
        settle(await call(() => api.cancelMeeting(answerTo(meeting, message)))),
      declineMeeting: async (meeting, message) =>
        settle(await call(() => api.declineMeeting(answerTo(meeting, message)))),
      resetMeetings: () => {
        findSeq++;
        checkSeq++;
        upcomingSeq++;
        set({ ...initial, meetingDraft: newDraft() });
      },
    };
  };
}

/** My calendar changed (scheduled, cancelled, declined here): the upcoming list reloads. */
export function connectMeetings(api: RosterApi, _set: Set, get: Get): () => void {
  return api.on('meetingsChanged', () => {
    if (get().upcoming.status !== 'idle') void get().loadUpcoming();
  });
}
