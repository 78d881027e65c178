import { describe, expect, it } from 'vitest';
import {
  mergeSpans,
  nextBoundary,
  nextFreeSlot,
  nextWorkStart,
  presenceAt,
  subtractSpans,
  workingSpans,
} from '../../../../../main/services/presence/rules';
import type {
  PersonSchedule,
  PresenceState,
  UnknownReason,
  Zone,
} from '../../../../../main/services/presence/types';
import { ianaZone, startOfLocalDay } from '../../../../../main/services/presence/zones';
import { at, dayTime, event, hours, personZone, rel, replies, when, words } from './helpers';

/**
 * One row per situation. Times in `now`, `events` and `oof` are the PERSON's wall clock (events
 * relative to now's day: "+1d08:00" is 08:00 tomorrow); `until` is the VIEWER's wall clock
 * ("Mon 08:00", empty when there is none); `words` is what a tiny English formatter makes of the
 * result (same-day times bare, other days with their date; off-work in both zones).
 * hours: "Mon-Fri 08:00-17:00"; "none …" = no working day; "—" = working hours not known.
 * oof: automatic replies, "on until +5d08:00 | reply". window: the fetched window, relative to
 * now's day (default: yesterday 00:00 to the day after tomorrow 00:00).
 */
interface Row {
  name: string;
  person: string;
  viewer: string;
  now: string;
  events: string[];
  hours: string;
  oof?: string;
  unknown?: UnknownReason;
  window?: [string, string];
  state: PresenceState;
  until: string;
  words: string;
}

const WEEK = 'Mon-Fri 08:00-17:00';
const P = 'Europe/Paris';
const NY = 'America/New_York';
const TYO = 'Asia/Tokyo';
const SYD = 'Australia/Sydney';
const WED = '2026-11-25';

