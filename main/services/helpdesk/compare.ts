/**
 * The comparison of a user's pre-migration Lync list (the export) with the Unified Contact Store,
 * as pure functions over plain lists:
 *
 * - a contact matches by SIP URI, then by e-mail address, case- and `sip:`-insensitive (UCS keeps
 *   the SIP address in ImAddress and Lync's buddy is usually the same as the mail address);
 * - a telephone-only contact matches by its number's digits (`tel:+33 1 70…` = `+33170…`);
 * - groups match by name, case-insensitive, "~" being Other Contacts; Favorites and Other
 *   Contacts always exist in UCS, so they are never "extra"; distribution groups match by address;
 * - "nothing lost" only when no contact and no group of the export is missing.
 */
import type { ImList } from '../../exchange/operations/imList';
import type { ExportedUser } from './docitemset';
import { OTHER_CONTACTS } from './docitemset';
import type { Comparison, GroupChange, ListedContact, UcsCounts } from './types';

export interface UcsContact {
  displayName: string;
  sipUri?: string;
  emails: string[];
  /** For telephone-only contacts. */
  tel?: string;
  groups: string[];
  telephoneOnly: boolean;
}

export interface UcsGroup {
  name: string;
  kind: 'favorites' | 'other' | 'user' | 'distribution';
  smtp?: string;
}

export interface UcsSide {
  groups: UcsGroup[];
  contacts: UcsContact[];
}

const FAVORITES = 'Favorites';

export function addressKey(address: string): string {
  return address
    .trim()
    .replace(/^(sip|smtp):/i, '')
    .toLowerCase();
}

/** The digits of a number: a "tel:" prefix has none, so it goes with the rest. */
export function telKey(number: string): string {
  return number.replace(/[^0-9]/g, '');
}

export function groupKey(name: string): string {
  const n = name.trim().normalize('NFC').toLocaleLowerCase('en');
  return n === '~' ? OTHER_CONTACTS.toLowerCase() : n;
}

/** Exchange's GroupType is a class name (`IPM.DistList.MOC.OtherContacts`) or a short word. */
export function groupKind(type: string, smtp: string | undefined): UcsGroup['kind'] {
  if (smtp || /(DG|DistributionGroup)$/i.test(type)) return 'distribution';
  if (/Favorites$/i.test(type)) return 'favorites';
  if (/OtherContacts$/i.test(type)) return 'other';
  return 'user';
}

const isTel = (a: string | undefined): boolean => a !== undefined && /^tel:/i.test(a.trim());

/** The IM list as the comparison reads it: contacts with their group names. */
export function ucsSide(list: ImList): UcsSide {
  const groups: UcsGroup[] = list.groups.map((g) => {
    const kind = groupKind(g.type, g.smtp);
    const name = kind === 'other' ? OTHER_CONTACTS : kind === 'favorites' ? FAVORITES : g.name;
    return { name, kind, ...(g.smtp ? { smtp: g.smtp } : {}) };
  });
  const memberOf = new Map<string, string[]>();
  list.groups.forEach((g, i) => {
    const group = groups[i] as UcsGroup;
    if (group.kind === 'distribution') return;
    for (const id of g.memberPersonaIds) {
      const names = memberOf.get(id) ?? [];
      if (!names.includes(group.name)) names.push(group.name);
      memberOf.set(id, names);
    }
  });
  const contacts = list.personas.map((p): UcsContact => {
    const im = p.imAddress?.trim();
    const sip = im && !isTel(im) ? im.replace(/^sip:/i, '') : undefined;
    const emails = p.emails.map((e) => e.address.replace(/^smtp:/i, ''));
    const tel = isTel(im) ? im : p.phones[0]?.number;
    const telephoneOnly = !sip && emails.length === 0 && tel !== undefined;
    const c: UcsContact = {
      displayName: p.displayName,
      emails,
      groups: memberOf.get(p.id) ?? [],
      telephoneOnly,
    };
    if (sip) c.sipUri = sip;
    if (telephoneOnly && tel) c.tel = tel;
    return c;
  });
  return { groups, contacts };
}

export function ucsCounts(side: UcsSide): UcsCounts {
  return {
    groups: side.groups.filter((g) => g.kind !== 'distribution').length,
    contacts: side.contacts.length,
    telephoneOnly: side.contacts.filter((c) => c.telephoneOnly).length,
    distributionGroups: side.groups.filter((g) => g.kind === 'distribution').length,
  };
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map(groupKey));
  const y = new Set(b.map(groupKey));
  return x.size === y.size && [...x].every((k) => y.has(k));
}

