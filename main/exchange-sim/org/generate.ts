/**
 * The seeded organisation generator. Everything here is a pure function of (seed, size, epoch):
 * one PRNG stream (mulberry32), then the realistic day's own stream (day.ts), and no Math.random or
 * clock reads except the default epoch.
 */
import { DEPARTMENTS, MEETING_SUBJECTS, OFFICES, POOLS, ROOMS, TITLES, type Name } from './names';
import { calendarWriter, type ItemFields } from './calendar-writer';
import { addRecurringSeries } from './series';
import { addRealisticDay } from './day';
import { mulberry32, type Rng } from './random';
import { localDate, offsetChanges, zonedToUtc } from './tz';
import type {
  BusyType,
  DistributionGroup,
  ImGroup,
  ImGroupType,
  ImList,
  ImPersona,
  LyncContact,
  LyncSide,
  OofSettings,
  Org,
  Person,
  PhotoSpec,
  Script,
} from './types';

export const ORG_DOMAIN = 'contoso.test';
export const SECONDARY_DOMAIN = 'fabrikam.test';
export const NETBIOS_DOMAIN = 'CONTOSO';
export const MIN_ORG_SIZE = 10;
export const MAX_ORG_SIZE = 10_000;

export interface DemoAccount {
  smtp: string;
  password: string;
  displayName: string;
  /** What the account shows off, printed by the CLI. */
  role: string;
}

/** Fixed across seeds so docs, tests and demos can name them. */
export const DEMO_ACCOUNTS = {
  alice: {
    smtp: 'alice@contoso.test',
    password: 'Alice-Roster-2026',
    displayName: 'Alice Martin',
    role: 'rich UCS list (~1,000 contacts when the org is big enough), 648×648 photo, Paris',
  },
  bob: {
    smtp: 'bob@contoso.test',
    password: 'Bob-Roster-2026',
    displayName: 'Bob Kelly',
    role: 'partially migrated (UCS lost some Lync contacts), non-square photo, New York, OOF scheduled',
  },
  helpdesk: {
    smtp: 'helpdesk@contoso.test',
    password: 'Helpdesk-Roster-2026',
    displayName: 'Help Desk',
    role: 'ApplicationImpersonation (canImpersonate), no photo',
  },
  dave: {
    smtp: 'dave@contoso.test',
    password: 'Dave-Roster-2026',
    displayName: 'Dave Thompson',
    role: 'still on Lync Server (not migrated to UCS), small photo, London',
  },
  helene: {
    smtp: 'helene.dubois@contoso.test',
    password: 'Helene-Roster-2026',
    displayName: 'Hélène Dubois',
    role: 'accented name (French), PNG photo, Paris',
  },
} as const satisfies Record<string, DemoAccount>;

export interface GenerateOptions {
  seed: number;
  /** 10 … 10,000 people. */
  size: number;
  /** Calendars are generated around this instant; default: today, 00:00 UTC. */
  epoch?: string | Date;
  /** Add the realistic day (day.ts); default true. Off shows what the main stream alone makes. */
  realisticDay?: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

interface Draft {
  person: Person;
  script: Script;
  office: string;
  zone: string;
  ascii: { given: string; surname: string };
}

interface FixedSpec {
  key: keyof typeof DEMO_ACCOUNTS;
  local: string;
  given: Name;
  surname: Name;
  script: Script;
  office: string;
  department: string;
  title: string;
  photo: Omit<PhotoSpec, 'seed' | 'version'> | null;
  migration: LyncSide['migration'];
  canImpersonate: boolean;
}

const FIXED: FixedSpec[] = [
  {
    key: 'alice',
    local: 'alice',
    given: ['Alice', 'alice'],
    surname: ['Martin', 'martin'],
    script: 'latin',
    office: 'Paris',
    department: 'Engineering',
    title: 'Senior Software Engineer',
    photo: { format: 'jpeg', width: 648, height: 648 },
    migration: 'ucs',
    canImpersonate: false,
  },
  {
    key: 'bob',
    local: 'bob',
    given: ['Bob', 'bob'],
    surname: ['Kelly', 'kelly'],
    script: 'latin',
    office: 'New York',
    department: 'Sales',
    title: 'Key Account Manager',
    photo: { format: 'jpeg', width: 648, height: 480 },
    migration: 'partial',
    canImpersonate: false,
  },
  {
    key: 'helpdesk',
    local: 'helpdesk',
    given: ['Help', 'help'],
    surname: ['Desk', 'desk'],
    script: 'latin',
    office: 'London',
    department: 'Support',
    title: 'Service Desk Lead',
    photo: null,
    migration: 'ucs',
    canImpersonate: true,
  },
  {
    key: 'dave',
    local: 'dave',
    given: ['Dave', 'dave'],
    surname: ['Thompson', 'thompson'],
    script: 'latin',
    office: 'London',
    department: 'IT',
    title: 'Exchange Administrator',
    photo: { format: 'jpeg', width: 96, height: 96 },
    migration: 'lync',
    canImpersonate: false,
  },
  {
    key: 'helene',
    local: 'helene.dubois',
    given: ['Hélène', 'helene'],
    surname: ['Dubois', 'dubois'],
    script: 'french',
    office: 'Paris',
    department: 'Marketing',
    title: 'Product Marketing Manager',
    photo: { format: 'png', width: 648, height: 648 },
    migration: 'ucs',
    canImpersonate: false,
  },
];

const SCRIPT_WEIGHTS: [Script, number][] = [
  ['latin', 0.33],
  ['french', 0.2],
  ['cyrillic', 0.11],
  ['greek', 0.08],
  ['arabic', 0.1],
  ['cjk', 0.18],
];

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let r = rng.next();
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return (items[items.length - 1] as [T, number])[0];
}

