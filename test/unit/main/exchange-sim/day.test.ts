import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../../main/exchange-sim/org/generate';
import { castInstantMs, realisticDay, worksAt } from '../../../../main/exchange-sim/org/day';
import {
  castOwnerContacts,
  presenceCast,
  presenceCastInstant,
  scriptedCast,
} from '../../../../main/exchange-sim/org/presence-cast';
import { zonedToUtc } from '../../../../main/exchange-sim/org/tz';
import type { CalendarItem, Org, Person } from '../../../../main/exchange-sim/org/types';

const EPOCH = '2026-11-25T00:00:00.000Z'; // a Wednesday
const org = generateOrg({ seed: 20131, size: 200, epoch: EPOCH });
const bySmtp = new Map(org.people.map((p) => [p.smtp, p]));
const must = (smtp: string): Person => {
  const p = bySmtp.get(smtp);
  if (!p) throw new Error(`missing ${smtp}`);
  return p;
};

/** Busy or Tentative, timed (not all-day) items overlapping the person's working hours on a date. */
function meetingsInHours(p: Person, y: number, month: number, d: number): CalendarItem[] {
  const z = p.workingHours.timeZone;
  const from = zonedToUtc(z, y, month, d, 0, p.workingHours.startMinutes);
  const to = zonedToUtc(z, y, month, d, 0, p.workingHours.endMinutes);
  return p.calendar.filter(
    (i) =>
      (i.busyType === 'Busy' || i.busyType === 'Tentative') &&
      !i.isAllDay &&
      Date.parse(i.start) < to &&
      Date.parse(i.end) > from,
  );
}

