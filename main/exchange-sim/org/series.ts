/**
 * Recurring series in the seeded calendars, as people really have them: alice's team stand-up on
 * weekdays, her weekly 1:1 with bob, a monthly business review, an on-call handover every day, a
 * monthly reminder with no end; and, for a few other people, team syncs, stand-ups and monthly
 * reviews. Each series has its own modified occurrences (moved, renamed) and deleted ones, and
 * most cross a daylight-saving change, which they keep in their organiser's wall-clock time.
 *
 * Runs after every other generation step, from its own seeded stream, and leaves the realistic
 * day's scripted cast alone (their presence is scripted to the minute), so everything else in an
 * org stays as it was for a seed.
 */
import { calendarWriter, type AddItem } from './calendar-writer';
import { realisticDay, type DayDate } from './day';
import { mulberry32, type Rng } from './random';
import { formatDay, patternOccurrences } from './recurrence';
import { zonedToUtc } from './tz';
import type {
  BusyType,
  CalendarItem,
  ModifiedOccurrence,
  Person,
  RecurrencePattern,
  RecurrenceRange,
} from './types';

const MIN = 60_000;
const DAY = 86_400_000;

export interface SeriesOptions {
  seed: number;
  epochMs: number;
  domain: string;
  /** People (smtp) who get no series, as organiser or attendee. */
  exclude: ReadonlySet<string>;
  /** The demo accounts' smtp addresses, by key. */
  demo: { alice: string; bob: string; dave: string; helene: string; helpdesk: string };
}

/** A seed for the series' own stream, derived from the org's. */
function seriesSeed(seed: number): number {
  return (Math.imul((seed ^ 0x7e51e5) >>> 0, 0x85ebca6b) + 0x5e1) >>> 0;
}

interface SeriesSpec {
  subject: string;
  location?: string;
  busyType?: BusyType;
  online?: boolean;
  pattern: RecurrencePattern;
  /** The range's first date, in days from the realistic day. */
  fromDay: number;
  end: { kind: 'EndDate'; toDay: number } | { kind: 'Numbered'; count: number } | { kind: 'NoEnd' };
  /** Local wall-clock start in the organiser's zone. */
  at: [number, number];
  minutes: number;
  /** Occurrences to change: the first on or after that many days from the realistic day. */
  modify?: { onDay: number; shiftMinutes: number; subject?: string; location?: string }[];
  deleteOnDay?: number[];
}

function dayPlus(day: DayDate, n: number): string {
  return formatDay(Date.UTC(day.y, day.month - 1, day.d + n) / DAY);
}