function listedUcs(c: UcsContact): ListedContact {
  const address = c.sipUri ?? c.emails[0] ?? (c.tel ? `tel:${c.tel.replace(/^tel:/i, '')}` : '');
  return { address, displayName: c.displayName, groups: c.groups, telephoneOnly: c.telephoneOnly };
}

export function compareLists(exported: ExportedUser, ucs: UcsSide): Comparison {
  const bySip = new Map<string, number>();
  const byEmail = new Map<string, number>();
  const byTel = new Map<string, number>();
  ucs.contacts.forEach((c, i) => {
    if (c.sipUri && !bySip.has(addressKey(c.sipUri))) bySip.set(addressKey(c.sipUri), i);
    for (const e of c.emails) if (!byEmail.has(addressKey(e))) byEmail.set(addressKey(e), i);
    if (c.telephoneOnly && c.tel) {
      const k = telKey(c.tel);
      if (k && !byTel.has(k)) byTel.set(k, i);
    }
  });

  const used = new Set<number>();
  const missingContacts: ListedContact[] = [];
  const changedGroups: GroupChange[] = [];
  let matched = 0;
  let telephoneMatched = 0;
  for (const c of exported.contacts) {
    let at: number | undefined;
    if (c.telephoneOnly) {
      const k = telKey(c.buddy);
      at = k ? byTel.get(k) : undefined;
    } else {
      const k = addressKey(c.buddy);
      at = bySip.get(k) ?? byEmail.get(k);
    }
    const address = c.telephoneOnly ? `tel:${c.buddy.replace(/^tel:/i, '').trim()}` : addressKey(c.buddy);
    if (at === undefined) {
      missingContacts.push({
        address,
        ...(c.displayName ? { displayName: c.displayName } : {}),
        groups: c.groups,
        telephoneOnly: c.telephoneOnly,
      });
      continue;
    }
    used.add(at);
    matched++;
    if (c.telephoneOnly) telephoneMatched++;
    const u = ucs.contacts[at] as UcsContact;
    if (!sameGroups(c.groups, u.groups))
      changedGroups.push({
        address,
        ...(c.displayName || u.displayName ? { displayName: c.displayName ?? u.displayName } : {}),
        exportGroups: c.groups,
        ucsGroups: u.groups,
      });
  }
  const extraContacts = ucs.contacts.filter((_, i) => !used.has(i)).map(listedUcs);

  // Groups: by address for distribution groups, by name for the others; the special two are
  // made by Exchange itself, so they never count as extra or missing.
  const special = new Set([groupKey(FAVORITES), groupKey(OTHER_CONTACTS)]);
  const ucsNames = new Set(ucs.groups.filter((g) => g.kind !== 'distribution').map((g) => groupKey(g.name)));
  const ucsDgs = new Set(
    ucs.groups.filter((g) => g.kind === 'distribution').map((g) => addressKey(g.smtp ?? g.name)),
  );
  const ucsDgNames = new Set(
    ucs.groups.filter((g) => g.kind === 'distribution').map((g) => groupKey(g.name)),
  );
  const exportNames = new Set<string>();
  const exportDgs = new Set<string>();
  const missingGroups: string[] = [];
  for (const g of exported.groups) {
    if (g.distributionGroup) {
      exportDgs.add(addressKey(g.distributionGroup));
      exportNames.add(groupKey(g.name));
      if (!ucsDgs.has(addressKey(g.distributionGroup)) && !ucsDgNames.has(groupKey(g.name)))
        missingGroups.push(`${g.name} <${g.distributionGroup}>`);
      continue;
    }
    const k = groupKey(g.name);
    exportNames.add(k);
    if (special.has(k)) continue;
    // A distribution group the export did not mark as one still matches by name.
    if (!ucsNames.has(k) && !ucsDgNames.has(k)) missingGroups.push(g.name);
  }
  const extraGroups = ucs.groups
    .filter((g) => g.kind === 'user' || g.kind === 'distribution')
    .filter((g) =>
      g.kind === 'distribution'
        ? !exportDgs.has(addressKey(g.smtp ?? g.name)) && !exportNames.has(groupKey(g.name))
        : !exportNames.has(groupKey(g.name)),
    )
    .map((g) => (g.kind === 'distribution' && g.smtp ? `${g.name} <${g.smtp}>` : g.name));

  return {
    missingContacts,
    missingGroups,
    extraContacts,
    extraGroups,
    changedGroups,
    telephoneMatched,
    matched,
    nothingLost: missingContacts.length === 0 && missingGroups.length === 0,
  };
}
