import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../../main/exchange-sim/org/generate';
import type { CalendarItem, Org, Person } from '../../../../main/exchange-sim/org/types';

const EPOCH = '2026-11-25T00:00:00.000Z';
const org = generateOrg({ seed: 42, size: 60, epoch: EPOCH });
const bySmtp = new Map(org.people.map((p) => [p.smtp, p]));
const must = (smtp: string): Person => {
  const p = bySmtp.get(smtp);
  if (!p) throw new Error(`missing ${smtp}`);
  return p;
};
const spans = (item: CalendarItem, instant: number): boolean =>
  Date.parse(item.start) < instant && instant < Date.parse(item.end);
let memo: Org | undefined;
/** One larger org for distribution checks, made once. */
const big400 = (): Org => (memo ??= generateOrg({ seed: 5, size: 400, epoch: EPOCH }));
const allItems = (o: Org): CalendarItem[] => o.people.flatMap((p) => p.calendar);

describe('generateOrg', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateOrg({ seed: 42, size: 60, epoch: EPOCH });
    expect(JSON.stringify(again)).toBe(JSON.stringify(org));
    const other = generateOrg({ seed: 43, size: 60, epoch: EPOCH });
    expect(other.people.map((p) => p.displayName)).not.toEqual(org.people.map((p) => p.displayName));
  });

  it('makes exactly the requested number of people and refuses sizes outside 10..10,000', () => {
    expect(org.people).toHaveLength(60);
    expect(generateOrg({ seed: 1, size: 10, epoch: EPOCH }).people).toHaveLength(10);
    expect(() => generateOrg({ seed: 1, size: 9 })).toThrow(RangeError);
    expect(() => generateOrg({ seed: 1, size: 10_001 })).toThrow(RangeError);
  });

  it('has the org names Exchange and autodiscover rely on', () => {
    expect(org.domain).toBe('contoso.test');
    expect(org.secondaryDomains).toEqual(['fabrikam.test']);
    expect(org.netbiosDomain).toBe('CONTOSO');
    expect(org.epoch).toBe(EPOCH);
    const today = generateOrg({ seed: 1, size: 10 }).epoch;
    expect(today.endsWith('T00:00:00.000Z')).toBe(true);
  });

  it('keeps the demo accounts, with their passwords and roles, the same across seeds', () => {
    for (const seed of [1, 999]) {
      const o = generateOrg({ seed, size: 20, epoch: EPOCH });
      for (const demo of Object.values(DEMO_ACCOUNTS)) {
        const p = o.people.find((x) => x.smtp === demo.smtp);
        expect(p, demo.smtp).toBeDefined();
        expect(p?.password).toBe(demo.password);
        expect(p?.displayName).toBe(demo.displayName);
        expect(p?.isDemoAccount).toBe(true);
      }
    }
    expect(must(DEMO_ACCOUNTS.helpdesk.smtp).canImpersonate).toBe(true);
    expect(org.people.filter((p) => p.canImpersonate).map((p) => p.smtp)).toEqual([
      DEMO_ACCOUNTS.helpdesk.smtp,
    ]);
    const dave = must(DEMO_ACCOUNTS.dave.smtp);
    expect(dave.lync.migration).toBe('lync');
    expect(dave.imList.migrationCompleted).toBe(false);
    expect(dave.imList.personas).toHaveLength(0);
    expect(dave.lync.contacts.length).toBeGreaterThan(0);
  });

  it('writes names in every script, with Hélène and other accented French names, behind ASCII addresses', () => {
    expect(new Set(org.people.map((p) => p.script))).toEqual(
      new Set(['latin', 'french', 'cyrillic', 'greek', 'arabic', 'cjk']),
    );
    expect(org.people.some((p) => p.givenName === 'Hélène' && p.displayName === 'Hélène Dubois')).toBe(true);
    const big = big400();
    const names = big.people.map((p) => p.displayName).join(' ');
    for (const re of [
      /[éè]/,
      /ç/,
      /ô/,
      /[\u0400-\u04ff]/,
      /[\u0370-\u03ff]/,
      /[\u0600-\u06ff]/,
      /[\u4e00-\u9fff]/,
    ]) {
      expect(names).toMatch(re);
    }
    for (const p of big.people) {
      expect(p.smtp).toMatch(/^[a-z0-9.-]+@contoso\.test$/);
      expect(p.sip).toBe(`sip:${p.smtp}`);
      expect(p.samAccountName).toMatch(/^CONTOSO\\[a-z0-9]{1,20}$/);
    }
    expect(new Set(big.people.map((p) => p.smtp)).size).toBe(big.people.length);
    expect(new Set(big.people.map((p) => p.samAccountName)).size).toBe(big.people.length);
  });

  it('fills in directory fields, managers inside the org and working hours in real IANA zones', () => {
    const ids = new Set(org.people.map((p) => p.id));
    for (const p of org.people) {
      expect(p.title && p.department && p.company && p.office && p.businessPhone).toBeTruthy();
      expect(() => new Intl.DateTimeFormat('en', { timeZone: p.workingHours.timeZone })).not.toThrow();
      expect(p.workingHours.endMinutes).toBeGreaterThan(p.workingHours.startMinutes);
    }
    const managed = org.people.filter((p) => p.managerId);
    expect(managed.length).toBeGreaterThan(40);
    expect(managed.filter((p) => !ids.has(p.managerId ?? ''))).toEqual([]);
    expect(new Set(org.people.map((p) => p.workingHours.timeZone)).size).toBeGreaterThanOrEqual(5);
  });

  it('gives most people a photo spec, mostly 648×648 JPEG, some PNG, non-square or small, some none', () => {
    const big = big400();
    const specs = big.people.map((p) => p.photo);
    const none = specs.filter((s) => !s).length / specs.length;
    expect(none).toBeGreaterThan(0.04);
    expect(none).toBeLessThan(0.2);
    const present = specs.filter((s) => s !== undefined);
    const full = present.filter((s) => s.format === 'jpeg' && s.width === 648 && s.height === 648);
    expect(full.length / present.length).toBeGreaterThan(0.5);
    expect(present.some((s) => s.format === 'png')).toBe(true);
    expect(present.some((s) => s.width !== s.height)).toBe(true);
    expect(present.some((s) => s.width < 648 && s.width === s.height)).toBe(true);
  });

  it('puts every meeting in every attendee calendar under the organiser uid, and back', () => {
    let meetings = 0;
    for (const p of org.people) {
      for (const item of p.calendar) {
        const organizer = must(item.organizer);
        const original = organizer.calendar.find((c) => c.id === item.uid);
        expect(original, `organiser copy of ${item.uid}`).toBeDefined();
        // Everyone holding a copy is its organiser or one of its attendees.
        expect([item.organizer, ...item.attendees.map((a) => a.smtp)]).toContain(p.smtp);
        if (item.id !== item.uid) continue;
        for (const a of item.attendees) {
          meetings++;
          const copy = must(a.smtp).calendar.find((c) => c.uid === item.uid);
          expect(copy, `${item.uid} in ${a.smtp}`).toBeDefined();
          expect(copy?.start).toBe(item.start);
          expect(copy?.end).toBe(item.end);
        }
      }
    }
    expect(meetings).toBeGreaterThan(50);
    expect(new Set(allItems(org).map((i) => i.id)).size).toBe(allItems(org).length);
  });

  it('has items that cross the European and the US daylight-saving changes, converted correctly', () => {
    const euOct = Date.UTC(2026, 9, 25, 1); // last Sunday of October 2026, 01:00 UTC
    const euMar = Date.UTC(2027, 2, 28, 1); // last Sunday of March 2027
    const usNov = Date.UTC(2026, 10, 1, 6); // first Sunday of November 2026, 02:00 EDT
    const usMar = Date.UTC(2027, 2, 14, 7); // second Sunday of March 2027, 02:00 EST
    const items = allItems(org);
    for (const t of [euOct, euMar, usNov, usMar]) expect(items.some((i) => spans(i, t))).toBe(true);
    // Saturday 10:00 CEST → Monday 10:00 CET is 49 hours, not 48.
    const offsite = must(DEMO_ACCOUNTS.alice.smtp).calendar.find(
      (i) => i.subject.startsWith('Team offsite') && spans(i, euOct),
    );
    expect(offsite?.start).toBe('2026-10-24T08:00:00.000Z');
    expect(offsite?.end).toBe('2026-10-26T09:00:00.000Z');
    expect(offsite?.timeZone).toBe('Europe/Paris');
  });

  it('mixes all-day, tentative, OOF, overlapping and back-to-back items around the epoch', () => {
    const items = allItems(org);
    expect(items.some((i) => i.isAllDay)).toBe(true);
    expect(items.some((i) => i.busyType === 'Tentative')).toBe(true);
    expect(items.some((i) => i.busyType === 'OOF')).toBe(true);
    expect(
      items.some(
        (i) => i.isOnlineMeeting && i.onlineMeetingJoinUrl?.startsWith('https://meet.contoso.test/'),
      ),
    ).toBe(true);
    const epoch = Date.parse(EPOCH);
    const near = items.filter((i) => Math.abs(Date.parse(i.start) - epoch) <= 22 * 86_400_000);
    expect(near.length / items.length).toBeGreaterThan(0.8);
    const alice = must(DEMO_ACCOUNTS.alice.smtp).calendar.filter((i) => !i.isAllDay);
    expect(alice.some((a) => alice.some((b) => a !== b && a.end === b.start))).toBe(true);
    expect(alice.some((a) => alice.some((b) => a !== b && a.start < b.start && b.start < a.end))).toBe(true);
  });

  it('sets out-of-office windows for some people, with bob scheduled', () => {
    const bob = must(DEMO_ACCOUNTS.bob.smtp);
    expect(bob.oof.state).toBe('Scheduled');
    expect(Date.parse(bob.oof.end ?? '')).toBeGreaterThan(Date.parse(bob.oof.start ?? ''));
    expect(bob.calendar.some((i) => i.busyType === 'OOF' && i.start === bob.oof.start)).toBe(true);
    const big = big400();
    expect(big.people.filter((p) => p.oof.state !== 'Disabled').length).toBeGreaterThan(10);
  });

  it('makes distribution groups whose members exist, some nested', () => {
    const smtps = new Set([...org.people.map((p) => p.smtp), ...org.groups.map((g) => g.smtp)]);
    const groupSmtps = new Set(org.groups.map((g) => g.smtp));
    for (const g of org.groups)
      for (const m of g.members) expect(smtps.has(m), `${g.smtp} → ${m}`).toBe(true);
    expect(org.groups.some((g) => g.members.some((m) => groupSmtps.has(m)))).toBe(true);
  });

  it('builds IM lists in server group order whose members all resolve', () => {
    for (const p of org.people) {
      const list = p.imList;
      if (p.lync.migration === 'lync') continue;
      expect(list.groups[0]?.type).toBe('Favorites');
      expect(list.groups[1]?.type).toBe('OtherContacts');
      const order = list.groups.map((g) =>
        ['Favorites', 'OtherContacts', 'Normal', 'DistributionGroup'].indexOf(g.type),
      );
      expect(order).toEqual([...order].sort((a, b) => a - b));
      const ids = new Set(list.personas.map((x) => x.id));
      const grouped = new Set(list.groups.flatMap((g) => g.memberIds));
      for (const id of grouped) expect(ids.has(id)).toBe(true);
      for (const id of ids) expect(grouped.has(id), `${p.smtp} ${id} in no group`).toBe(true);
      for (const g of list.groups.filter((x) => x.type === 'DistributionGroup'))
        expect(g.smtp).toMatch(/@contoso\.test$/);
    }
    const alice = must(DEMO_ACCOUNTS.alice.smtp);
    // Everyone but herself and Hélène (whom the demo adds from the directory).
    expect(alice.imList.personas.filter((x) => x.smtp)).toHaveLength(58);
    expect(alice.imList.personas.some((x) => x.smtp === DEMO_ACCOUNTS.helene.smtp)).toBe(false);
    expect(alice.imList.personas.some((x) => x.telUri?.startsWith('tel:+') && !x.imAddress)).toBe(true);
    expect(org.people.some((p) => p.imList.personas.length === 0 && p.lync.migration !== 'lync')).toBe(true);
  });

  it('gives the benchmark account about 1,000 contacts when the org is big enough', () => {
    const big = generateOrg({ seed: 3, size: 1100, epoch: EPOCH });
    const alice = big.people.find((p) => p.smtp === DEMO_ACCOUNTS.alice.smtp);
    const people = alice?.imList.personas.filter((x) => x.smtp) ?? [];
    expect(people.length).toBeGreaterThanOrEqual(980);
    // Under the list's 1,000 cap, telephone-only contacts included, so the demo can still add.
    expect(alice?.imList.personas.length).toBeLessThan(1000);
  });

  it('keeps the Lync side as the pre-migration list: partial migrations lost contacts UCS lacks', () => {
    const bob = must(DEMO_ACCOUNTS.bob.smtp);
    expect(bob.lync.migration).toBe('partial');
    const inUcs = new Set(bob.imList.personas.map((x) => x.imAddress ?? x.telUri));
    const lost = bob.lync.contacts.filter((c) => !inUcs.has(c.sipUri));
    expect(lost.length).toBeGreaterThan(0);
    expect(bob.imList.personas.length).toBe(bob.lync.contacts.length - lost.length);
    const alice = must(DEMO_ACCOUNTS.alice.smtp);
    expect(alice.lync.contacts.map((c) => c.sipUri).sort()).toEqual(
      alice.imList.personas.map((x) => x.imAddress ?? x.telUri).sort(),
    );
  });
});