/** Writes one series into its organiser's calendar and its attendees'. */
function writeSeries(
  write: AddItem,
  today: DayDate,
  organizer: Person,
  spec: SeriesSpec,
  attendees: readonly Person[],
): void {
  const zone = organizer.workingHours.timeZone;
  const startDate = dayPlus(today, spec.fromDay);
  const range: RecurrenceRange =
    spec.end.kind === 'EndDate'
      ? { kind: 'EndDate', startDate, endDate: dayPlus(today, spec.end.toDay) }
      : spec.end.kind === 'Numbered'
        ? { kind: 'Numbered', startDate, count: spec.end.count }
        : { kind: 'NoEnd', startDate };
  const recurrence = { pattern: spec.pattern, range };
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const probeStart = zonedToUtc(zone, y, m, d, spec.at[0], spec.at[1]);
  const probe = {
    start: new Date(probeStart).toISOString(),
    end: new Date(probeStart + spec.minutes * MIN).toISOString(),
    timeZone: zone,
    recurrence,
  } as CalendarItem;
  const occurrences = patternOccurrences(probe, probeStart + 400 * DAY);
  const first = occurrences[0];
  if (!first) return;
  const onOrAfter = (n: number): number | undefined => {
    const from = Date.parse(`${dayPlus(today, n)}T00:00:00Z`) - 14 * 3_600_000;
    return occurrences.find((o) => o.startMs >= from)?.startMs;
  };
  const modifiedOccurrences: ModifiedOccurrence[] = [];
  for (const mod of spec.modify ?? []) {
    const original = onOrAfter(mod.onDay);
    if (original === undefined || modifiedOccurrences.some((x) => Date.parse(x.originalStart) === original))
      continue;
    const start = original + mod.shiftMinutes * MIN;
    modifiedOccurrences.push({
      originalStart: new Date(original).toISOString(),
      start: new Date(start).toISOString(),
      end: new Date(start + spec.minutes * MIN).toISOString(),
      ...(mod.subject !== undefined ? { subject: mod.subject } : {}),
      ...(mod.location !== undefined ? { location: mod.location } : {}),
    });
  }
  const deletedOccurrences = (spec.deleteOnDay ?? [])
    .map(onOrAfter)
    .filter((t): t is number => t !== undefined && t !== first.startMs)
    .filter((t) => !modifiedOccurrences.some((x) => Date.parse(x.originalStart) === t))
    .map((t) => new Date(t).toISOString());
  write(
    organizer,
    first.startMs,
    first.startMs + spec.minutes * MIN,
    {
      subject: spec.subject,
      busyType: spec.busyType ?? 'Busy',
      ...(spec.location !== undefined ? { location: spec.location } : {}),
      ...(spec.online ? { online: true } : {}),
      series: { recurrence, modifiedOccurrences, deletedOccurrences: [...new Set(deletedOccurrences)] },
    },
    attendees,
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** Adds the recurring series to `people`'s calendars (in place). */
export function addRecurringSeries(people: Person[], options: SeriesOptions): void {
  const rng = mulberry32(seriesSeed(options.seed));
  const write = calendarWriter(rng, options.domain, 'rec');
  const today = realisticDay(options.epochMs);
  const bySmtp = new Map(people.map((p) => [p.smtp, p]));
  const eligible = (p: Person | undefined): p is Person => p !== undefined && !options.exclude.has(p.smtp);
  const demo = (key: keyof SeriesOptions['demo']): Person | undefined => {
    const p = bySmtp.get(options.demo[key]);
    return eligible(p) ? p : undefined;
  };
  const alice = demo('alice');
  const bob = demo('bob');
  const dave = demo('dave');
  const helene = demo('helene');
  const helpdesk = demo('helpdesk');
  const present = (...list: (Person | undefined)[]): Person[] => list.filter(eligible);

  if (alice) {
    // Her team's stand-up on weekdays since six weeks (before the October clock change).
    const team = alice.imList.personas
      .map((x) => (x.smtp ? bySmtp.get(x.smtp) : undefined))
      .filter((p): p is Person => eligible(p) && p !== alice && !p.isDemoAccount)
      .slice(0, 3);
    writeSeries(
      write,
      today,
      alice,
      {
        subject: 'Team stand-up',
        location: 'Teams/Lync',
        online: true,
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: WEEKDAYS, firstDayOfWeek: 1 },
        fromDay: -42,
        end: { kind: 'EndDate', toDay: 56 },
        at: [9, 15],
        minutes: 15,
        modify: [
          {
            onDay: 1,
            shiftMinutes: 150,
            subject: 'Team stand-up (after the all-hands)',
            location: 'Room 4.12',
          },
        ],
        deleteOnDay: [7],
      },
      team,
    );
    // A weekly 1:1 with bob (New York) on Thursdays, no end, since eight weeks.
    writeSeries(
      write,
      today,
      alice,
      {
        subject: '1:1 Alice / Bob',
        location: 'Teams/Lync',
        pattern: { kind: 'Weekly', interval: 1, daysOfWeek: [4] },
        fromDay: -56,
        end: { kind: 'NoEnd' },
        at: [16, 30],
        minutes: 30,
        modify: [{ onDay: -7, shiftMinutes: 24 * 60 }],
        deleteOnDay: [14],
      },
      present(bob),
    );
  }
  const reviewOrganizer = helene ?? alice;
  if (reviewOrganizer) {
    writeSeries(
      write,
      today,
      reviewOrganizer,
      {
        subject: 'Monthly business review',
        location: 'Board room',
        pattern: { kind: 'RelativeMonthly', interval: 1, dayOfWeek: 2, index: 'First' },
        fromDay: -100,
        end: { kind: 'Numbered', count: 12 },
        at: [15, 0],
        minutes: 60,
        modify: [{ onDay: 0, shiftMinutes: 60, location: 'Room 1.01' }],
      },
      present(alice === reviewOrganizer ? undefined : alice, dave),
    );
  }
  if (dave) {
    writeSeries(
      write,
      today,
      dave,
      {
        subject: 'On-call handover',
        location: 'Teams/Lync',
        pattern: { kind: 'Daily', interval: 1 },
        fromDay: -10,
        end: { kind: 'EndDate', toDay: 20 },
        at: [8, 45],
        minutes: 15,
        deleteOnDay: [3],
      },
      present(helpdesk),
    );
  }
  if (bob) {
    writeSeries(
      write,
      today,
      bob,
      {
        subject: 'Expense reports due',
        busyType: 'Free',
        pattern: { kind: 'AbsoluteMonthly', interval: 1, dayOfMonth: 28 },
        fromDay: -60,
        end: { kind: 'NoEnd' },
        at: [12, 0],
        minutes: 30,
      },
      [],
    );
  }

  // A few others: team syncs, stand-ups and monthly reviews with colleagues in their zone.
  const others = people.filter((p) => eligible(p) && !p.isDemoAccount);
  const byZone = new Map<string, Person[]>();
  for (const p of others) {
    const z = p.workingHours.timeZone;
    byZone.set(z, [...(byZone.get(z) ?? []), p]);
  }
  for (const p of others) {
    const r = rng.next();
    if (r >= 0.08) continue;
    const colleagues = (byZone.get(p.workingHours.timeZone) ?? []).filter((c) => c !== p);
    const who = pickSome(rng, colleagues, rng.int(1, 3));
    const startMin = p.workingHours.startMinutes + 60;
    const at: [number, number] = [Math.floor(startMin / 60), startMin % 60];
    const changes = {
      modify: rng.chance(0.6) ? [{ onDay: rng.int(-14, 14), shiftMinutes: rng.pick([30, 60, 120]) }] : [],
      deleteOnDay: rng.chance(0.6) ? [rng.int(-14, 14)] : [],
    };
    const spec: SeriesSpec =
      r < 0.045
        ? {
            subject: 'Team sync',
            location: 'Teams/Lync',
            pattern: {
              kind: 'Weekly',
              interval: rng.pick([1, 1, 2]),
              daysOfWeek: [rng.pick(WEEKDAYS)],
            },
            fromDay: -rng.int(7, 49),
            end: { kind: 'Numbered', count: rng.int(10, 26) },
            at,
            minutes: 30,
            ...changes,
          }
        : r < 0.07
          ? {
              subject: 'Daily stand-up',
              location: 'Teams/Lync',
              pattern: { kind: 'Weekly', interval: 1, daysOfWeek: WEEKDAYS },
              fromDay: -rng.int(7, 49),
              end: { kind: 'EndDate', toDay: rng.int(14, 60) },
              at: [Math.floor((startMin - 30) / 60), (startMin - 30) % 60],
              minutes: 15,
              ...changes,
            }
          : {
              subject: 'Monthly review',
              location: 'Room 2.01',
              pattern: {
                kind: 'RelativeMonthly',
                interval: 1,
                dayOfWeek: rng.pick(WEEKDAYS),
                index: rng.pick(['First', 'Second', 'Third', 'Fourth', 'Last'] as const),
              },
              fromDay: -rng.int(30, 90),
              end: { kind: 'NoEnd' },
              at,
              minutes: 60,
              ...changes,
            };
    writeSeries(write, today, p, spec, who);
  }

  for (const p of people)
    p.calendar.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
}

function pickSome(rng: Rng, from: readonly Person[], n: number): Person[] {
  const out: Person[] = [];
  for (let tries = 0; out.length < Math.min(n, from.length) && tries < n * 4; tries++) {
    const c = rng.pick(from);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}
