/**
 * Meetings: find a time everyone is free (one GetUserAvailability for the attendees and me, read
 * by presence's mappings and zones, proposals from slots.ts), create the online meeting through
 * the injected OnlineMeetingProvider and send the invitation (CreateItem, SendToAllAndSaveCopy),
 * list my upcoming meetings (CalendarView, then GetItem for attendees and the body), cancel one I
 * organise and decline one I was invited to. This file only wires; the rules and mappings are in
 * findtime.ts, slots.ts, invitation.ts and upcoming.ts.
 *
 * Every dependency is handed in; no Electron, no shell, no simulator.
 */
import {
  OnlineMeetingOptions,
  type ChannelName,
  type ChannelRequestParsed,
  type ChannelResponse,
  type FindTimeResult,
  type Meeting,
  type MeetingConflict,
  type ScheduleMeetingResult,
} from '../../../preload/contract';
import type { ExchangeClient } from '../../exchange/client';
import { MAX_MAILBOXES } from '../../exchange/operations/availability';
import type { CalendarItem } from '../../exchange/operations/calendar';
import { isOutcomeUnknown } from '../../exchange/retry';
import { AppError } from '../../errors';
import type { Logger } from '../../log/logger';
import { toSchedule } from '../presence/map';
import type { Span } from '../presence/rules';
import type { PersonSchedule, Zone } from '../presence/types';
import { ianaZone, startOfLocalDay } from '../presence/zones';
import { checkWindow, conflictsFor, gridRow, searchWindow, toMeetingSlot, type GridPerson } from './findtime';
import { invitationBody, onlineLocation, textToHtml } from './invitation';
import type { OnlineMeeting, OnlineMeetingProvider, ProviderStatus } from './online';
import { findSlots } from './slots';
import { joinLinkOf, toMeeting } from './upcoming';

/** What the service asks of the EWS client (tests hand in a fake with just these). */
export type MeetingsClient = Pick<
  ExchangeClient,
  | 'email'
  | 'getUserAvailability'
  | 'createMeeting'
  | 'findCalendarView'
  | 'getCalendarItems'
  | 'cancelMeeting'
  | 'respondToMeeting'
>;

export interface MeetingsDeps<C extends MeetingsClient = ExchangeClient> {
  client: () => C | null;
  /** The online-meeting provider for a signed-in client (made once per client, it caches its status). */
  onlineMeetings: (client: C) => OnlineMeetingProvider;
  /** A name to show for an address (the contact list's), when the request gives none. */
  displayName?: (email: string) => string | undefined;
  /** `meetingsChanged`: my calendar changed here. */
  emit: () => void;
  /** Presence re-reads the calendars (the attendees' presence for the slot changes). */
  refreshPresence: () => Promise<unknown>;
  log: Logger;
  clock?: { now(): number };
  /** The organiser's zone (this computer's). */
  organizer?: Zone;
}

/** A channel's request as the router hands it over: checked, defaults filled in. */
type Req<K extends ChannelName> = ChannelRequestParsed<K>;

export interface MeetingsService {
  findTime(req: Req<'findMeetingTime'>, signal?: AbortSignal): Promise<FindTimeResult>;
  checkTime(req: Req<'checkMeetingTime'>, signal?: AbortSignal): Promise<{ conflicts: MeetingConflict[] }>;
  onlineStatus(signal?: AbortSignal): Promise<ChannelResponse<'getOnlineMeetingStatus'>>;
  schedule(req: Req<'scheduleMeeting'>, signal?: AbortSignal): Promise<ScheduleMeetingResult>;
  upcoming(
    req: Req<'listUpcomingMeetings'>,
    signal?: AbortSignal,
  ): Promise<ChannelResponse<'listUpcomingMeetings'>>;
  cancel(req: Req<'cancelMeeting'>, signal?: AbortSignal): Promise<{ cancelled: true }>;
  decline(req: Req<'declineMeeting'>, signal?: AbortSignal): Promise<{ declined: true }>;
}