describe('the realistic day', () => {
  it('is deterministic for a seed', () => {
    expect(JSON.stringify(generateOrg({ seed: 20131, size: 200, epoch: EPOCH }))).toBe(JSON.stringify(org));
  });

  it('is the epoch’s date, or the Monday after a weekend epoch', () => {
    expect(realisticDay(Date.parse(EPOCH))).toMatchObject({ y: 2026, month: 11, d: 25, weekday: 3 });
    expect(realisticDay(Date.parse('2026-11-28T00:00:00Z'))).toMatchObject({ d: 30, weekday: 1 });
    expect(realisticDay(Date.parse('2026-11-29T00:00:00Z'))).toMatchObject({ d: 30, weekday: 1 });
  });

  it('gives at least 70% of people meetings inside their working hours today, fewer tomorrow but some', () => {
    for (const o of [org, generateOrg({ seed: 7, size: 1000, epoch: EPOCH })]) {
      const today = o.people.filter((p) => meetingsInHours(p, 2026, 11, 25).length > 0).length;
      const tomorrow = o.people.filter((p) => meetingsInHours(p, 2026, 11, 26).length > 0).length;
      expect(today / o.people.length).toBeGreaterThanOrEqual(0.7);
      expect(tomorrow / o.people.length).toBeGreaterThan(0.4);
    }
  });

  it('has back-to-back, overlapping and tentative meetings today, attendee copies Tentative until accepted', () => {
    const day = org.people.flatMap((p) => meetingsInHours(p, 2026, 11, 25).map((i) => ({ p, i })));
    const backToBack = org.people.some((p) => {
      const items = meetingsInHours(p, 2026, 11, 25);
      return items.some((a) => items.some((b) => a !== b && a.end === b.start));
    });
    const overlapping = org.people.some((p) => {
      const items = meetingsInHours(p, 2026, 11, 25);
      return items.some((a) => items.some((b) => a !== b && a.start < b.start && b.start < a.end));
    });
    expect(backToBack).toBe(true);
    expect(overlapping).toBe(true);
    expect(day.filter(({ i }) => i.busyType === 'Tentative').length).toBeGreaterThan(10);
    // An invitation not (yet) accepted shows as tentative in the invitee's calendar.
    const notAccepted = day.filter(
      ({ p, i }) =>
        i.organizer !== p.smtp && i.attendees.find((a) => a.smtp === p.smtp)?.response !== 'Accept',
    );
    expect(notAccepted.length).toBeGreaterThan(0);
    expect(notAccepted.filter(({ i }) => i.busyType !== 'Tentative')).toEqual([]);
  });

  it('puts a few out of office: automatic replies on with a text, or only a calendar block and no reply', () => {
    const t = Date.parse('2026-11-25T10:00:00Z');
    const oofBlock = (p: Person): boolean =>
      p.calendar.some((i) => i.busyType === 'OOF' && Date.parse(i.start) <= t && t < Date.parse(i.end));
    const withReply = org.people.filter((p) => p.oof.state === 'Enabled' && p.oof.internalReply !== '');
    const calendarOnly = org.people.filter(
      (p) => oofBlock(p) && p.oof.state === 'Disabled' && p.oof.internalReply === '',
    );
    expect(withReply.length).toBeGreaterThanOrEqual(1);
    expect(calendarOnly.length).toBeGreaterThanOrEqual(1);
    const oofToday = org.people.filter(oofBlock).length / org.people.length;
    expect(oofToday).toBeGreaterThan(0.01);
    expect(oofToday).toBeLessThan(0.15);
  });

  it('shares one calendar with nobody and some as free/busy only, never a demo account’s', () => {
    for (const o of [org, generateOrg({ seed: 1, size: 40, epoch: EPOCH })]) {
      expect(o.people.filter((p) => p.freeBusySharing === 'none')).toHaveLength(1);
      expect(o.people.some((p) => p.freeBusySharing === 'free-busy')).toBe(true);
      for (const p of o.people.filter((x) => x.isDemoAccount)) expect(p.freeBusySharing).toBeUndefined();
    }
  });

  it('leaves everything the main stream made as it was: only calendars, OOF and sharing gain', () => {
    const options = { seed: 42, size: 60, epoch: EPOCH };
    const strip = (o: Org): string =>
      JSON.stringify(
        o.people.map((p) => ({
          ...p,
          // Recurring series ('rec-') come after the day and leave its scripted cast alone, so
          // who has one depends on the day too.
          calendar: p.calendar.filter((i) => !i.id.startsWith('day-') && !i.id.startsWith('rec-')),
          oof: undefined,
          freeBusySharing: undefined,
        })),
      );
    const withDay = generateOrg(options);
    const without = generateOrg({ ...options, realisticDay: false });
    expect(strip(withDay)).toBe(strip(without));
    expect(JSON.stringify(withDay.groups)).toBe(JSON.stringify(without.groups));
    expect(withDay.people.flatMap((p) => p.calendar).some((i) => i.id.startsWith('day-'))).toBe(true);
    expect(without.people.some((p) => p.freeBusySharing !== undefined)).toBe(false);
  });
});

