/**
 * Lync Server's DocItemSet.xml (inside an Export-CsUserData zip) → each user's pre-migration
 * contact groups and contacts. The format is not documented; its shape here was inferred from
 * exports, so the reader goes by local element names (namespaces vary by version), takes
 * attributes or child elements, and leaves out what it does not know rather than failing:
 *
 *   DocItemSet > DocItem[Name="urn:hcd:<sip>"] > Data > HomedResource[Identity]
 *     > ContactGroups > ContactGroup[Number, DisplayName (base64 UTF-8; "~" = Other Contacts), ExternalUri]
 *     > Contacts > Contact[Buddy ("sip:…" or "tel:…"), Name, Groups ("1 3")]
 *
 * A distribution group carries `<groupExtension groupType="dg"><email>…</email>` in ExternalUri.
 */
import { parseXml, type XElement } from '../../exchange/soap';
import { ExportError } from './export-zip';

export interface ExportGroup {
  number: string;
  name: string;
  /** For a distribution group, its address. */
  distributionGroup?: string;
}

export interface ExportContact {
  /** As written (`sip:bob@contoso.com`, `tel:+33…`). */
  buddy: string;
  displayName?: string;
  /** Group names (decoded), in the export's order. */
  groups: string[];
  telephoneOnly: boolean;
}

export interface ExportedUser {
  /** The user's SIP URI without `sip:`, when the export says. */
  sipUri?: string;
  groups: ExportGroup[];
  contacts: ExportContact[];
}

/** Lync's own name for the default group. */
export const OTHER_CONTACTS = 'Other Contacts';

function descendants(e: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of e.children) {
    if (c.name === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}

/** An attribute, or a child element of that name (some versions write elements). */
function field(e: XElement, name: string): string | undefined {
  const a = e.attrs[name];
  if (a !== undefined) return a;
  const c = e.children.find((x) => x.name === name);
  return c ? c.text : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Group names are base64 of UTF-8 in the exports seen; a name that does not decode to clean
 * text is taken as written (a plain "Team" happens to be valid base64 of garbage bytes).
 */
export function decodeGroupName(raw: string): string {
  const s = raw.trim();
  let name = s;
  if (s.length >= 4 && BASE64.test(s)) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'base64'));
      // eslint-disable-next-line no-control-regex
      if (text.trim() !== '' && !/[\u0000-\u001f\u007f\ufffd]/.test(text)) name = text;
    } catch {
      /* not base64 text: keep as written */
    }
  }
  return name.trim() === '~' ? OTHER_CONTACTS : name.trim();
}

function distributionGroupOf(externalUri: string | undefined): string | undefined {
  if (!externalUri || !/groupType\s*=\s*["']?dg/i.test(externalUri)) return undefined;
  return /<email>\s*([^<\s]+)\s*<\/email>/i.exec(externalUri)?.[1];
}

export function stripSip(uri: string): string {
  return uri.trim().replace(/^sip:/i, '');
}

function readUser(item: XElement): ExportedUser {
  const homed = descendants(item, 'HomedResource')[0] ?? item;
  const identity = field(homed, 'Identity') ?? item.attrs.Name?.replace(/^urn:[a-z]+:/i, '');
  const groups: ExportGroup[] = [];
  const byNumber = new Map<string, string>();
  for (const g of descendants(homed, 'ContactGroup')) {
    const number = (field(g, 'Number') ?? '').trim();
    const name = decodeGroupName(field(g, 'DisplayName') ?? '');
    if (!name) continue;
    const group: ExportGroup = { number, name };
    const dg = distributionGroupOf(field(g, 'ExternalUri'));
    if (dg) group.distributionGroup = dg;
    groups.push(group);
    if (number) byNumber.set(number, name);
  }
  const contacts: ExportContact[] = [];
  for (const c of descendants(homed, 'Contact')) {
    const buddy = (field(c, 'Buddy') ?? field(c, 'Uri') ?? '').trim();
    if (!buddy) continue;
    const names = (field(c, 'Groups') ?? '')
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((n) => byNumber.get(n))
      .filter((n): n is string => n !== undefined);
    const contact: ExportContact = {
      buddy,
      groups: names.length ? [...new Set(names)] : [OTHER_CONTACTS],
      telephoneOnly: /^tel:/i.test(buddy),
    };
    const name = field(c, 'Name')?.trim();
    if (name) contact.displayName = name;
    contacts.push(contact);
  }
  const user: ExportedUser = { groups, contacts };
  if (identity?.trim()) user.sipUri = stripSip(identity);
  return user;
}

/** Every user in the file (an export can hold a whole pool). */
export function parseDocItemSet(xml: string): ExportedUser[] {
  let root: XElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    throw new ExportError(
      'malformed-xml',
      `DocItemSet.xml is not well-formed XML (${err instanceof Error ? err.message.slice(0, 200) : 'unreadable'}).`,
    );
  }
  if (root.name !== 'DocItemSet')
    throw new ExportError(
      'no-docitemset',
      `DocItemSet.xml starts with <${root.name.slice(0, 60)}>, not <DocItemSet>: it is not an Export-CsUserData file.`,
    );
  const items = descendants(root, 'DocItem');
  return items
    .map(readUser)
    .filter((u) => u.sipUri !== undefined || u.contacts.length > 0 || u.groups.length > 0);
}

/**
 * The export's user that is the one being checked: by SIP URI or e-mail, case- and `sip:`-
 * insensitive. A file for someone else is an error, not an empty list: comparing against the
 * wrong person would "prove" losses that are not there.
 */
export function pickExportedUser(
  users: readonly ExportedUser[],
  identities: readonly string[],
): ExportedUser {
  const wanted = new Set(identities.map((i) => stripSip(i).toLowerCase()).filter(Boolean));
  const found = users.find((u) => u.sipUri !== undefined && wanted.has(u.sipUri.toLowerCase()));
  if (found) return found;
  if (users.length === 1 && (users[0] as ExportedUser).sipUri === undefined) return users[0] as ExportedUser;
  if (users.length === 0) throw new ExportError('no-user', 'DocItemSet.xml holds no user data.');
  const holds = users
    .slice(0, 3)
    .map((u) => u.sipUri ?? '(no address)')
    .join(', ');
  throw new ExportError(
    'no-user',
    `The export is not for ${[...wanted][0] ?? 'this user'}: it holds ${users.length === 1 ? holds : `${users.length} users (${holds}${users.length > 3 ? ', …' : ''})`}.`,
  );
}
