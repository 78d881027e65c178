/** The directory: ResolveNames (full contact data), FindPeople, ExpandDL. */
import type { CallOptions, EwsCaller } from '../caller';
import { child, childText, childrenNamed, el, findFirst, singleResponse, type XElement } from '../soap';
import { readPersona, type EmailAddress, type Persona, type Phone } from './persona';
import { cleanText } from '../text';
import { FAST_PERSONA, fastPersonas } from '../fast/persona';
import { FAST_RESOLUTION, fastResolutions } from '../fast/directory';

/** FindPeople returns up to 1,000 personas a page: as large as the IM list, so the same cap. */
export const FIND_PEOPLE_MAX_RESPONSE_BYTES = 24 * 1024 * 1024;
/** A distribution list of many thousand members (~300 bytes each). */
export const EXPAND_DL_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface Mailbox {
  name?: string;
  address: string;
  routingType?: string;
  /** `Mailbox`, `PublicDL`, `PrivateDL`, `Contact`, `PublicFolder`, `GroupMailbox`… */
  mailboxType?: string;
}

export interface ResolvedContact {
  displayName?: string;
  givenName?: string;
  surname?: string;
  title?: string;
  department?: string;
  company?: string;
  office?: string;
  emails: string[];
  imAddresses: string[];
  phones: Phone[];
}

export interface Resolution {
  mailbox: Mailbox;
  contact?: ResolvedContact;
}

export interface ResolveNamesResult {
  resolutions: Resolution[];
  /** The name matched several entries (Warning ErrorNameResolutionMultipleResults). */
  ambiguous: boolean;
  includesLastItemInRange: boolean;
}

export type SearchScope =
  'ActiveDirectory' | 'ActiveDirectoryContacts' | 'Contacts' | 'ContactsActiveDirectory';

function t(s: string | undefined): string | undefined {
  const v = s?.trim();
  return v ? v : undefined;
}

export function readMailbox(e: XElement): Mailbox {
  const out: Mailbox = { address: t(childText(e, 'EmailAddress')) ?? '' };
  const name = cleanText(childText(e, 'Name'));
  if (name) out.name = name;
  const rt = t(childText(e, 'RoutingType'));
  if (rt) out.routingType = rt;
  const mt = t(childText(e, 'MailboxType'));
  if (mt) out.mailboxType = mt;
  return out;
}

/**
 * The phone entries a resolved contact shows, by their EWS key. A Map, not an object: the key comes
 * from the server, and `Key="constructor"` must not find Object's own properties.
 */
export const PHONE_KEYS: ReadonlyMap<string, string> = new Map([
  ['BusinessPhone', 'Business'],
  ['BusinessPhone2', 'Business'],
  ['MobilePhone', 'Mobile'],
  ['HomePhone', 'Home'],
  ['HomePhone2', 'Home'],
]);

function entries(e: XElement | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  // Stryker disable next-line ArrayDeclaration: a stand-in that is no element has no text and is skipped
  for (const en of e?.children ?? []) {
    const v = t(en.text);
    // Stryker disable next-line StringLiteral: no phone kind is keyed '' or the stand-in, and e-mail and IM entries ignore the key
    if (v) out.push([en.attrs.Key ?? '', v]);
  }
  return out;
}

export function stripSmtp(s: string): string {
  return s.replace(/^(smtp|sip):/i, '');
}

export function readContact(c: XElement): ResolvedContact {
  const phones: Phone[] = [];
  for (const [key, number] of entries(child(c, 'PhoneNumbers'))) {
    const type = PHONE_KEYS.get(key);
    if (type) phones.push({ number, type });
  }
  const out: ResolvedContact = {
    emails: entries(child(c, 'EmailAddresses')).map(([, v]) => stripSmtp(v)),
    imAddresses: entries(child(c, 'ImAddresses')).map(([, v]) => v),
    phones,
  };
  const fields: Array<[keyof ResolvedContact, string]> = [
    ['displayName', 'DisplayName'],
    ['givenName', 'GivenName'],
    ['surname', 'Surname'],
    ['title', 'JobTitle'],
    ['department', 'Department'],
    ['company', 'CompanyName'],
    ['office', 'OfficeLocation'],
  ];
  for (const [k, name] of fields) {
    const v = cleanText(childText(c, name));
    if (v) (out as unknown as Record<string, string>)[k] = v;
  }
  return out;
}

export function readResolution(r: XElement): Resolution {
  const mb = child(r, 'Mailbox');
  const c = child(r, 'Contact');
  const res: Resolution = { mailbox: mb ? readMailbox(mb) : { address: '' } };
  if (c) res.contact = readContact(c);
  return res;
}

