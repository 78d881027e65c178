/**
 * Presence from the calendar: wires the fetch (GetUserAvailability in batches of ≤100 for today
 * and tomorrow, my OOF settings, others' MailTips for the card), the rule table (rules.ts), the
 * boundary timer (schedule.ts) and the "Tell me when free" alerts. It holds the schedules and
 * recomputes locally at every boundary; the network is asked again every refresh interval, when
 * the window regains focus, for a card whose data is older than 2 minutes, and just before an
 * alert fires.
 *
 * Every dependency is handed in; no Electron, no shell, no simulator.
 */
import type { PresenceAlert, PresenceCard, PresenceInfo, PresenceSnapshot } from '../../../preload/contract';
import type { ExchangeClient } from '../../exchange/client';
import { MAX_MAILBOXES } from '../../exchange/operations/availability';
import type { Logger } from '../../log/logger';
import type { PresenceAlertStore } from '../../store/presence-alerts';
import { AppError } from '../../errors';
import {
  fetchWindow,
  myAutoReplies,
  tipAutoReplies,
  toBlocks,
  toPresenceInfo,
  toSchedule,
  workingHoursOn,
} from './map';
import { nextBoundary, nextFreeSlot, presenceAt } from './rules';
import { createBoundaryTimer, systemClock, whenAvailable, type PresenceClock } from './schedule';
import type { AutoReplies, PersonSchedule, Zone } from './types';
import { ianaZone } from './zones';

export interface PresencePerson {
  email: string;
  displayName: string;
}

export interface PresenceDeps {
  client: () => ExchangeClient | null;
  /** The people in the contact list (with an address). */
  people: () => readonly PresencePerson[];
  emit: (snapshot: PresenceSnapshot) => void;
  alert: (alert: PresenceAlert) => void;
  alerts: PresenceAlertStore;
  log: Logger;
  clock?: PresenceClock;
  /** The viewer's zone (this computer's). */
  viewer?: Zone;
  /**
   * How often the network is asked again (15 minutes); a function is read at each use, so a
   * policy that changes it applies from the next refresh on.
   */
  refreshIntervalMs?: number | (() => number | undefined);
  /** A card whose data is older than this is read again when opened (2 minutes). */
  cardMaxAgeMs?: number;
  /** A focus refresh is skipped when the data is younger than this (1 minute). */
  focusMinAgeMs?: number;
}

export interface PresenceService {
  /** At sign-in: load the alert tags, fetch everyone, start the timers. */
  start(account: string): Promise<void>;
  /** At sign-out: stop timers, cancel fetches, forget everything (the alert file goes with the caches). */
  stop(): void;
  /** The contact list changed: fetch people not known yet. */
  peopleChanged(): void;
  snapshot(): PresenceSnapshot;
  refresh(reason: 'user' | 'focus' | 'schedule' | 'calendar'): Promise<PresenceSnapshot>;
  watch(emails: readonly string[]): number;
  card(email: string): Promise<PresenceCard>;
  setAlert(email: string, on: boolean): Promise<string[]>;
  /** Wait for the fetches in flight (tests, benchmarks). */
  idle(): Promise<void>;
}

interface Held {
  schedule: PersonSchedule;
  fetchedAtMs: number;
}

const key = (e: string): string => e.trim().toLowerCase();
/** People outside the contact list (search results, group members) followed at most. */
const MAX_EXTRA = 500;
/** An alert is checked with the server this long before it is due. */
const PRECHECK_MS = 60_000;