describe('presenceCast', () => {
  const at = presenceCastInstant(org);
  const cast = presenceCast(org);
  const contacts = new Set(castOwnerContacts(org));

  it('is at 10:29:15 in Paris on the realistic day, 45 s before a contact’s meetings end', () => {
    expect(at).toBe('2026-11-25T09:29:15.000Z');
    expect(castInstantMs(Date.parse(EPOCH))).toBe(Date.parse(at));
    expect(cast.at).toBe(at);
    const soon = cast.endingSoon[0];
    expect(soon?.until).toBe('2026-11-25T09:30:00.000Z');
    expect(contacts.has(soon?.smtp ?? '')).toBe(true);
  });

  it('names several of alice’s contacts in every situation', () => {
    for (const key of [
      'inMeeting',
      'endingSoon',
      'free',
      'tentative',
      'oofWithReply',
      'oofWithoutReply',
      'offWork',
      'notShared',
      'freeBusyOnly',
    ] as const) {
      expect(cast[key].length, key).toBeGreaterThan(0);
      for (const e of cast[key]) expect(contacts.has(e.smtp), `${key} ${e.smtp}`).toBe(true);
    }
    expect(cast.free.some((e) => e.until !== undefined)).toBe(true);
    expect(cast.free.some((e) => e.until === '2026-11-25T13:00:00.000Z')).toBe(true); // 14:00 Paris
  });

  it('follows back-to-back and overlapping meetings to their real end', () => {
    const p = must(cast.endingSoon[0]?.smtp ?? '');
    const chain = p.calendar.filter((i) => i.busyType === 'Busy' && i.end <= '2026-11-25T09:30:00.000Z');
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect(chain.some((a) => chain.some((b) => a !== b && a.end === b.start))).toBe(true);
    expect(chain.some((a) => chain.some((b) => a !== b && a.start < b.start && b.start < a.end))).toBe(true);
    // A minute later the same person is free until the afternoon meeting.
    const later = presenceCast(org, { at: '2026-11-25T09:31:00Z', among: [p.smtp] });
    expect(later.free[0]?.until).toBe('2026-11-25T13:00:00.000Z');
  });

  it('puts people of other zones off work at European daytime', () => {
    const zones = new Set(cast.offWork.map((e) => e.timeZone));
    expect([...zones].some((z) => ['America/New_York', 'Asia/Tokyo', 'Australia/Sydney'].includes(z))).toBe(
      true,
    );
    for (const e of cast.offWork) expect(worksAt(must(e.smtp), Date.parse(at))).toBe(false);
  });

  it('gives the OOF reply text for oofWithReply and none for oofWithoutReply', () => {
    for (const e of cast.oofWithReply) expect(e.reply).toBe(must(e.smtp).oof.internalReply);
    for (const e of cast.oofWithoutReply) expect(must(e.smtp).oof.internalReply).toBe('');
  });

  it('is complete for other seeds at the demo’s size too', () => {
    for (const seed of [1, 2, 3]) {
      const c = presenceCast(generateOrg({ seed, size: 200, epoch: '2027-03-10T00:00:00Z' }));
      for (const key of [
        'endingSoon',
        'free',
        'tentative',
        'oofWithReply',
        'oofWithoutReply',
        'offWork',
        'notShared',
      ] as const)
        expect(c[key].length, `${seed} ${key}`).toBeGreaterThan(0);
    }
  });

  it('records the scripted roles, and the scan finds each scripted person where the script put them', () => {
    const roles = scriptedCast(org);
    const has = (key: keyof typeof cast, smtp: string | undefined): boolean =>
      Array.isArray(cast[key]) && (cast[key] as { smtp: string }[]).some((e) => e.smtp === smtp);
    expect(has('endingSoon', roles.meetingEndingSoon)).toBe(true);
    expect(has('notShared', roles.notShared)).toBe(true);
    expect(has('tentative', roles.tentative)).toBe(true);
    expect(has('oofWithReply', roles.oofWithReply)).toBe(true);
    expect(has('oofWithReply', roles.oofAutoReplyOn)).toBe(true);
    expect(has('oofWithoutReply', roles.oofWithoutReply)).toBe(true);
    expect(has('inMeeting', roles.freeBusyOnly) && has('freeBusyOnly', roles.freeBusyOnly)).toBe(true);
    const free = cast.free.find((e) => e.smtp === roles.freeUntilAfternoon);
    expect(free?.until).toBe('2026-11-25T13:00:00.000Z');
    expect(generateOrg({ seed: 1, size: 20, epoch: EPOCH, realisticDay: false }).castRoles).toBeUndefined();
  });

  it('can look at anyone, e.g. alice herself', () => {
    const me = presenceCast(org, { among: [DEMO_ACCOUNTS.alice.smtp] });
    const all = [...me.inMeeting, ...me.free, ...me.tentative, ...me.oofWithReply, ...me.offWork];
    expect(all.length + me.oofWithoutReply.length).toBeLessThanOrEqual(1);
  });
});