export function readResolveNames(body: XElement): ResolveNamesResult {
  const msg = singleResponse(body, { allowCodes: ['ErrorNameResolutionNoResults'] });
  if (msg.code === 'ErrorNameResolutionNoResults')
    return { resolutions: [], ambiguous: false, includesLastItemInRange: true };
  const set = findFirst(msg.element, 'ResolutionSet');
  const resolutions: Resolution[] = [];
  const read = FAST_RESOLUTION.or(readResolution);
  // Stryker disable next-line ArrayDeclaration: the name check drops any stand-in that is no element
  for (const r of set?.children ?? []) if (r.name === 'Resolution') resolutions.push(read(r));
  return {
    resolutions,
    ambiguous: msg.code === 'ErrorNameResolutionMultipleResults',
    includesLastItemInRange: set?.attrs.IncludesLastItemInRange !== 'false',
  };
}

export async function resolveNames(
  ews: EwsCaller,
  query: string,
  options: CallOptions & { searchScope?: SearchScope; returnFullContactData?: boolean } = {},
): Promise<ResolveNamesResult> {
  const body = el(
    'm:ResolveNames',
    {
      ReturnFullContactData: (options.returnFullContactData ?? true) ? 'true' : 'false',
      SearchScope: options.searchScope ?? 'ActiveDirectory',
      ContactDataShape: 'AllProperties',
    },
    el('m:UnresolvedEntry', null, query),
  );
  const r = await ews.soap('ResolveNames', body, { typed: fastResolutions, ...options });
  return readResolveNames(r.body);
}

export interface FindPeopleResult {
  personas: Persona[];
  total?: number;
}

export function readFindPeople(body: XElement): FindPeopleResult {
  const msg = singleResponse(body);
  // Stryker disable next-line StringLiteral: findFirst finds the element itself, so FindPeopleResponse is found only when it is msg.element
  const e = findFirst(msg.element, 'FindPeopleResponse') ?? msg.element;
  // readPersonas, with the personas the fast reader read (main/exchange/fast/) taken as they are.
  const out: FindPeopleResult = {
    personas: childrenNamed(child(e, 'People'), 'Persona').map(FAST_PERSONA.or(readPersona)),
  };
  // Stryker disable next-line StringLiteral: any stand-in for an absent total is NaN as '' is
  const total = Number.parseInt(childText(e, 'TotalNumberOfPeopleInView') ?? '', 10);
  if (Number.isFinite(total)) out.total = total;
  return out;
}

/** FindPeople in the directory (GAL) by a query string, paged. */
export async function findPeople(
  ews: EwsCaller,
  query: string,
  options: CallOptions & { max?: number; offset?: number; folder?: 'directory' | 'contacts' } = {},
): Promise<FindPeopleResult> {
  const body = el(
    'm:FindPeople',
    null,
    el('m:PersonaShape', null, el('t:BaseShape', null, 'Default')),
    el('m:IndexedPageItemView', {
      BasePoint: 'Beginning',
      MaxEntriesReturned: Math.min(1000, options.max ?? 100),
      Offset: options.offset ?? 0,
    }),
    el('m:ParentFolderId', null, el('t:DistinguishedFolderId', { Id: options.folder ?? 'directory' })),
    el('m:QueryString', null, query),
  );
  const r = await ews.soap('FindPeople', body, {
    maxResponseBytes: FIND_PEOPLE_MAX_RESPONSE_BYTES,
    typed: fastPersonas,
    ...options,
  });
  return readFindPeople(r.body);
}

export interface ExpandDLResult {
  members: Mailbox[];
  includesLastItemInRange: boolean;
}

export function readExpandDL(body: XElement): ExpandDLResult {
  const msg = singleResponse(body);
  const exp = findFirst(msg.element, 'DLExpansion');
  return {
    // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
    members: (exp?.children ?? []).filter((c) => c.name === 'Mailbox').map(readMailbox),
    includesLastItemInRange: exp?.attrs.IncludesLastItemInRange !== 'false',
  };
}

export async function expandDL(ews: EwsCaller, smtp: string, options?: CallOptions): Promise<ExpandDLResult> {
  const body = el('m:ExpandDL', null, el('m:Mailbox', null, el('t:EmailAddress', null, smtp)));
  const r = await ews.soap('ExpandDL', body, {
    maxResponseBytes: EXPAND_DL_MAX_RESPONSE_BYTES,
    ...options,
  });
  return readExpandDL(r.body);
}

export type { EmailAddress, Persona, Phone };
