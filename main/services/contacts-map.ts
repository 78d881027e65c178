/**
 * Pure mapping from the EWS client's IM list (groups + personas) to the contract's ContactList,
 * and from directory answers to DirectoryEntry. No I/O.
 */
import type { Contact, ContactList, DirectoryEntry, Group, GroupKind, Phone } from '../../preload/contract';
import type { ImList, Persona } from '../exchange/operations/imList';
import type { Mailbox, Resolution } from '../exchange/operations/directory';

export const CONTACT_LIMIT = 1000;

/** What the mapping needs from the client's IM list. */
export interface ImListLike {
  groups: ReadonlyArray<Pick<ImList['groups'][number], 'id' | 'name' | 'type' | 'smtp' | 'memberIds'>>;
  personas: readonly Persona[];
  /** Persona ids the server sent more than once (see ImList). */
  duplicatePersonaIds?: readonly string[];
}

/** `Favorites`, `OtherContacts`, `Normal`, `DistributionGroup`, or their `IPM.DistList.MOC.*` forms. */
export function groupKind(type: string): GroupKind {
  const t = type
    .trim()
    .replace(/^IPM\.DistList\.MOC\./i, '')
    .toLowerCase();
  if (t === 'favorites') return 'favorites';
  if (t === 'othercontacts') return 'other';
  if (t === 'distributiongroup' || t === 'dg') return 'distribution';
  return 'user';
}

export function phoneKind(type: string): Phone['kind'] {
  const t = type.toLowerCase();
  if (t.startsWith('business') || t === 'work') return 'business';
  if (t.startsWith('mobile') || t === 'cell') return 'mobile';
  if (t.startsWith('home')) return 'home';
  return 'other';
}

export function stripScheme(address: string): string {
  return address.trim().replace(/^(sip|smtp):/i, '');
}

const isTel = (a: string | undefined): boolean => a !== undefined && /^tel:/i.test(a.trim());

function primaryEmail(p: Persona): string | undefined {
  const smtp = p.emails.find((e) => !e.routingType || e.routingType.toUpperCase() === 'SMTP');
  const a = (smtp ?? p.emails[0])?.address;
  return a ? stripScheme(a) : undefined;
}

function personaToContact(p: Persona, groupIds: string[]): Contact {
  const email = primaryEmail(p);
  const rawIm = p.imAddress?.trim();
  const imAddress = rawIm && !isTel(rawIm) ? stripScheme(rawIm) : undefined;
  const phones: Phone[] = p.phones.map((ph) => ({ kind: phoneKind(ph.type), number: ph.number }));
  const c: Contact = {
    id: p.id,
    displayName: p.displayName || email || imAddress || phones[0]?.number || '',
    phones,
    telephoneOnly: !email && !imAddress && (isTel(rawIm) || phones.length > 0),
    groupIds,
  };
  if (email) c.email = email;
  if (imAddress) c.imAddress = imAddress;
  if (p.title) c.title = p.title;
  if (p.department) c.department = p.department;
  if (p.office) c.office = p.office;
  if (p.company) c.company = p.company;
  return c;
}

/**
 * The contract's list from the server's. Group members are contact item ids on Exchange (the
 * persona's Attributions/SourceId), or persona ids on some servers: both are matched. Members
 * that match no persona are left out.
 */
export function toContactList(
  im: ImListLike,
  meta: { fetchedAt: string | null; fromCache?: boolean; offline?: boolean; limit?: number },
): ContactList {
  const byKey = new Map<string, string>();
  for (const p of im.personas) {
    byKey.set(p.id, p.id);
    for (const s of p.contactIds ?? []) if (!byKey.has(s)) byKey.set(s, p.id);
  }
  const memberOf = new Map<string, string[]>();
  const groups: Group[] = im.groups.map((g) => {
    const kind = groupKind(g.type);
    const members = new Set<string>();
    for (const m of g.memberIds) {
      const pid = byKey.get(m);
      if (pid === undefined || members.has(pid)) continue;
      members.add(pid);
      const list = memberOf.get(pid);
      if (list) list.push(g.id);
      else memberOf.set(pid, [g.id]);
    }
    const out: Group = { id: g.id, name: g.name, kind, memberIds: [...members] };
    if (kind === 'distribution' && g.smtp) out.smtp = stripScheme(g.smtp);
    return out;
  });
  const seen = new Set<string>();
  const contacts: Contact[] = [];
  for (const p of im.personas) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    contacts.push(personaToContact(p, memberOf.get(p.id) ?? []));
  }
  return {
    groups,
    contacts,
    fetchedAt: meta.fetchedAt,
    fromCache: meta.fromCache ?? false,
    offline: meta.offline ?? false,
    limit: meta.limit ?? CONTACT_LIMIT,
  };
}

/** e-mail / IM address (lower case) → contact id, to mark directory entries already in the list. */
export function contactIndex(list: ContactList | null): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of list?.contacts ?? []) {
    if (c.email) index.set(c.email.toLowerCase(), c.id);
    if (c.imAddress && !index.has(c.imAddress.toLowerCase())) index.set(c.imAddress.toLowerCase(), c.id);
  }
  return index;
}

const DL_TYPES = new Set(['publicdl', 'privatedl', 'groupmailbox']);

export function isGroupMailbox(m: Mailbox): boolean {
  return DL_TYPES.has((m.mailboxType ?? '').toLowerCase());
}

function mark(entry: DirectoryEntry, index: Map<string, string>): DirectoryEntry {
  const id =
    index.get(entry.email.toLowerCase()) ??
    (entry.imAddress ? index.get(entry.imAddress.toLowerCase()) : undefined);
  if (id) entry.contactId = id;
  return entry;
}

export function resolutionToEntry(r: Resolution, index: Map<string, string>): DirectoryEntry | null {
  const c = r.contact;
  const email = stripScheme(r.mailbox.address || c?.emails[0] || '');
  if (!email) return null;
  const im = c?.imAddresses.find((a) => !isTel(a));
  const entry: DirectoryEntry = {
    email,
    displayName: c?.displayName ?? r.mailbox.name ?? email,
    phones: (c?.phones ?? []).map((p) => ({ kind: phoneKind(p.type), number: p.number })),
    isGroup: isGroupMailbox(r.mailbox),
  };
  if (im) entry.imAddress = stripScheme(im);
  if (c?.title) entry.title = c.title;
  if (c?.department) entry.department = c.department;
  if (c?.office) entry.office = c.office;
  if (c?.company) entry.company = c.company;
  return mark(entry, index);
}

export function personaToEntry(p: Persona, index: Map<string, string>): DirectoryEntry | null {
  const email = primaryEmail(p);
  if (!email) return null;
  const entry: DirectoryEntry = {
    email,
    displayName: p.displayName || email,
    phones: p.phones.map((ph) => ({ kind: phoneKind(ph.type), number: ph.number })),
    isGroup: false,
  };
  if (p.imAddress && !isTel(p.imAddress)) entry.imAddress = stripScheme(p.imAddress);
  if (p.title) entry.title = p.title;
  if (p.department) entry.department = p.department;
  if (p.office) entry.office = p.office;
  if (p.company) entry.company = p.company;
  return mark(entry, index);
}

export function mailboxToEntry(m: Mailbox, index: Map<string, string>): DirectoryEntry | null {
  const email = stripScheme(m.address);
  if (!email) return null;
  return mark({ email, displayName: m.name ?? email, phones: [], isGroup: isGroupMailbox(m) }, index);
}