export function createPresenceService(deps: PresenceDeps): PresenceService {
  const clock = deps.clock ?? systemClock();
  const viewer = deps.viewer ?? ianaZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const refreshEveryMs = (): number => {
    const given = deps.refreshIntervalMs;
    return (typeof given === 'function' ? given() : given) ?? 15 * 60_000;
  };
  const cardMaxAge = deps.cardMaxAgeMs ?? 2 * 60_000;
  const focusMinAge = deps.focusMinAgeMs ?? 60_000;
  const log = deps.log;

  let account: string | null = null;
  let gen = 0;
  const held = new Map<string, Held>();
  const inFlight = new Set<string>();
  const tips = new Map<string, { replies: AutoReplies | undefined; atMs: number }>();
  let me: { held: Held | null; replies: AutoReplies | undefined } = { held: null, replies: undefined };
  /** On-screen people first (the renderer's last watch), then ever-watched people outside the list. */
  let focus: string[] = [];
  const extra = new Set<string>();
  const alerts = new Set<string>();
  /** The state each tagged person was last seen in, to fire on the change to available. */
  const lastSeen = new Map<string, string>();
  const prechecked = new Map<string, number>();
  let lastFailed = false;
  let lastFullFetchMs: number | null = null;
  let controller = new AbortController();
  const pending = new Set<Promise<unknown>>();
  let cancelRefreshTimer: (() => void) | null = null;

  const names = (): Map<string, string> =>
    new Map(deps.people().map((p) => [key(p.email), p.displayName] as const));

  const everyone = (): string[] => {
    if (!account) return [];
    const out = new Set<string>();
    for (const e of focus) out.add(e);
    for (const p of deps.people()) out.add(key(p.email));
    for (const e of extra) out.add(e);
    return [...out];
  };

  /**
   * Each person's presence is computed once per boundary: it holds from the instant it was computed
   * until their next boundary, for the schedule and automatic replies it was computed from. A
   * 1,000-person snapshot then costs a lookup per person, except at the boundaries that matter.
   */
  interface Cached {
    info: PresenceInfo;
    fromMs: number;
    untilMs: number;
    held: Held;
    replies: AutoReplies | undefined;
  }
  const cache = new Map<string, Cached>();

  const compute = (email: string, h: Held, replies: AutoReplies | undefined, nowMs: number): PresenceInfo => {
    const c = cache.get(email);
    if (c && c.held === h && c.replies === replies && nowMs >= c.fromMs && nowMs < c.untilMs) return c.info;
    const schedule = replies ? { ...h.schedule, autoReplies: replies } : h.schedule;
    const info = toPresenceInfo(email, presenceAt(schedule, nowMs, viewer), schedule, nowMs, h.fetchedAtMs);
    const untilMs = nextBoundary(schedule, nowMs, viewer) ?? Number.POSITIVE_INFINITY;
    cache.set(email, { info, fromMs: nowMs, untilMs, held: h, replies });
    return info;
  };

  const infoFor = (email: string, nowMs: number): PresenceInfo => {
    const h = held.get(email);
    if (!h) return { email, state: 'unknown', reason: 'not-loaded', fetchedAt: null };
    return compute(email, h, tips.get(email)?.replies, nowMs);
  };

  const meInfo = (nowMs: number): PresenceInfo | null => {
    if (!account) return null;
    if (!me.held) return { email: account, state: 'unknown', reason: 'not-loaded', fetchedAt: null };
    return compute(`\u0000me:${account}`, me.held, me.replies, nowMs);
  };

  const snapshot = (): PresenceSnapshot => {
    const now = clock.now();
    const people = everyone().map((e) => infoFor(e, now));
    let oldest: number | null = null;
    for (const p of people) {
      const h = held.get(p.email);
      if (h && (oldest === null || h.fetchedAtMs < oldest)) oldest = h.fetchedAtMs;
    }
    const stale = lastFailed || (oldest !== null && now - oldest > refreshEveryMs());
    return {
      asOf: new Date(now).toISOString(),
      fetchedAt: oldest === null ? null : new Date(oldest).toISOString(),
      stale,
      me: meInfo(now),
      people,
      alerts: [...alerts],
    };
  };

  // --- alerts --------------------------------------------------------------------------------

  /** Fire for tagged people who just became available; note everyone's state for next time. */
  const checkAlerts = (nowMs: number): void => {
    if (alerts.size === 0) return;
    const byName = names();
    for (const email of [...alerts]) {
      const info = infoFor(email, nowMs);
      const before = lastSeen.get(email);
      lastSeen.set(email, info.state);
      if (info.state === 'available' && before !== undefined && before !== 'available') {
        alerts.delete(email);
        lastSeen.delete(email);
        prechecked.delete(email);
        deps.alert({ email, displayName: byName.get(email) ?? email, at: new Date(nowMs).toISOString() });
        void saveAlerts();
      }
    }
  };

  const saveAlerts = async (): Promise<void> => {
    if (!account) return;
    try {
      await deps.alerts.save(account, [...alerts]);
    } catch (err) {
      log.warn('the alert tags could not be saved', { err });
    }
  };

  /** When each tagged person becomes available, by the schedule held. */
  const dueTimes = (nowMs: number): Array<{ email: string; atMs: number }> => {
    const out: Array<{ email: string; atMs: number }> = [];
    for (const email of alerts) {
      const h = held.get(email);
      if (!h) continue;
      const at = whenAvailable(h.schedule, nowMs, viewer);
      if (at !== undefined) out.push({ email, atMs: at });
    }
    return out;
  };

  /** Ask the server about tagged people whose change is due within a minute (their meeting may have moved). */
  const precheck = (nowMs: number): void => {
    const due = dueTimes(nowMs).filter(
      (d) => d.atMs - nowMs <= PRECHECK_MS && prechecked.get(d.email) !== d.atMs,
    );
    if (due.length === 0) return;
    for (const d of due) prechecked.set(d.email, d.atMs);
    void track(fetchPeople(due.map((d) => d.email)));
  };

  // --- recomputing at boundaries ------------------------------------------------------------

  const nextWake = (nowMs: number): number | undefined => {
    // Everyone's presence is fresh after a snapshot; each holds until its own boundary.
    for (const e of everyone()) infoFor(e, nowMs);
    meInfo(nowMs);
    let next: number | undefined;
    for (const c of cache.values())
      if (c.untilMs > nowMs && Number.isFinite(c.untilMs) && (next === undefined || c.untilMs < next))
        next = c.untilMs;
    for (const d of dueTimes(nowMs)) {
      const pre = d.atMs - PRECHECK_MS;
      if (pre > nowMs && (next === undefined || pre < next)) next = pre;
    }
    return next;
  };

  const recompute = (nowMs: number): void => {
    if (!account) return;
    checkAlerts(nowMs);
    precheck(nowMs);
    deps.emit(snapshot());
  };

  const timer = createBoundaryTimer(clock, nextWake, recompute);

  // --- fetching -------------------------------------------------------------------------------

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };

  /** One GetUserAvailability per ≤100 mailboxes; each batch is shown as soon as it answers. */
  const fetchPeople = async (emails: readonly string[], withMe = false): Promise<boolean> => {
    const client = deps.client();
    if (!client || !account) return false;
    const myGen = gen;
    const signal = controller.signal;
    const list = [...new Set(emails.map(key))];
    const mine = key(client.email);
    if (withMe && !list.includes(mine)) list.push(mine);
    const batches: string[][] = [];
    for (let i = 0; i < list.length; i += MAX_MAILBOXES) batches.push(list.slice(i, i + MAX_MAILBOXES));
    const window = fetchWindow(clock.now(), viewer);
    for (const e of list) inFlight.add(e);
    let failed = false;
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const answers = await client.getUserAvailability(
            {
              mailboxes: batch,
              start: new Date(window.fromMs).toISOString(),
              end: new Date(window.toMs).toISOString(),
              view: 'DetailedMerged',
            },
            { signal },
          );
          if (myGen !== gen) return;
          const at = clock.now();
          for (const a of answers) {
            const h: Held = { schedule: toSchedule(a, window), fetchedAtMs: at };
            if (key(a.email) === mine && withMe) me = { ...me, held: h };
            else held.set(key(a.email), h);
          }
          checkAlerts(at);
          deps.emit(snapshot());
        } catch (err) {
          if (signal.aborted || myGen !== gen) return;
          failed = true;
          log.warn('presence: a batch of calendars could not be read', { err, mailboxes: batch.length });
          // People never read get Unknown with the reason; people read before keep their schedule, marked stale.
          const at = clock.now();
          for (const e of batch)
            if (!held.has(e))
              held.set(e, {
                schedule: { fromMs: window.fromMs, toMs: window.toMs, events: [], unknown: 'error' },
                fetchedAtMs: at,
              });
        } finally {
          for (const e of batch) inFlight.delete(e);
        }
      }),
    );
    if (myGen === gen) timer.rearm();
    return !failed;
  };

  const fetchMyReplies = async (): Promise<void> => {
    const client = deps.client();
    if (!client || !account) return;
    const myGen = gen;
    try {
      const s = await client.getUserOofSettings(undefined, { signal: controller.signal });
      if (myGen === gen) me = { ...me, replies: myAutoReplies(s, clock.now()) };
    } catch (err) {
      if (!controller.signal.aborted) log.info('presence: my automatic replies could not be read', { err });
    }
  };

  const fetchTips = async (emails: readonly string[]): Promise<void> => {
    const client = deps.client();
    if (!client || emails.length === 0) return;
    const myGen = gen;
    try {
      const answers = await client.getOofMailTips(emails, { signal: controller.signal });
      if (myGen !== gen) return;
      const at = clock.now();
      for (const t of answers) tips.set(key(t.email), { replies: tipAutoReplies(t), atMs: at });
    } catch (err) {
      // MailTips are a bonus (the reply text): the calendar still says OOF without them.
      if (!controller.signal.aborted) log.info('presence: MailTips could not be read', { err });
    }
  };

  let refreshing: Promise<PresenceSnapshot> | null = null;
  const refresh = (reason: 'user' | 'focus' | 'schedule' | 'calendar'): Promise<PresenceSnapshot> => {
    if (!account) return Promise.resolve(snapshot());
    const now = clock.now();
    if (reason === 'focus' && lastFullFetchMs !== null && now - lastFullFetchMs < focusMinAge && !lastFailed)
      return Promise.resolve(snapshot());
    if (refreshing) return refreshing;
    const myGen = gen;
    refreshing = track(
      (async () => {
        const [ok] = await Promise.all([fetchPeople(everyone(), true), fetchMyReplies()]);
        if (myGen === gen) {
          lastFailed = !ok;
          lastFullFetchMs = clock.now();
          armRefresh();
          recompute(clock.now());
        }
        return snapshot();
      })().finally(() => {
        refreshing = null;
      }),
    );
    return refreshing;
  };

  const armRefresh = (): void => {
    cancelRefreshTimer?.();
    cancelRefreshTimer = clock.setTimer(() => void refresh('schedule'), refreshEveryMs());
  };

  /** People followed but never read and not on their way: read them now. */
  const fetchMissing = (emails: readonly string[]): void => {
    const missing = emails.filter((e) => !held.has(e) && !inFlight.has(e));
    if (missing.length && account && !refreshing) void track(fetchPeople(missing));
  };

  return {
    async start(email) {
      gen++;
      controller.abort();
      controller = new AbortController();
      account = key(email);
      held.clear();
      tips.clear();
      cache.clear();
      me = { held: null, replies: undefined };
      alerts.clear();
      lastSeen.clear();
      try {
        for (const a of await deps.alerts.load(account)) alerts.add(key(a));
      } catch (err) {
        log.warn('the alert tags could not be read', { err });
      }
      await refresh('user');
    },
    stop() {
      gen++;
      controller.abort();
      controller = new AbortController();
      timer.stop();
      cancelRefreshTimer?.();
      cancelRefreshTimer = null;
      account = null;
      held.clear();
      tips.clear();
      cache.clear();
      inFlight.clear();
      me = { held: null, replies: undefined };
      focus = [];
      extra.clear();
      alerts.clear();
      lastSeen.clear();
      prechecked.clear();
      lastFailed = false;
      lastFullFetchMs = null;
    },
    peopleChanged() {
      if (!account) return;
      fetchMissing(deps.people().map((p) => key(p.email)));
    },
    snapshot,
    refresh,
    watch(emails) {
      const inList = new Set(deps.people().map((p) => key(p.email)));
      focus = [...new Set(emails.map(key))];
      for (const e of focus) {
        if (inList.has(e)) continue;
        extra.delete(e);
        extra.add(e);
      }
      while (extra.size > MAX_EXTRA) extra.delete(extra.values().next().value as string);
      fetchMissing(focus);
      return focus.length;
    },
    async card(email) {
      const e = key(email);
      if (!account) throw new AppError('auth', 'Sign in to see presence.', { code: 'SignedOut' });
      const now = clock.now();
      const h = held.get(e);
      const tip = tips.get(e);
      const jobs: Array<Promise<unknown>> = [];
      if (!h || now - h.fetchedAtMs > cardMaxAge) jobs.push(fetchPeople([e]));
      if (!tip || now - tip.atMs > cardMaxAge) jobs.push(fetchTips([e]));
      if (e !== account && !everyone().includes(e)) {
        extra.add(e);
      }
      await Promise.all(jobs.map(track));
      const at = clock.now();
      const got = held.get(e);
      const presence = { ...infoFor(e, at) };
      const slot = got ? nextFreeSlot(got.schedule, at) : undefined;
      if (slot)
        presence.nextFree = {
          start: new Date(slot.startMs).toISOString(),
          end: new Date(slot.endMs).toISOString(),
        };
      const window = got ? { fromMs: got.schedule.fromMs, toMs: got.schedule.toMs } : fetchWindow(at, viewer);
      const card: PresenceCard = {
        presence,
        blocks: got ? toBlocks(got.schedule) : [],
        window: { start: new Date(window.fromMs).toISOString(), end: new Date(window.toMs).toISOString() },
      };
      const hours = got ? workingHoursOn(got.schedule, at) : undefined;
      if (hours)
        card.workingHours = {
          start: new Date(hours.startMs).toISOString(),
          end: new Date(hours.endMs).toISOString(),
        };
      const zoneName = got?.schedule.workingHours?.zone.name;
      if (zoneName) card.zoneName = zoneName;
      return card;
    },
    async setAlert(email, on) {
      const e = key(email);
      if (!account) throw new AppError('auth', 'Sign in to set alerts.', { code: 'SignedOut' });
      if (on) {
        alerts.add(e);
        lastSeen.delete(e);
        prechecked.delete(e);
        if (!held.has(e)) extra.add(e);
      } else {
        alerts.delete(e);
        lastSeen.delete(e);
      }
      await saveAlerts();
      // Read them now: the alert is computed from a fresh schedule, and fires at once if they are free.
      if (on) {
        await track(fetchPeople([e]));
        const now = clock.now();
        if (infoFor(e, now).state === 'available') lastSeen.set(e, 'busy');
        recompute(now);
      } else deps.emit(snapshot());
      return [...alerts];
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