// prettier-ignore
const rows: Row[] = [
  // ── free and busy, one zone ──
  { name: 'free, nothing today', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: WEEK, state: 'available', until: '', words: 'Available' },
  { name: 'free until a meeting at 14:00', person: P, viewer: P, now: `${WED} 10:00`, events: ['busy 14:00..15:00 Budget review'], hours: WEEK, state: 'available', until: 'Wed 14:00', words: 'Free until 14:00' },
  { name: 'in a meeting', person: P, viewer: P, now: `${WED} 14:30`, events: ['busy 14:00..15:30 Budget review'], hours: WEEK, state: 'busy', until: 'Wed 15:30', words: 'In a meeting until 15:30 — Budget review' },
  { name: 'a meeting starting exactly now has begun', person: P, viewer: P, now: `${WED} 14:00`, events: ['busy 14:00..15:00 Budget review'], hours: WEEK, state: 'busy', until: 'Wed 15:00', words: 'In a meeting until 15:00 — Budget review' },
  { name: 'a meeting ending exactly now is over', person: P, viewer: P, now: `${WED} 15:00`, events: ['busy 14:00..15:00 Budget review'], hours: WEEK, state: 'available', until: '', words: 'Available' },
  { name: 'back-to-back meetings are merged', person: P, viewer: P, now: `${WED} 14:10`, events: ['busy 14:00..15:00 Review', 'busy 15:00..15:30 One-to-one'], hours: WEEK, state: 'busy', until: 'Wed 15:30', words: 'In a meeting until 15:30 — Review' },
  { name: 'overlapping meetings are merged', person: P, viewer: P, now: `${WED} 14:10`, events: ['busy 14:00..15:00 Review', 'busy 14:45..16:00 Planning'], hours: WEEK, state: 'busy', until: 'Wed 16:00', words: 'In a meeting until 16:00 — Review' },
  { name: 'overlap: the meeting begun last is named', person: P, viewer: P, now: `${WED} 14:50`, events: ['busy 14:00..15:00 Review', 'busy 14:45..16:00 Planning'], hours: WEEK, state: 'busy', until: 'Wed 16:00', words: 'In a meeting until 16:00 — Planning' },
  { name: 'a five-minute gap is not merged', person: P, viewer: P, now: `${WED} 14:10`, events: ['busy 14:00..15:00 Review', 'busy 15:05..16:00 Planning'], hours: WEEK, state: 'busy', until: 'Wed 15:00', words: 'In a meeting until 15:00 — Review' },
  { name: 'a chain of three, unsorted', person: P, viewer: P, now: `${WED} 09:10`, events: ['busy 10:00..11:00 C', 'busy 09:00..09:30 A', 'busy 09:30..10:00 B'], hours: WEEK, state: 'busy', until: 'Wed 11:00', words: 'In a meeting until 11:00 — A' },
  { name: 'a private meeting is never named', person: P, viewer: P, now: `${WED} 09:30`, events: ['busy 09:00..10:00 Doctor (private)'], hours: WEEK, state: 'busy', until: 'Wed 10:00', words: 'In a meeting until 10:00' },
  { name: 'no details shared', person: P, viewer: P, now: `${WED} 09:30`, events: ['busy 09:00..10:00'], hours: WEEK, state: 'busy', until: 'Wed 10:00', words: 'In a meeting until 10:00' },
  { name: 'free until the next block, not the one after', person: P, viewer: P, now: `${WED} 08:30`, events: ['busy 16:00..17:00 Late', 'busy 11:00..12:00 Early'], hours: WEEK, state: 'available', until: 'Wed 11:00', words: 'Free until 11:00' },
  { name: 'free until an OOF block this afternoon', person: P, viewer: P, now: `${WED} 10:00`, events: ['oof 14:00..+1d00:00 Dentist'], hours: WEEK, state: 'available', until: 'Wed 14:00', words: 'Free until 14:00' },
  { name: "tomorrow's first meeting is not 'free until'", person: P, viewer: P, now: `${WED} 16:00`, events: ['busy +1d09:00..+1d10:00 Stand-up'], hours: WEEK, state: 'available', until: '', words: 'Available' },
  // ── tentative, free, working elsewhere ──
  { name: 'tentative: available, and named', person: P, viewer: P, now: `${WED} 11:15`, events: ['tent 11:00..12:00 Design review'], hours: WEEK, state: 'available', until: '', words: 'Available · tentative: Design review' },
  { name: 'tentative, then busy later today', person: P, viewer: P, now: `${WED} 11:15`, events: ['tent 11:00..12:00 Design review', 'busy 16:00..16:30 One-to-one'], hours: WEEK, state: 'available', until: 'Wed 16:00', words: 'Free until 16:00 · tentative: Design review' },
  { name: 'tentative and private: not named', person: P, viewer: P, now: `${WED} 11:15`, events: ['tent 11:00..12:00 Interview (private)'], hours: WEEK, state: 'available', until: '', words: 'Available · tentative' },
  { name: 'busy wins over tentative', person: P, viewer: P, now: `${WED} 11:15`, events: ['tent 11:00..12:00 Design review', 'busy 11:00..11:30 Call'], hours: WEEK, state: 'busy', until: 'Wed 11:30', words: 'In a meeting until 11:30 — Call' },
  { name: 'tentative under busy does not extend it', person: P, viewer: P, now: `${WED} 11:30`, events: ['busy 10:00..12:00 Workshop', 'tent 11:00..13:00 Lunch talk'], hours: WEEK, state: 'busy', until: 'Wed 12:00', words: 'In a meeting until 12:00 — Workshop' },
  { name: 'after busy, the tentative shows', person: P, viewer: P, now: `${WED} 12:00`, events: ['busy 10:00..12:00 Workshop', 'tent 11:00..13:00 Lunch talk'], hours: WEEK, state: 'available', until: '', words: 'Available · tentative: Lunch talk' },
  { name: 'a Free event counts as free', person: P, viewer: P, now: `${WED} 10:30`, events: ['free 10:00..11:00 Focus time'], hours: WEEK, state: 'available', until: '', words: 'Available' },
  { name: 'WorkingElsewhere counts as free', person: P, viewer: P, now: `${WED} 10:30`, events: ['elsewhere 08:00..17:00 Home'], hours: WEEK, state: 'available', until: '', words: 'Available' },
  // ── unknown ──
  { name: 'NoData now → unknown', person: P, viewer: P, now: `${WED} 10:30`, events: ['nodata 00:00..+1d00:00'], hours: WEEK, state: 'unknown', until: '', words: 'Unknown — no data' },
  { name: 'NoData later does not matter now', person: P, viewer: P, now: `${WED} 10:30`, events: ['nodata +1d00:00..+2d00:00'], hours: WEEK, state: 'available', until: '', words: 'Available' },
  { name: 'calendar not shared', person: P, viewer: P, now: `${WED} 10:30`, events: [], hours: WEEK, unknown: 'not-shared', state: 'unknown', until: '', words: 'Unknown — calendar not shared' },
  { name: 'mailbox not found', person: P, viewer: P, now: `${WED} 10:30`, events: [], hours: WEEK, unknown: 'not-found', state: 'unknown', until: '', words: 'Unknown — mailbox not found' },
  { name: 'an error for this person', person: P, viewer: P, now: `${WED} 10:30`, events: ['busy 10:00..11:00 X'], hours: WEEK, unknown: 'error', state: 'unknown', until: '', words: 'Unknown — error' },
  { name: 'before the fetched window', person: P, viewer: P, now: `${WED} 10:30`, events: [], hours: WEEK, window: ['+1d00:00', '+3d00:00'], state: 'unknown', until: '', words: 'Unknown — not loaded yet' },
  { name: 'at the end of the fetched window', person: P, viewer: P, now: `${WED} 10:30`, events: [], hours: WEEK, window: ['-1d00:00', '10:30'], state: 'unknown', until: '', words: 'Unknown — not loaded yet' },
  { name: 'unknown wins over automatic replies', person: P, viewer: P, now: `${WED} 10:30`, events: [], hours: WEEK, oof: 'on | Away', unknown: 'not-shared', state: 'unknown', until: '', words: 'Unknown — calendar not shared' },
  // ── out of office ──
  { name: 'OOF in the calendar, several days', person: P, viewer: P, now: `${WED} 10:00`, events: ['oof -1d00:00..+5d00:00 Holiday'], hours: WEEK, state: 'oof', until: 'Mon 00:00', words: 'Out of office until Mon 30 Nov 00:00' },
  { name: 'automatic replies with an end and a text', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: WEEK, oof: 'on until +5d08:00 | Back on Monday', state: 'oof', until: 'Mon 08:00', words: 'Out of office until Mon 30 Nov 08:00 “Back on Monday”' },
  { name: 'automatic replies with no end', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: WEEK, oof: 'on', state: 'oof', until: '', words: 'Out of office' },
  { name: 'automatic replies already ended', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: WEEK, oof: 'on until -1d18:00 | Back Tuesday', state: 'available', until: '', words: 'Available' },
  { name: 'automatic replies off: the text is not shown', person: P, viewer: P, now: `${WED} 10:00`, events: ['oof 00:00..+1d00:00'], hours: WEEK, oof: 'off | Gone fishing', state: 'oof', until: 'Thu 00:00', words: 'Out of office until Thu 26 Nov 00:00' },
  { name: 'calendar OOF then replies: until the later end', person: P, viewer: P, now: `${WED} 10:00`, events: ['oof 00:00..+1d00:00'], hours: WEEK, oof: 'on until +2d08:00 | Back Friday', state: 'oof', until: 'Fri 08:00', words: 'Out of office until Fri 27 Nov 08:00 “Back Friday”' },
  { name: 'replies then a calendar OOF that follows: until its end', person: P, viewer: P, now: `${WED} 10:00`, events: ['oof +1d00:00..+5d00:00'], hours: WEEK, oof: 'on until +1d00:00', state: 'oof', until: 'Mon 00:00', words: 'Out of office until Mon 30 Nov 00:00' },
  { name: 'OOF wins over busy', person: P, viewer: P, now: `${WED} 10:30`, events: ['oof 00:00..+1d00:00', 'busy 10:00..11:00 Review'], hours: WEEK, state: 'oof', until: 'Thu 00:00', words: 'Out of office until Thu 26 Nov 00:00' },
  { name: 'automatic replies on a weekend: oof, not off-work', person: P, viewer: P, now: '2026-11-28 11:00', events: [], hours: WEEK, oof: 'on until +2d08:00', state: 'oof', until: 'Mon 08:00', words: 'Out of office until Mon 30 Nov 08:00' },
  { name: 'Paris replies seen from Tokyo', person: P, viewer: TYO, now: `${WED} 10:00`, events: [], hours: WEEK, oof: 'on until +12d08:00 | Back 7 December', state: 'oof', until: 'Mon 16:00', words: 'Out of office until Mon 7 Dec 16:00 “Back 7 December”' },
  // ── working hours ──
  { name: 'before work', person: P, viewer: P, now: `${WED} 07:30`, events: [], hours: WEEK, state: 'off-work', until: 'Wed 08:00', words: 'Off work, back 08:00' },
  { name: 'work starts exactly now', person: P, viewer: P, now: `${WED} 08:00`, events: [], hours: WEEK, state: 'available', until: '', words: 'Available' },
  { name: 'work ends exactly now', person: P, viewer: P, now: `${WED} 17:00`, events: [], hours: WEEK, state: 'off-work', until: 'Thu 08:00', words: 'Off work, back Thu 26 Nov 08:00' },
  { name: 'a meeting outside working hours still shows busy', person: P, viewer: P, now: `${WED} 19:00`, events: ['busy 18:30..20:00 Dinner with client'], hours: WEEK, state: 'busy', until: 'Wed 20:00', words: 'In a meeting until 20:00 — Dinner with client' },
  { name: 'a tentative outside working hours stays off-work', person: P, viewer: P, now: `${WED} 19:00`, events: ['tent 18:30..20:00 Meetup'], hours: WEEK, state: 'off-work', until: 'Thu 08:00', words: 'Off work, back Thu 26 Nov 08:00' },
  { name: 'Saturday: a day with no working hours', person: P, viewer: P, now: '2026-11-28 11:00', events: [], hours: WEEK, state: 'off-work', until: 'Mon 08:00', words: 'Off work, back Mon 30 Nov 08:00' },
  { name: 'Friday evening skips the weekend', person: P, viewer: P, now: '2026-11-27 18:00', events: [], hours: WEEK, state: 'off-work', until: 'Mon 08:00', words: 'Off work, back Mon 30 Nov 08:00' },
  { name: 'weekend worker, midweek', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: 'Sun,Sat 09:00-18:00', state: 'off-work', until: 'Sat 09:00', words: 'Off work, back Sat 28 Nov 09:00' },
  { name: 'working hours with no days', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: 'none 08:00-17:00', state: 'off-work', until: '', words: 'Off work' },
  { name: 'end before start: no hours on any day', person: P, viewer: P, now: `${WED} 10:00`, events: [], hours: 'Mon-Fri 17:00-08:00', state: 'off-work', until: '', words: 'Off work' },
  { name: '00:00-00:00 is the whole day', person: P, viewer: P, now: `${WED} 03:00`, events: [], hours: 'Mon-Fri 00:00-00:00', state: 'available', until: '', words: 'Available' },
  { name: 'working hours not known: never off-work', person: P, viewer: P, now: `${WED} 03:00`, events: [], hours: '—', state: 'available', until: '', words: 'Available' },
  // ── all-day and across midnight ──
  { name: 'an all-day busy event', person: P, viewer: P, now: `${WED} 10:00`, events: ['busy 00:00..+1d00:00 Offsite'], hours: WEEK, state: 'busy', until: 'Thu 00:00', words: 'In a meeting until Thu 26 Nov 00:00 — Offsite' },
  { name: 'an all-day OOF in Tokyo', person: TYO, viewer: TYO, now: `${WED} 10:00`, events: ['oof 00:00..+1d00:00 Day off'], hours: 'Mon-Fri 09:00-18:00', state: 'oof', until: 'Thu 00:00', words: 'Out of office until Thu 26 Nov 00:00' },
  { name: 'crossing midnight, before it', person: P, viewer: P, now: `${WED} 23:30`, events: ['busy 23:00..+1d01:00 Deploy'], hours: WEEK, state: 'busy', until: 'Thu 01:00', words: 'In a meeting until Thu 26 Nov 01:00 — Deploy' },
  { name: 'crossing midnight, after it', person: P, viewer: P, now: '2026-11-26 00:30', events: ['busy -1d23:00..01:00 Deploy'], hours: WEEK, state: 'busy', until: 'Thu 01:00', words: 'In a meeting until 01:00 — Deploy' },
  // ── across zones ──
  { name: 'Paris before work, seen from New York', person: P, viewer: NY, now: `${WED} 07:00`, events: [], hours: WEEK, state: 'off-work', until: 'Wed 02:00', words: 'Off work, back 08:00 their time — 02:00 yours' },
  { name: 'New York before work, seen from Paris', person: NY, viewer: P, now: `${WED} 07:00`, events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Wed 15:00', words: 'Off work, back 09:00 their time — 15:00 yours' },
  { name: 'Tokyo after work, seen from Paris', person: TYO, viewer: P, now: `${WED} 19:00`, events: [], hours: 'Mon-Fri 09:00-18:00', state: 'off-work', until: 'Thu 01:00', words: 'Off work, back Thu 26 Nov 09:00 their time — Thu 26 Nov 01:00 yours' },
  { name: 'Tokyo in a meeting, seen from Paris at night', person: TYO, viewer: P, now: `${WED} 10:30`, events: ['busy 10:00..11:00 Stand-up'], hours: 'Mon-Fri 09:00-18:00', state: 'busy', until: 'Wed 03:00', words: 'In a meeting until 03:00 — Stand-up' },
  { name: "their afternoon meeting is the viewer's tomorrow: no 'free until'", person: TYO, viewer: NY, now: `${WED} 10:00`, events: ['busy 15:00..16:00 Review'], hours: 'Mon-Fri 09:00-18:00', state: 'available', until: '', words: 'Available' },
  { name: "their meeting is on the viewer's day: 'free until'", person: TYO, viewer: NY, now: `${WED} 14:00`, events: ['busy 15:00..16:00 Review'], hours: 'Mon-Fri 09:00-18:00', state: 'available', until: 'Wed 01:00', words: 'Free until 01:00' },
  { name: 'Sydney before work (southern summer), seen from Paris', person: SYD, viewer: P, now: `${WED} 08:30`, events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Tue 23:00', words: 'Off work, back 09:00 their time — 23:00 yours' },
  { name: 'Sydney in a meeting, seen from New York', person: SYD, viewer: NY, now: `${WED} 11:00`, events: ['busy 10:30..12:00 Planning'], hours: 'Mon-Fri 09:00-17:00', state: 'busy', until: 'Tue 20:00', words: 'In a meeting until 20:00 — Planning' },
  // ── Europe's DST days: 29 March and 25 October 2026 ──
  { name: 'Paris 29 Mar: Sunday worker, 08:00 on the 23-hour day', person: P, viewer: P, now: '2026-03-29 07:30', events: [], hours: 'Sun 08:00-17:00', state: 'off-work', until: 'Sun 08:00', words: 'Off work, back 08:00' },
  { name: 'Paris 29 Mar: a 01:30-03:30 meeting lasts one real hour', person: P, viewer: NY, now: '2026-03-29 01:45', events: ['busy 01:30..03:30 Night ops'], hours: '—', state: 'busy', until: 'Sat 21:30', words: 'In a meeting until 21:30 — Night ops' },
  { name: 'Paris 28 Mar: back Monday after the change, seen from Tokyo', person: P, viewer: TYO, now: '2026-03-28 20:00', events: [], hours: WEEK, state: 'off-work', until: 'Mon 15:00', words: 'Off work, back Mon 30 Mar 08:00 their time — Mon 30 Mar 15:00 yours' },
  { name: 'Paris 25 Oct: a meeting in the repeated hour lasts two hours', person: P, viewer: P, now: '2026-10-25 02:15', events: ['busy 02:00..03:00 Migration'], hours: '—', state: 'busy', until: 'Sun 03:00', words: 'In a meeting until 03:00 — Migration' },
  { name: 'Paris 25 Oct: Sunday worker after the 25-hour day', person: P, viewer: P, now: '2026-10-25 17:00', events: [], hours: 'Sun 08:00-17:00', state: 'off-work', until: 'Sun 08:00', words: 'Off work, back Sun 1 Nov 08:00' },
  { name: 'Paris 25 Oct: Sunday worker still at work at 16:30', person: P, viewer: P, now: '2026-10-25 16:30', events: [], hours: 'Sun 08:00-17:00', state: 'available', until: '', words: 'Available' },
  { name: 'Paris 26 Oct, New York not changed yet (5 h apart)', person: P, viewer: NY, now: '2026-10-26 07:00', events: [], hours: WEEK, state: 'off-work', until: 'Mon 03:00', words: 'Off work, back 08:00 their time — 03:00 yours' },
  // ── the US DST days: 8 March and 1 November 2026 ──
  { name: 'New York 8 Mar: back Monday 09:00, Paris not changed yet', person: NY, viewer: P, now: '2026-03-08 12:00', events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Mon 14:00', words: 'Off work, back Mon 9 Mar 09:00 their time — Mon 9 Mar 14:00 yours' },
  { name: 'New York 8 Mar: a 01:00-04:00 meeting lasts two real hours', person: NY, viewer: NY, now: '2026-03-08 01:30', events: ['busy 01:00..04:00 Release'], hours: '—', state: 'busy', until: 'Sun 04:00', words: 'In a meeting until 04:00 — Release' },
  { name: 'New York 10 Mar in a meeting, seen from Paris (5 h apart)', person: NY, viewer: P, now: '2026-03-10 10:00', events: ['busy 10:00..11:00 Sync'], hours: 'Mon-Fri 09:00-17:00', state: 'busy', until: 'Tue 16:00', words: 'In a meeting until 16:00 — Sync' },
  { name: 'New York 1 Nov: the first 01:30, meeting to 02:00 EST', person: NY, viewer: NY, now: '2026-11-01 01:30', events: ['busy 01:00..02:00 Failover'], hours: '—', state: 'busy', until: 'Sun 02:00', words: 'In a meeting until 02:00 — Failover' },
  { name: 'New York 2 Nov: before work, seen from Tokyo', person: NY, viewer: TYO, now: '2026-11-02 08:00', events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Mon 23:00', words: 'Off work, back 09:00 their time — 23:00 yours' },
  { name: "New York's 1 Nov is the viewer's day for a Paris meeting", person: P, viewer: NY, now: '2026-11-01 05:30', events: ['busy 06:00..07:00 Early call'], hours: '—', state: 'available', until: 'Sun 01:00', words: 'Free until 01:00' },
  // ── Sydney's DST days: 5 April and 4 October 2026 ──
  { name: 'Sydney 5 Apr (falls back): back Monday, seen from Paris', person: SYD, viewer: P, now: '2026-04-05 12:00', events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Mon 01:00', words: 'Off work, back Mon 6 Apr 09:00 their time — Mon 6 Apr 01:00 yours' },
  { name: 'Sydney 4 Oct (springs forward): back Monday, seen from New York', person: SYD, viewer: NY, now: '2026-10-04 10:00', events: [], hours: 'Mon-Fri 09:00-17:00', state: 'off-work', until: 'Sun 18:00', words: 'Off work, back Mon 5 Oct 09:00 their time — Sun 4 Oct 18:00 yours' },
];

/** The schedule of a row: the person's zone is built from the EWS rule, as in production. */
function scheduleOf(row: Row, person: Zone, now: number): PersonSchedule {
  const [from, to] = row.window ?? ['-1d00:00', '+2d00:00'];
  const s: PersonSchedule = {
    fromMs: rel(person, now, from),
    toMs: rel(person, now, to),
    events: row.events.map((e) => event(person, now, e)),
  };
  if (row.hours !== '—') s.workingHours = hours(person, row.hours);
  if (row.oof) s.autoReplies = replies(person, now, row.oof);
  if (row.unknown) s.unknown = row.unknown;
  return s;
}

describe('the presence rule table', () => {
  it('has at least 50 rows, with unique names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  it.each(rows)('$name → $state $until', (row) => {
    const person = personZone(row.person);
    const viewer = ianaZone(row.viewer);
    const now = at(person, row.now);
    const p = presenceAt(scheduleOf(row, person, now), now, viewer);
    expect({
      state: p.state,
      until: p.untilMs === undefined ? '' : dayTime(viewer, p.untilMs),
      words: words(p, now, viewer, person),
    }).toEqual({ state: row.state, until: row.until, words: row.words });
  });
});

describe('presenceAt details', () => {
  const paris = personZone(P);
  const now = at(paris, `${WED} 11:15`);
  const base: PersonSchedule = {
    fromMs: rel(paris, now, '00:00'),
    toMs: rel(paris, now, '+2d00:00'),
    events: [],
    workingHours: hours(paris, WEEK),
  };

  it('carries the tentative meeting times, the busy subject and the reply, structured', () => {
    const tentative = presenceAt(
      { ...base, events: [event(paris, now, 'tent 11:00..12:00 Design review')] },
      now,
      paris,
    );
    expect(tentative).toEqual({
      state: 'available',
      tentative: {
        startMs: rel(paris, now, '11:00'),
        endMs: rel(paris, now, '12:00'),
        subject: 'Design review',
      },
    });
    expect(
      presenceAt({ ...base, events: [event(paris, now, 'busy 11:00..12:00  Budget ')] }, now, paris),
    ).toEqual({ state: 'busy', untilMs: rel(paris, now, '12:00'), subject: 'Budget' });
    expect(presenceAt({ ...base, autoReplies: { active: true, reply: '  Back soon ' } }, now, paris)).toEqual(
      { state: 'oof', oofReply: 'Back soon' },
    );
    expect(presenceAt({ ...base, unknown: 'not-found' }, now, paris)).toEqual({
      state: 'unknown',
      reason: 'not-found',
    });
  });

  it('reads the same with the EWS zone and the IANA zone of the person', () => {
    const iana = ianaZone(P);
    for (const row of rows.filter((r) => r.person === P)) {
      const t = at(iana, row.now);
      const viewer = ianaZone(row.viewer);
      expect(presenceAt(scheduleOf(row, iana, t), t, viewer)).toEqual(
        presenceAt(scheduleOf(row, paris, t), t, viewer),
      );
    }
  });
});

describe('working hours', () => {
  const paris = personZone(P);

  it('spans follow the local clock across the spring change and skip days off', () => {
    const wh = hours(paris, 'Sun,Sat 08:00-17:00');
    const spans = workingSpans(wh, at(paris, '2026-03-28 00:00'), at(paris, '2026-03-30 00:00'));
    expect(spans.map((s) => [when(paris, s.startMs, 0), when(paris, s.endMs, 0)])).toEqual([
      ['Sat 28 Mar 08:00', 'Sat 28 Mar 17:00'],
      ['Sun 29 Mar 08:00', 'Sun 29 Mar 17:00'],
    ]);
    expect(spans[1]!.startMs - spans[0]!.startMs).toBe(23 * 3_600_000);
  });

  it('whole days merge, and the next start after a whole working week is Monday 00:00', () => {
    const wh = hours(paris, 'Mon-Fri 00:00-00:00');
    const spans = workingSpans(wh, at(paris, `${WED} 12:00`), at(paris, '2026-11-26 12:00'));
    expect(spans).toHaveLength(1);
    expect(when(paris, spans[0]!.endMs, 0)).toBe('Sat 28 Nov 00:00');
    expect(when(paris, nextWorkStart(wh, at(paris, '2026-11-28 10:00'))!, 0)).toBe('Mon 30 Nov 00:00');
  });
});

describe('nextBoundary', () => {
  const paris = personZone(P);
  const now = at(paris, `${WED} 10:00`);
  const sched = (over: Partial<PersonSchedule> = {}): PersonSchedule => ({
    fromMs: rel(paris, now, '00:00'),
    toMs: rel(paris, now, '+2d00:00'),
    events: [],
    workingHours: hours(paris, WEEK),
    ...over,
  });
  const next = (s: PersonSchedule, t = now, viewer?: Zone) => {
    const b = nextBoundary(s, t, viewer);
    return b === undefined ? undefined : when(paris, b, t);
  };

  it('is the next meeting start, then its end', () => {
    const s = sched({
      events: [event(paris, now, 'busy 14:00..15:00 A'), event(paris, now, 'busy 11:00..11:30 B')],
    });
    expect(next(s)).toBe('11:00');
    expect(next(s, rel(paris, now, '11:00'))).toBe('11:30');
    expect(next(s, rel(paris, now, '14:30'))).toBe('15:00');
  });

  it('is the working-hours end, then tomorrow’s start, then the window end', () => {
    expect(next(sched())).toBe('17:00');
    expect(next(sched(), rel(paris, now, '17:00'))).toBe('Thu 26 Nov 08:00');
    expect(next(sched({ workingHours: hours(paris, 'none 08:00-17:00') }))).toBe('Fri 27 Nov 00:00');
  });

  it('is the end of automatic replies when it comes first', () => {
    const s = sched({ autoReplies: { active: true, untilMs: rel(paris, now, '12:00') } });
    expect(next(s)).toBe('12:00');
  });

  it("is the viewer's next midnight when it comes first", () => {
    const tokyo = ianaZone(TYO); // 10:00 Paris = 18:00 Tokyo; Tokyo midnight = 16:00 Paris
    expect(next(sched(), now, tokyo)).toBe('16:00');
  });

  it('is the window start before it, nothing after it or when unknown', () => {
    const s = sched({ fromMs: rel(paris, now, '12:00') });
    expect(next(s)).toBe('12:00');
    expect(nextBoundary(sched({ unknown: 'not-shared' }), now)).toBeUndefined();
    expect(nextBoundary(sched(), rel(paris, now, '+2d00:00'))).toBeUndefined();
  });

  it('recomputing at each boundary walks the day with no change in between', () => {
    const s = sched({
      events: [
        event(paris, now, 'busy 11:00..12:00 A'),
        event(paris, now, 'busy 12:00..12:30 B'),
        event(paris, now, 'tent 15:00..16:00 C'),
      ],
    });
    const seen: string[] = [];
    let t: number | undefined = now;
    while (t !== undefined && t < rel(paris, now, '+1d00:00')) {
      const p = presenceAt(s, t, paris);
      seen.push(`${when(paris, t, now)} ${p.state}${p.tentative ? ' (tentative)' : ''}`);
      const b = nextBoundary(s, t, paris);
      t = b;
      if (b === undefined) break;
      // Nothing changes strictly between two boundaries.
      expect(presenceAt(s, b - 1, paris)).toEqual(p);
    }
    expect(seen).toEqual([
      '10:00 available',
      '11:00 busy',
      '12:00 busy',
      '12:30 available',
      '15:00 available (tentative)',
      '16:00 available',
      '17:00 off-work',
    ]);
  });
});

describe('nextFreeSlot', () => {
  const paris = personZone(P);
  const now = at(paris, `${WED} 10:00`);
  const sched = (events: string[], over: Partial<PersonSchedule> = {}): PersonSchedule => ({
    fromMs: rel(paris, now, '00:00'),
    toMs: rel(paris, now, '+3d00:00'),
    events: events.map((e) => event(paris, now, e)),
    workingHours: hours(paris, WEEK),
    ...over,
  });
  const slot = (s: PersonSchedule, from = now, min?: number, until?: number) => {
    const r = nextFreeSlot(s, from, min, until);
    return r && `${when(paris, r.startMs, from)}–${when(paris, r.endMs, from)}`;
  };

  it('is now when free now, up to the next meeting', () => {
    expect(slot(sched(['busy 11:00..12:00 A']))).toBe('10:00–11:00');
  });

  it('skips gaps shorter than 30 minutes, and tentative time', () => {
    expect(
      slot(
        sched(['busy 10:00..11:00 A', 'busy 11:20..12:00 B', 'tent 12:00..13:00 C', 'busy 13:45..17:00 D']),
      ),
    ).toBe('13:00–13:45');
  });

  it('honours a longer minimum', () => {
    expect(slot(sched(['busy 10:00..11:00 A', 'busy 11:45..12:00 B']), now, 60)).toBe('12:00–17:00');
  });

  it('stays inside working hours and moves to tomorrow', () => {
    expect(slot(sched(['busy 10:00..17:00 A']))).toBe('Thu 26 Nov 08:00–Thu 26 Nov 17:00');
    expect(slot(sched([]), rel(paris, now, '16:45'))).toBe('Thu 26 Nov 08:00–Thu 26 Nov 17:00');
  });

  it('is undefined past tomorrow (Friday does not count from Wednesday)', () => {
    expect(slot(sched(['busy 10:00..+2d00:00 Conference']))).toBeUndefined();
    expect(slot(sched(['busy 10:00..+2d00:00 Conference']), now, 30, rel(paris, now, '+3d00:00'))).toBe(
      'Fri 27 Nov 08:00–Fri 27 Nov 17:00',
    );
  });

  it('is after automatic replies end, none while they have no end, none when unknown', () => {
    expect(slot(sched([], { autoReplies: { active: true, untilMs: rel(paris, now, '+1d12:00') } }))).toBe(
      'Thu 26 Nov 12:00–Thu 26 Nov 17:00',
    );
    expect(slot(sched([], { autoReplies: { active: true } }))).toBeUndefined();
    expect(slot(sched([], { unknown: 'error' }))).toBeUndefined();
  });

  it('with no working hours known, any free time in the window counts', () => {
    const { workingHours: _, ...s } = sched(['busy 10:00..+1d00:00 A']);
    expect(slot(s)).toBe('Thu 26 Nov 00:00–Sat 28 Nov 00:00');
  });

  it('counts Free and WorkingElsewhere as free, NoData and OOF as not', () => {
    expect(slot(sched(['free 10:00..11:00 Focus', 'elsewhere 08:00..17:00 Home']))).toBe('10:00–17:00');
    expect(slot(sched(['nodata 10:00..12:00', 'oof 12:30..+1d12:00']))).toBe('12:00–12:30');
  });

  it('never starts before the fetched window', () => {
    expect(slot(sched([], { fromMs: rel(paris, now, '13:00') }))).toBe('13:00–17:00');
  });
});

describe('span arithmetic', () => {
  it('mergeSpans joins touching and overlapping spans and drops empty ones', () => {
    expect(
      mergeSpans([
        { startMs: 5, endMs: 7 },
        { startMs: 1, endMs: 3 },
        { startMs: 3, endMs: 4 },
        { startMs: 6, endMs: 9 },
        { startMs: 10, endMs: 10 },
      ]),
    ).toEqual([
      { startMs: 1, endMs: 4 },
      { startMs: 5, endMs: 9 },
    ]);
  });

  it('subtractSpans cuts blocked time out', () => {
    expect(
      subtractSpans(
        [{ startMs: 0, endMs: 10 }],
        [
          { startMs: -5, endMs: 1 },
          { startMs: 3, endMs: 4 },
          { startMs: 8, endMs: 20 },
        ],
      ),
    ).toEqual([
      { startMs: 1, endMs: 3 },
      { startMs: 4, endMs: 8 },
    ]);
  });
});

// Keep the helper honest: startOfLocalDay is what "tomorrow" means for the slot finder.
it('the slot horizon is the end of tomorrow in the person’s zone', () => {
  const paris = personZone(P);
  const now = at(paris, `${WED} 10:00`);
  expect(when(paris, startOfLocalDay(paris, now, 2), now)).toBe('Fri 27 Nov 00:00');
});