const DAY = 86_400_000;
/** GetItem ids per call when reading the upcoming meetings' details. */
const GET_ITEM_BATCH = 50;
const key = (e: string): string => e.trim().toLowerCase();
const iso = (ms: number): string => new Date(ms).toISOString();

export const ONLINE_UNAVAILABLE = 'OnlineMeetingUnavailable';

/** Provider failures that mean "no online-meeting service now": the form offers a plain meeting. */
function unavailable(err: unknown, provider: string): AppError | undefined {
  const kind = (err as { kind?: unknown } | null)?.kind;
  if (kind !== 'unavailable' && kind !== 'network') return undefined;
  const reason = err instanceof Error && err.message ? ` ${err.message}` : '';
  return new AppError('unavailable', `Online meetings cannot be created now (${provider}).${reason}`, {
    code: ONLINE_UNAVAILABLE,
  });
}

export function createMeetingsService<C extends MeetingsClient>(deps: MeetingsDeps<C>): MeetingsService {
  const clock = deps.clock ?? { now: () => Date.now() };
  const organizer = deps.organizer ?? ianaZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const log = deps.log;
  let providerFor: { client: C; provider: OnlineMeetingProvider } | null = null;
  /** Join links of online meetings created in this session → their ids (when the body lost our mark). */
  const created = new Map<string, string>();

  const client = (): C => {
    const c = deps.client();
    if (!c) throw new AppError('auth', 'Sign in to schedule meetings.', { code: 'SignedOut' });
    return c;
  };
  const provider = (c: C): OnlineMeetingProvider => {
    if (providerFor?.client !== c) providerFor = { client: c, provider: deps.onlineMeetings(c) };
    return providerFor.provider;
  };
  const nameOf = (email: string, given?: string): string =>
    given?.trim() || deps.displayName?.(email) || email;

  /** Everyone's schedule over a window: one GetUserAvailability per 100 mailboxes (me included). */
  const schedules = async (
    c: C,
    emails: readonly string[],
    window: Span,
    signal?: AbortSignal,
  ): Promise<Map<string, PersonSchedule>> => {
    const list = [...new Set(emails.map(key))];
    const batches: string[][] = [];
    for (let i = 0; i < list.length; i += MAX_MAILBOXES) batches.push(list.slice(i, i + MAX_MAILBOXES));
    const range = { fromMs: window.startMs, toMs: window.endMs };
    const out = new Map<string, PersonSchedule>();
    await Promise.all(
      batches.map(async (mailboxes) => {
        const answers = await c.getUserAvailability(
          { mailboxes, start: iso(window.startMs), end: iso(window.endMs), view: 'DetailedMerged' },
          signal ? { signal } : undefined,
        );
        for (const a of answers) out.set(key(a.email), toSchedule(a, range));
      }),
    );
    // A mailbox the server left out of its answer is unknown, never free.
    for (const e of list) if (!out.has(e)) out.set(e, { ...range, events: [], unknown: 'error' });
    return out;
  };

  /** Me first (required), then the attendees in the request's order, without repeats. */
  const people = (
    c: C,
    attendees: ReadonlyArray<{ email: string; displayName?: string | undefined; required: boolean }>,
  ): Array<{ email: string; displayName: string; required: boolean; self: boolean }> => {
    const me = key(c.email);
    const out = [{ email: me, displayName: nameOf(me), required: true, self: true }];
    const seen = new Set([me]);
    for (const a of attendees) {
      const e = key(a.email);
      if (seen.has(e)) continue;
      seen.add(e);
      out.push({ email: e, displayName: nameOf(e, a.displayName), required: a.required, self: false });
    }
    return out;
  };

  const changed = (): void => {
    deps.emit();
    void deps.refreshPresence().catch((err: unknown) => log.info('presence did not refresh', { err }));
  };

  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : undefined);

  /** The items' details (attendees, body, my answer), in CalendarView's order. */
  const details = async (
    c: C,
    items: readonly CalendarItem[],
    signal?: AbortSignal,
  ): Promise<CalendarItem[]> => {
    const out: CalendarItem[] = [];
    for (let i = 0; i < items.length; i += GET_ITEM_BATCH) {
      const batch = items.slice(i, i + GET_ITEM_BATCH);
      try {
        out.push(
          ...(await c.getCalendarItems(
            batch.map((x) => ({ id: x.id, ...(x.changeKey ? { changeKey: x.changeKey } : {}) })),
            withSignal(signal),
          )),
        );
      } catch (err) {
        // An item gone since the view was read (or an occurrence id a server will not open): the
        // view's own fields still list the meetings, without attendees and link, rather than none.
        const kind = (err as { kind?: unknown } | null)?.kind;
        if (signal?.aborted || (kind !== 'not-found' && kind !== 'bad-input')) throw err;
        log.warn('meeting details could not be read; the calendar view is shown as it is', { err });
        out.push(...batch);
      }
    }
    return out;
  };

  return {
    async findTime(req, signal) {
      const c = client();
      const window = searchWindow(clock.now(), req, organizer);
      const who = people(c, req.attendees);
      const got = await schedules(
        c,
        who.map((p) => p.email),
        window.fetch,
        signal,
      );
      const persons: GridPerson[] = who.map((p) => ({ ...p, schedule: got.get(p.email)! }));
      const proposals = findSlots({
        attendees: persons,
        durationMinutes: req.durationMinutes,
        fromMs: window.fromMs,
        toMs: window.toMs,
        organizer,
      });
      const dayStart =
        window.dayMs ??
        (proposals[0] ? startOfLocalDay(organizer, proposals[0].startMs) : window.fetch.startMs);
      const day = { startMs: dayStart, endMs: startOfLocalDay(organizer, dayStart, 1) };
      return {
        slots: proposals.map(toMeetingSlot),
        day: { start: iso(day.startMs), end: iso(day.endMs) },
        rows: persons.map((p) => gridRow(p, day)),
      };
    },

    async checkTime(req, signal) {
      const c = client();
      const slot = { startMs: Date.parse(req.start), endMs: Date.parse(req.end) };
      const window = checkWindow(slot.startMs, slot.endMs, organizer);
      const who = people(c, req.attendees);
      const got = await schedules(
        c,
        who.map((p) => p.email),
        window,
        signal,
      );
      return {
        conflicts: conflictsFor(
          who.map((p) => ({ ...p, schedule: got.get(p.email)! })),
          slot,
        ),
      };
    },

    async onlineStatus(signal) {
      const p = provider(client());
      let s: ProviderStatus;
      try {
        s = await p.status(signal);
      } catch (err) {
        log.info('the online-meeting service did not answer', { err });
        return { available: false, provider: p.name, reason: 'The online-meeting service did not answer.' };
      }
      return s.available
        ? { available: true, provider: s.provider }
        : { available: false, provider: s.provider, reason: s.reason };
    },

    async schedule(req, signal) {
      const c = client();
      const startMs = Date.parse(req.start);
      const endMs = Date.parse(req.end);
      if (!(endMs > startMs)) throw new AppError('bad-input', 'The meeting must end after it starts.');
      const me = key(c.email);
      const attendees = people(c, req.attendees).filter((p) => !p.self);
      if (attendees.length === 0) throw new AppError('bad-input', 'Invite at least one other person.');
      const required = attendees.filter((a) => a.required).map((a) => a.email);
      const optional = attendees.filter((a) => !a.required).map((a) => a.email);

      let online: OnlineMeeting | undefined;
      const p = req.online ? provider(c) : undefined;
      if (p) {
        const options = OnlineMeetingOptions.parse(req.options ?? {});
        try {
          online = await p.create(
            {
              subject: req.subject,
              attendees: attendees.map((a) => a.email),
              startMs,
              endMs,
              access: options.access,
              lobbyBypassForPhoneUsers: options.lobbyBypassForPhoneUsers,
              presenters: options.presenters,
              presenterEmails: options.presenterEmails,
            },
            signal,
          );
        } catch (err) {
          throw unavailable(err, p.name) ?? err;
        }
      }

      const removeOnline = async (why: string): Promise<void> => {
        if (!p || !online) return;
        try {
          await p.remove(online.id);
        } catch (err) {
          log.warn(`the online meeting could not be removed after ${why}`, { err });
        }
      };

      let body;
      try {
        body = invitationBody({
          language: req.language,
          subject: req.subject,
          agenda: req.agenda,
          ...(online ? { online } : {}),
        });
      } catch {
        await removeOnline('a bad join link');
        throw new AppError('server', 'The online-meeting service gave a join link that is not https.', {
          code: 'BadJoinLink',
        });
      }
      const location = req.location?.trim() || (online ? onlineLocation(req.language) : undefined);
      let id;
      try {
        id = await c.createMeeting(
          {
            subject: req.subject,
            body: body.html,
            start: iso(startMs),
            end: iso(endMs),
            ...(location ? { location } : {}),
            required,
            ...(optional.length ? { optional } : {}),
          },
          withSignal(signal),
        );
      } catch (err) {
        // A lost answer may hide an invitation that went out: its link must keep working.
        if (!isOutcomeUnknown(err)) await removeOnline('the invitation failed');
        throw err;
      }
      if (online) created.set(online.joinUrl, online.id);
      changed();
      const meeting: Meeting = {
        id: id.id,
        ...(id.changeKey ? { changeKey: id.changeKey } : {}),
        subject: req.subject,
        start: iso(startMs),
        end: iso(endMs),
        ...(location ? { location } : {}),
        organizer: { email: me, displayName: nameOf(me) },
        isOrganizer: true,
        myResponse: 'organizer',
        attendees: attendees.map((a) => ({
          email: a.email,
          displayName: a.displayName,
          required: a.required,
          response: 'no-response',
        })),
        ...(online ? { joinUrl: online.joinUrl } : {}),
        isAllDay: false,
        isRecurring: false,
        isCancelled: false,
      };
      return { meeting, online: online ? 'created' : 'not-requested' };
    },

    async upcoming(req, signal) {
      const c = client();
      const fromMs = clock.now();
      const toMs = fromMs + req.days * DAY;
      const view = await c.findCalendarView({ start: iso(fromMs), end: iso(toMs) }, withSignal(signal));
      if (!view.includesLastItemInRange) log.info('the calendar view was cut short by the server');
      const items = await details(c, view.items, signal);
      const me = key(c.email);
      return {
        from: iso(fromMs),
        to: iso(toMs),
        meetings: items
          .map((i) => toMeeting(i, me))
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      };
    },

    async cancel(req, signal) {
      const c = client();
      const ref = { id: req.id, ...(req.changeKey ? { changeKey: req.changeKey } : {}) };
      // Read first: the join link says whether an online meeting of ours goes with it.
      const [item] = await c.getCalendarItems([ref], withSignal(signal));
      const link = item ? joinLinkOf(item) : undefined;
      const onlineId = link ? (link.onlineMeetingId ?? created.get(link.url)) : undefined;
      await c.cancelMeeting(ref, req.message ? textToHtml(req.message) : undefined, withSignal(signal));
      if (onlineId) {
        try {
          await provider(c).remove(onlineId, signal);
          if (link) created.delete(link.url);
        } catch (err) {
          log.warn('the online meeting could not be removed after the cancellation', { err });
        }
      }
      changed();
      return { cancelled: true };
    },

    async decline(req, signal) {
      const c = client();
      const ref = { id: req.id, ...(req.changeKey ? { changeKey: req.changeKey } : {}) };
      await c.respondToMeeting(
        ref,
        'decline',
        req.message ? textToHtml(req.message) : undefined,
        withSignal(signal),
      );
      changed();
      return { declined: true };
    },
  };
}

/** The provider when none is set up: online meetings are unavailable, and say why. */
export function noOnlineMeetings(reason = 'No online-meeting service is set up'): OnlineMeetingProvider {
  const fail = (): Promise<never> =>
    Promise.reject(new AppError('unavailable', reason, { code: ONLINE_UNAVAILABLE }));
  return {
    name: 'none',
    status: () => Promise.resolve({ available: false, provider: 'none', reason }),
    create: fail,
    remove: () => Promise.resolve(),
  };
}
