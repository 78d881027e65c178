/**
 * Presence derived from the calendar: the shapes shared by the rule table (rules.ts), the
 * boundary scheduler (schedule.ts) and the service that fetches and pushes it (index.ts).
 * Plain data; times are epoch milliseconds inside main and ISO strings on the contract.
 */
import type { BusyType } from '../../exchange/operations/availability';

/** A time zone as a function of the instant: local minus UTC, in minutes (Paris in winter: +60). */
export interface Zone {
  /** Shown on the card when known ("Europe/Paris"); EWS's availability zones have no name. */
  readonly name?: string;
  offsetMinutes(utcMs: number): number;
}

export interface ScheduleEvent {
  startMs: number;
  endMs: number;
  busyType: BusyType;
  /** Only where the server shares details (Detailed view and enough rights). */
  subject?: string;
  location?: string;
  isPrivate?: boolean;
}

export interface WorkingHoursRule {
  /** The person's own zone (from the WorkingHours TimeZone of GetUserAvailability). */
  zone: Zone;
  /** 0 = Sunday … 6 = Saturday; empty means no working day at all. */
  days: readonly number[];
  /** Minutes after local midnight; end ≤ start is read as "no hours that day" unless both are 0 (the whole day). */
  startMinutes: number;
  endMinutes: number;
}

/** Automatic replies, when we know them (GetUserOofSettings for me, GetMailTips for others). */
export interface AutoReplies {
  active: boolean;
  /** When the replies stop, when scheduled. */
  untilMs?: number;
  reply?: string;
}

/** Why presence is Unknown: kept for the card. */
export type UnknownReason = 'not-shared' | 'not-found' | 'no-data' | 'error' | 'not-loaded';

/** Everything the rule table needs about one person; fetched once, evaluated at any instant. */
export interface PersonSchedule {
  /** The window the events cover; outside it nothing is known. */
  fromMs: number;
  toMs: number;
  events: readonly ScheduleEvent[];
  workingHours?: WorkingHoursRule;
  autoReplies?: AutoReplies;
  /** The fetch failed for this person: presence is Unknown for this reason. */
  unknown?: UnknownReason;
}

export type PresenceState = 'available' | 'busy' | 'oof' | 'off-work' | 'unknown';

export interface Presence {
  state: PresenceState;
  /**
   * When the state ends: busy → the end of the merged busy block; available → the start of the
   * next busy block when it is on the same local day of the viewer ("Free until 14:00");
   * oof → the end of the OOF block or of the automatic replies, whichever is later (absent while
   * replies are on with no end); off-work → the next working-hours start. Absent when unknown or
   * open-ended.
   */
  untilMs?: number;
  /** A tentative meeting going on now (state stays available). */
  tentative?: { startMs: number; endMs: number; subject?: string };
  /** The current busy meeting's subject when shared. */
  subject?: string;
  /**
   * The next free slot of at least 30 minutes, inside working hours, today or tomorrow in the person's
   * zone. presenceAt leaves it out (while free it would start "now" and change at every instant, so
   * nextBoundary could not hold); the service adds rules.ts nextFreeSlot(schedule, now) for the card.
   */
  nextFree?: { startMs: number; endMs: number };
  /** For unknown. */
  reason?: UnknownReason;
  /** Automatic reply text, when the server let us see it. */
  oofReply?: string;
}
