import type { StoreApi } from 'zustand';
import type {
  ChannelRequest,
  HelpdeskBatchReport,
  HelpdeskProgress,
  RosterApi,
  RosterError,
} from '../../preload/contract';
import { call } from './call';

type Check = NonNullable<HelpdeskProgress['check']>;

/** One user of a run, as it fills in: checks arrive one by one, the verdict last. */
export type HelpdeskRow = {
  email: string;
  checks: readonly Check[];
  verdict: 'pass' | 'warn' | 'fail' | null;
};

export type HelpdeskSlice = {
  /** The account holds ApplicationImpersonation: the Help desk view is offered. */
  helpdeskAllowed: boolean;
  helpdeskRows: readonly HelpdeskRow[];
  helpdeskRunning: boolean;
  helpdeskDone: number;
  helpdeskResult: { report: HelpdeskBatchReport; html: string } | null;
  helpdeskError: RosterError | null;
  loadHelpdeskAccess: () => Promise<void>;
  runHelpdesk: (users: ChannelRequest<'verifyUcs'>['users']) => Promise<void>;
  resetHelpdesk: () => void;
};

type Set = StoreApi<HelpdeskSlice>['setState'];
type Get = StoreApi<HelpdeskSlice>['getState'];

const initial = {
  helpdeskAllowed: false,
  helpdeskRows: [] as readonly HelpdeskRow[],
  helpdeskRunning: false,
  helpdeskDone: 0,
  helpdeskResult: null,
  helpdeskError: null,
};

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createHelpdeskSlice(api: RosterApi) {
  return (set: Set, get: Get): HelpdeskSlice => ({
    ...initial,
    loadHelpdeskAccess: async () => {
      const result = await call(() => api.getHelpdeskAccess());
      set({ helpdeskAllowed: result.ok && result.value.allowed });
    },
    runHelpdesk: async (users) => {
      if (get().helpdeskRunning) return;
      set({
        helpdeskRunning: true,
        helpdeskDone: 0,
        helpdeskResult: null,
        helpdeskError: null,
        helpdeskRows: users.map((u) => ({ email: u.email, checks: [], verdict: null })),
      });
      const result = await call(() => api.verifyUcs({ users }));
      if (result.ok) {
        const byUser = result.value.report.users;
        set({
          helpdeskRunning: false,
          helpdeskResult: result.value,
          helpdeskDone: byUser.length,
          helpdeskRows: byUser.map((u) => ({ email: u.user, checks: u.checks, verdict: u.verdict })),
        });
      } else set({ helpdeskRunning: false, helpdeskError: result.error });
    },
    resetHelpdesk: () => set({ ...initial }),
  });
}

/** Live progress: each finished check and each finished user, by event from main. */
export function connectHelpdesk(api: RosterApi, set: Set, get: Get): () => void {
  return api.on('helpdeskProgress', (p) => {
    if (!get().helpdeskRunning) return;
    const rows = get().helpdeskRows.map((row) => {
      if (!same(row.email, p.user)) return row;
      const checks = p.check ? [...row.checks.filter((c) => c.id !== p.check?.id), p.check] : row.checks;
      return { ...row, checks, verdict: p.verdict ?? row.verdict };
    });
    set({ helpdeskRows: rows, helpdeskDone: Math.max(get().helpdeskDone, p.done) });
  });
}