function epochOf(epoch: string | Date | undefined): number {
  if (epoch === undefined) {
    const now = Date.now();
    return now - (now % DAY);
  }
  const ms = typeof epoch === 'string' ? Date.parse(epoch) : epoch.getTime();
  if (Number.isNaN(ms)) throw new Error(`invalid epoch: ${String(epoch)}`);
  return ms;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function asciiLocal(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '');
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Distinct indices in [0, n) other than `exclude`; rejection sampling unless most of the range is wanted. */
function distinctIndices(rng: Rng, n: number, count: number, exclude: number): number[] {
  const k = Math.min(count, n - 1);
  if (k <= 0) return [];
  if (k > n / 3) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (i !== exclude) all.push(i);
    return rng.sample(all, k);
  }
  const seen = new Set<number>([exclude]);
  const out: number[] = [];
  while (out.length < k) {
    const i = Math.floor(rng.next() * n);
    if (!seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  return out;
}

export function generateOrg(options: GenerateOptions): Org {
  const { seed } = options;
  const size = Math.floor(options.size);
  if (!Number.isFinite(size) || size < MIN_ORG_SIZE || size > MAX_ORG_SIZE) {
    throw new RangeError(`org size must be ${MIN_ORG_SIZE}..${MAX_ORG_SIZE}, got ${options.size}`);
  }
  const epochMs = epochOf(options.epoch);
  const rng = mulberry32(seed);
  const usedLocals = new Set<string>();
  const usedSams = new Set<string>();
  const drafts: Draft[] = [];

  const uniqueLocal = (base: string): string => {
    let local = base;
    for (let n = 2; usedLocals.has(local); n++) local = `${base}${n}`;
    usedLocals.add(local);
    return local;
  };
  const uniqueSam = (base: string): string => {
    const trimmed = base.slice(0, 18);
    let sam = trimmed;
    for (let n = 2; usedSams.has(sam); n++) sam = `${trimmed}${n}`;
    usedSams.add(sam);
    return sam;
  };

  const makePerson = (
    i: number,
    local: string,
    sam: string,
    given: Name,
    surname: Name,
    script: Script,
    office: string,
    password: string,
    isDemo: boolean,
  ): Draft => {
    const pool = POOLS[script];
    const displayName = pool.familyFirst ? `${surname[0]}${given[0]}` : `${given[0]} ${surname[0]}`;
    const smtp = `${local}@${ORG_DOMAIN}`;
    const info = OFFICES[office] ?? { zone: 'UTC', phone: '+1 555', building: 'HQ' };
    const start = 8 * 60 + rng.pick([0, 0, 30, 60, 90]);
    const person: Person = {
      id: `person-${i}`,
      smtp,
      aliases: [`${local}@${SECONDARY_DOMAIN}`],
      sip: `sip:${smtp}`,
      samAccountName: `${NETBIOS_DOMAIN}\\${sam}`,
      upn: smtp,
      password,
      displayName,
      givenName: given[0],
      surname: surname[0],
      script,
      company: rng.chance(0.05) ? 'Fabrikam, Inc.' : 'Contoso Ltd.',
      office: info.building,
      businessPhone: `${info.phone} ${String(rng.int(1000, 9999))}`,
      ...(rng.chance(0.7)
        ? { mobilePhone: `+1 555 01${String(rng.int(10, 99))} ${String(rng.int(1000, 9999))}` }
        : {}),
      workingHours: {
        timeZone: info.zone,
        days: [1, 2, 3, 4, 5],
        startMinutes: start,
        endMinutes: start + rng.pick([480, 510, 540]),
      },
      oof: { state: 'Disabled', externalAudience: 'None', internalReply: '', externalReply: '' },
      calendar: [],
      imList: { migrationCompleted: true, groups: [], personas: [] },
      lync: { migration: 'ucs', groups: [], contacts: [] },
      canImpersonate: false,
      isDemoAccount: isDemo,
    };
    return { person, script, office, zone: info.zone, ascii: { given: given[1], surname: surname[1] } };
  };

  // 1. People: the fixed demo accounts first (stable across seeds), then seeded ones.
  const fixedCount = Math.min(FIXED.length, size);
  for (let i = 0; i < fixedCount; i++) {
    const f = FIXED[i] as FixedSpec;
    const d = makePerson(
      i,
      uniqueLocal(f.local),
      uniqueSam(f.local.replace('.', '')),
      f.given,
      f.surname,
      f.script,
      f.office,
      DEMO_ACCOUNTS[f.key].password,
      true,
    );
    d.person.department = f.department;
    d.person.title = f.title;
    d.person.canImpersonate = f.canImpersonate;
    d.person.lync.migration = f.migration;
    if (f.photo) d.person.photo = { ...f.photo, seed: 1000 + i, version: 1 };
    drafts.push(d);
  }
  for (let i = fixedCount; i < size; i++) {
    // The first generated people cover every script, so even a small org shows them all.
    const k = i - fixedCount;
    const script =
      k < SCRIPT_WEIGHTS.length ? (SCRIPT_WEIGHTS[k] as [Script, number])[0] : weighted(rng, SCRIPT_WEIGHTS);
    const pool = POOLS[script];
    const given = rng.pick(pool.given);
    const surname = rng.pick(pool.surnames);
    const local = uniqueLocal(asciiLocal(`${given[1]}.${surname[1]}`));
    const sam = uniqueSam(asciiLocal(`${given[1].slice(0, 1)}${surname[1]}`).replace(/[.-]/g, ''));
    const office =
      script === 'latin'
        ? weighted(rng, [
            ['New York', 0.5],
            ['London', 0.3],
            ['Sydney', 0.2],
          ])
        : rng.pick(pool.offices);
    const password = `Pw-${rng.u32().toString(16).padStart(8, '0')}!`;
    const d = makePerson(i, local, sam, given, surname, script, office, password, false);
    d.person.department = rng.pick(DEPARTMENTS);
    d.person.photo = randomPhoto(rng);
    d.person.lync.migration = weighted<LyncSide['migration']>(rng, [
      ['ucs', 0.8],
      ['partial', 0.1],
      ['lync', 0.1],
    ]);
    drafts.push(d);
  }
  const people = drafts.map((d) => d.person);

  // 2. Reporting lines: per department a tree with fan-out 5, titles by position.
  const byDept = new Map<string, Person[]>();
  for (const p of people) {
    const dept = p.department ?? 'Operations';
    let list = byDept.get(dept);
    if (!list) byDept.set(dept, (list = []));
    list.push(p);
  }
  for (const [dept, list] of byDept) {
    list.forEach((p, j) => {
      if (j > 0) p.managerId = (list[Math.floor((j - 1) / 5)] as Person).id;
      if (p.title) return;
      if (j === 0) p.title = `Director of ${dept}`;
      else if (j <= 5) p.title = `${dept} Manager`;
      else p.title = rng.pick(TITLES[dept] ?? ['Specialist']);
    });
  }

  // 3. Out of office for some: a window around the epoch, plus a matching OOF calendar block.
  for (const d of drafts) {
    const p = d.person;
    const isBob = p.smtp === DEMO_ACCOUNTS.bob.smtp;
    if (!isBob && (p.isDemoAccount || !rng.chance(0.08))) continue;
    const startDay = isBob ? 2 : rng.int(-5, 10);
    const days = isBob ? 3 : rng.int(1, 10);
    const l = localDate(d.zone, epochMs + startDay * DAY + 12 * HOUR);
    const start = zonedToUtc(d.zone, l.y, l.month, l.d, 0, 0);
    const end = zonedToUtc(d.zone, l.y, l.month, l.d + days, 0, 0);
    const french = d.script === 'french';
    const reply = french
      ? `Je suis absent(e) jusqu’au ${new Date(end).toISOString().slice(0, 10)}. Pour toute urgence, contactez le support.`
      : `I am out of the office until ${new Date(end).toISOString().slice(0, 10)} with limited access to e-mail.`;
    const active = start <= epochMs && epochMs < end;
    p.oof = {
      state: isBob ? 'Scheduled' : active && rng.chance(0.5) ? 'Enabled' : 'Scheduled',
      externalAudience: rng.pick(['None', 'Known', 'All'] as const),
      start: iso(start),
      end: iso(end),
      internalReply: reply,
      externalReply: rng.chance(0.5) ? reply : '',
    } satisfies OofSettings;
  }

  // 4. Calendars.
  buildCalendars(rng, drafts, epochMs);

  // 5. Distribution groups (some nested).
  const groups = buildGroups(people, byDept, drafts);

  // 6. IM lists (UCS) and the Lync side.
  buildContactLists(rng, drafts, groups);

  // 7. The realistic day (today and tomorrow, a scripted cast among alice's contacts), from its own
  //    stream so everything above stays as it was for a seed.
  const castRoles =
    options.realisticDay === false
      ? undefined
      : addRealisticDay(people, {
          seed,
          epochMs,
          domain: ORG_DOMAIN,
          castOwnerSmtp: DEMO_ACCOUNTS.alice.smtp,
        });

  // 8. Recurring series (stand-ups, 1:1s, monthly reviews), from their own stream, leaving the
  //    scripted cast's minute-by-minute day alone.
  addRecurringSeries(people, {
    seed,
    epochMs,
    domain: ORG_DOMAIN,
    exclude: new Set(Object.values(castRoles ?? {})),
    demo: {
      alice: DEMO_ACCOUNTS.alice.smtp,
      bob: DEMO_ACCOUNTS.bob.smtp,
      dave: DEMO_ACCOUNTS.dave.smtp,
      helene: DEMO_ACCOUNTS.helene.smtp,
      helpdesk: DEMO_ACCOUNTS.helpdesk.smtp,
    },
  });

  return {
    seed,
    domain: ORG_DOMAIN,
    secondaryDomains: [SECONDARY_DOMAIN],
    netbiosDomain: NETBIOS_DOMAIN,
    epoch: iso(epochMs),
    people,
    groups,
    ...(castRoles ? { castRoles } : {}),
  };
}

function randomPhoto(rng: Rng): PhotoSpec | undefined {
  const r = rng.next();
  const seed = rng.u32();
  if (r < 0.1) return undefined;
  if (r < 0.7) return { format: 'jpeg', width: 648, height: 648, seed, version: 1 };
  if (r < 0.8) return { format: 'png', width: 648, height: 648, seed, version: 1 };
  if (r < 0.9)
    return rng.chance(0.5)
      ? { format: 'jpeg', width: 648, height: 480, seed, version: 1 }
      : { format: 'jpeg', width: 480, height: 648, seed, version: 1 };
  const side = rng.pick([48, 96, 120, 240, 360]);
  return { format: 'jpeg', width: side, height: side, seed, version: 1 };
}

function buildCalendars(rng: Rng, drafts: Draft[], epochMs: number): void {
  const n = drafts.length;
  const write = calendarWriter(rng, ORG_DOMAIN, 'cal');
  const add = (
    organizer: Draft,
    startMs: number,
    endMs: number,
    fields: ItemFields,
    attendeeIdx: number[],
  ): void =>
    write(
      organizer.person,
      startMs,
      endMs,
      fields,
      attendeeIdx.map((i) => (drafts[i] as Draft).person),
    );

  const pickAttendees = (self: number, max: number): number[] => {
    const count = rng.chance(0.2) ? 0 : rng.int(1, max);
    return distinctIndices(rng, n, count, self);
  };

  // Nearest DST changes on each side of the epoch (Europe: last Sunday of March/October; US: March/November).
  const span = 200 * DAY;
  const euChanges = offsetChanges('Europe/Paris', epochMs - span, epochMs + span);
  const usChanges = offsetChanges('America/New_York', epochMs - span, epochMs + span);
  const nearest = (list: number[]): number[] => {
    const before = list.filter((t) => t <= epochMs).pop();
    const after = list.find((t) => t > epochMs);
    return [before, after].filter((t): t is number => t !== undefined);
  };
  const dstAnchors: Record<string, number[]> = {
    'Europe/Paris': nearest(euChanges),
    'Europe/London': nearest(euChanges),
    'Europe/Athens': nearest(euChanges),
    'America/New_York': nearest(usChanges),
  };

  drafts.forEach((d, idx) => {
    const demo = d.person.isDemoAccount;
    const count = demo ? 14 : rng.int(1, 5);
    for (let m = 0; m < count; m++) {
      const dayOffset = rng.int(-21, 21);
      let l = localDate(d.zone, epochMs + dayOffset * DAY + 12 * HOUR);
      if (l.weekday === 0 || l.weekday === 6)
        l = localDate(d.zone, epochMs + (dayOffset + (l.weekday === 6 ? 2 : 1)) * DAY + 12 * HOUR);
      const hour = rng.int(8, 16);
      const minute = rng.pick([0, 30]);
      const start = zonedToUtc(d.zone, l.y, l.month, l.d, hour, minute);
      const duration = rng.pick([30, 30, 60, 60, 60, 90, 120]) * MIN;
      const busy = weighted<BusyType>(rng, [
        ['Busy', 0.85],
        ['Tentative', 0.05],
        ['Free', 0.04],
        ['WorkingElsewhere', 0.03],
        ['OOF', 0.03],
      ]);
      const fields = {
        subject: rng.pick(MEETING_SUBJECTS),
        busyType: busy,
        location: rng.pick(ROOMS),
        online: rng.chance(0.25),
      };
      add(d, start, start + duration, fields, pickAttendees(idx, 4));
      // Back-to-back (next starts when this ends) and overlapping (starts half-way) follow-ups.
      if (rng.chance(0.25) || (demo && m === 0)) {
        add(
          d,
          start + duration,
          start + duration + 30 * MIN,
          { ...fields, subject: `${fields.subject} (follow-up)` },
          pickAttendees(idx, 3),
        );
      }
      if (rng.chance(0.1) || (demo && m === 1)) {
        add(
          d,
          start + duration / 2,
          start + duration / 2 + HOUR,
          { subject: 'Overlapping call', busyType: 'Busy', location: 'Teams/Lync' },
          pickAttendees(idx, 2),
        );
      }
    }
    // All-day events: holidays / training days, in the person's own zone.
    if (demo || rng.chance(0.25)) {
      const l = localDate(d.zone, epochMs + rng.int(-14, 14) * DAY + 12 * HOUR);
      const days = rng.int(1, 2);
      const start = zonedToUtc(d.zone, l.y, l.month, l.d, 0, 0);
      const end = zonedToUtc(d.zone, l.y, l.month, l.d + days, 0, 0);
      const holiday = rng.chance(0.4);
      add(
        d,
        start,
        end,
        {
          subject: holiday ? 'Public holiday' : 'Training',
          busyType: holiday ? 'OOF' : 'Free',
          isAllDay: true,
        },
        [],
      );
    }
    // Out-of-office block matching the OOF window.
    if (d.person.oof.start && d.person.oof.end) {
      add(
        d,
        Date.parse(d.person.oof.start),
        Date.parse(d.person.oof.end),
        { subject: 'Vacation', busyType: 'OOF', isAllDay: true },
        [],
      );
    }
    // Items spanning a DST change (every demo account in an affected zone, and a few others).
    const anchors = dstAnchors[d.zone];
    if (anchors && (demo || rng.chance(0.04))) {
      for (const t of anchors) {
        const sat = localDate(d.zone, t - 20 * HOUR);
        const offsiteStart = zonedToUtc(d.zone, sat.y, sat.month, sat.d, 10, 0);
        const offsiteEnd = zonedToUtc(d.zone, sat.y, sat.month, sat.d + 2, 10, 0);
        add(
          d,
          offsiteStart,
          offsiteEnd,
          {
            subject: 'Team offsite (spans the clock change)',
            busyType: 'WorkingElsewhere',
            location: 'Off-site',
          },
          pickAttendees(idx, 3),
        );
        const sun = localDate(d.zone, t + 2 * HOUR);
        const mStart = zonedToUtc(d.zone, sun.y, sun.month, sun.d, 0, 30);
        const mEnd = zonedToUtc(d.zone, sun.y, sun.month, sun.d, 4, 30);
        add(
          d,
          mStart,
          mEnd,
          { subject: 'Overnight maintenance window', busyType: 'Busy', location: 'Datacenter' },
          [],
        );
      }
    }
  });

  for (const d of drafts)
    d.person.calendar.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
}

function buildGroups(people: Person[], byDept: Map<string, Person[]>, drafts: Draft[]): DistributionGroup[] {
  const groups: DistributionGroup[] = [];
  const add = (local: string, displayName: string, members: string[]): void => {
    groups.push({ id: `dg-${local}`, smtp: `${local}@${ORG_DOMAIN}`, displayName, members });
  };
  for (const dept of [...byDept.keys()].sort()) {
    add(
      `dl-${slug(dept)}`,
      `${dept} (all)`,
      (byDept.get(dept) ?? []).map((p) => p.smtp),
    );
  }
  const byOffice = new Map<string, string[]>();
  for (const d of drafts) {
    let list = byOffice.get(d.office);
    if (!list) byOffice.set(d.office, (list = []));
    list.push(d.person.smtp);
  }
  const officeSmtps: string[] = [];
  for (const office of [...byOffice.keys()].sort()) {
    const local = `office-${slug(office)}`;
    add(local, `${office} office`, byOffice.get(office) ?? []);
    officeSmtps.push(`${local}@${ORG_DOMAIN}`);
  }
  // Nested: all-staff holds the office groups, managers holds heads and the managers' group of each dept.
  add('all-staff', 'All staff', officeSmtps);
  const managerIds = new Set(people.map((p) => p.managerId).filter((x): x is string => !!x));
  add(
    'managers',
    'People managers',
    people.filter((p) => managerIds.has(p.id)).map((p) => p.smtp),
  );
  const demo = people.filter((p) => p.isDemoAccount).map((p) => p.smtp);
  // Nested: the pilot group holds the demo accounts and the Support group (the help desk is always in Support).
  add('roster-pilot', 'Roster pilot group', [...demo, `dl-support@${ORG_DOMAIN}`]);
  return groups;
}

interface AbstractGroup {
  name: string;
  type: ImGroupType;
  smtp?: string;
}
interface AbstractContact {
  persona: Omit<ImPersona, 'id'>;
  groups: string[];
}

const USER_GROUP_NAMES = [
  'My Team',
  'Project Phoenix',
  'Paris office',
  'Друзья',
  '同僚',
  'Partners',
  'Management',
  'Équipe produit',
];

function buildContactLists(rng: Rng, drafts: Draft[], dgs: DistributionGroup[]): void {
  const n = drafts.length;
  drafts.forEach((d, idx) => {
    const p = d.person;
    const isAlice = p.smtp === DEMO_ACCOUNTS.alice.smtp;
    let count: number;
    // Under the 1,000 cap with room to add (the list's limit is part of the demo), and without
    // Hélène, whom the demo adds from the directory.
    if (isAlice) count = Math.min(990, n - 1);
    else if (p.isDemoAccount) count = rng.int(15, 40);
    else {
      const r = rng.next();
      count = r < 0.1 ? 0 : r < 0.7 ? rng.int(1, 15) : r < 0.97 ? rng.int(15, 60) : rng.int(60, 200);
    }
    const groups: AbstractGroup[] = [
      { name: 'Favorites', type: 'Favorites' },
      { name: 'Other Contacts', type: 'OtherContacts' },
    ];
    const contacts: AbstractContact[] = [];
    if (count > 0) {
      const userGroups = rng.sample(USER_GROUP_NAMES, isAlice ? 6 : rng.int(0, 4));
      for (const name of userGroups) groups.push({ name, type: 'Normal' });
      const dgCount = isAlice ? 2 : rng.chance(0.2) ? rng.int(1, 2) : 0;
      for (const g of rng.sample(dgs, dgCount))
        groups.push({ name: g.displayName, type: 'DistributionGroup', smtp: g.smtp });
      let favorites = 0;
      for (const i of distinctIndices(rng, n, count, idx)) {
        const other = (drafts[i] as Draft).person;
        if (isAlice && other.smtp === DEMO_ACCOUNTS.helene.smtp) continue;
        const memberOf: string[] = [];
        if (favorites < 8 && rng.chance(0.1)) {
          memberOf.push('Favorites');
          favorites++;
        }
        if (userGroups.length > 0 && rng.chance(0.75)) memberOf.push(rng.pick(userGroups));
        if (
          memberOf.length === 0 ||
          (memberOf[0] === 'Favorites' && memberOf.length === 1 && rng.chance(0.3))
        )
          memberOf.push('Other Contacts');
        contacts.push({
          persona: { displayName: other.displayName, smtp: other.smtp, imAddress: other.sip },
          groups: memberOf,
        });
      }
      // Telephone-only personas (no SIP address).
      const tels = isAlice ? 3 : rng.chance(0.2) ? rng.int(1, 3) : 0;
      for (let t = 0; t < tels; t++) {
        const digits = `+3317${String(rng.int(1000000, 9999999))}`;
        contacts.push({
          persona: {
            displayName: rng.pick(['Taxi', 'Reception', 'Conference bridge', digits]),
            telUri: `tel:${digits}`,
          },
          groups: ['Other Contacts'],
        });
      }
    }

    // The Lync list is the pre-migration truth; UCS holds it all (ucs), some of it (partial) or nothing (lync).
    const lyncGroups = groups.map((g) => g.name);
    p.lync = {
      migration: p.lync.migration,
      groups: lyncGroups,
      // Plain literals, and the groups array handed over rather than copied: this runs 10^5 times at 10,000 people.
      contacts: contacts.map((c) => {
        const lc: LyncContact = { sipUri: c.persona.imAddress ?? c.persona.telUri ?? '', groups: c.groups };
        if (c.persona.displayName) lc.displayName = c.persona.displayName;
        if (c.persona.telUri) lc.tel = c.persona.telUri.slice(4);
        return lc;
      }),
    };
    let kept = contacts;
    if (p.lync.migration === 'partial' && contacts.length > 0) {
      const drop = Math.max(1, Math.floor(contacts.length * (0.1 + rng.next() * 0.2)));
      const dropped = new Set(distinctIndices(rng, contacts.length + 1, drop, contacts.length));
      kept = contacts.filter((_, i) => !dropped.has(i));
    }
    p.imList =
      p.lync.migration === 'lync'
        ? { migrationCompleted: false, groups: [], personas: [] }
        : toImList(idx, groups, kept);
  });
}

function toImList(owner: number, groups: AbstractGroup[], contacts: AbstractContact[]): ImList {
  const ids = contacts.map((_, k) => `persona-${owner}-${k}`);
  const personas: ImPersona[] = contacts.map((c, k) => {
    const persona: ImPersona = { id: ids[k] as string, displayName: c.persona.displayName };
    if (c.persona.smtp) persona.smtp = c.persona.smtp;
    if (c.persona.imAddress) persona.imAddress = c.persona.imAddress;
    if (c.persona.telUri) persona.telUri = c.persona.telUri;
    return persona;
  });
  const imGroups: ImGroup[] = groups.map((g, k) => ({
    id: `imgroup-${owner}-${k}`,
    changeKey: 'EwAAAA==',
    displayName: g.name,
    type: g.type,
    ...(g.smtp ? { smtp: g.smtp } : {}),
    memberIds: [],
  }));
  const byName = new Map(imGroups.map((g) => [g.displayName, g]));
  contacts.forEach((c, k) => {
    for (const name of c.groups) byName.get(name)?.memberIds.push(ids[k] as string);
  });
  return { migrationCompleted: true, groups: imGroups, personas };
}
