/** Reading t:Persona (GetImItemList, FindPeople, AddNewImContactToGroup…) into plain data. */
import { child, childText, childrenNamed, type XElement } from '../soap';
import { cleanText } from '../text';

export interface EmailAddress {
  address: string;
  name?: string;
  routingType?: string;
}

export interface Phone {
  number: string;
  /** e.g. `Business`, `Mobile`, `Home`. */
  type: string;
}

export interface Persona {
  id: string;
  displayName: string;
  emails: EmailAddress[];
  imAddress?: string;
  title?: string;
  department?: string;
  company?: string;
  office?: string;
  phones: Phone[];
  /** Mailbox contact items behind this persona (Attributions/SourceId): what IM group members point to. */
  contactIds: string[];
}

function trimmed(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** A single-valued field, or the first of its attributed multi-valued form (as clean text). */
function firstValue(p: XElement, single: string, multi: string): string | undefined {
  const s = cleanText(childText(p, single));
  if (s) return s;
  const m = child(p, multi);
  for (const v of m?.children ?? []) {
    const t = cleanText(childText(v, 'Value') ?? v.text);
    if (t) return t;
  }
  return undefined;
}

export function readEmail(e: XElement): EmailAddress | undefined {
  const address = trimmed(childText(e, 'EmailAddress'));
  if (!address) return undefined;
  const out: EmailAddress = { address };
  const name = cleanText(childText(e, 'Name'));
  if (name) out.name = name;
  const rt = trimmed(childText(e, 'RoutingType'));
  if (rt) out.routingType = rt;
  return out;
}

/** The persona's attributed phone lists (PhoneNumberAttributedValue), with the kind each implies. */
export const PHONE_FIELDS: ReadonlyArray<[string, string]> = [
  ['BusinessPhoneNumbers', 'Business'],
  ['BusinessPhoneNumbers2', 'Business'],
  ['MobilePhones', 'Mobile'],
  ['MobilePhones2', 'Mobile'],
  ['HomePhones', 'Home'],
  ['HomePhones2', 'Home'],
  ['OtherTelephones', 'OtherTelephone'],
  ['OtherPhones2', 'OtherTelephone'],
  ['OrganizationMainPhones', 'OrganizationMain'],
  ['AssistantPhoneNumbers', 'Assistant'],
  ['CallbackPhones', 'Callback'],
  ['CarPhones', 'Car'],
  ['Pagers', 'Pager'],
  ['RadioPhones', 'Radio'],
  ['TTYTDDPhoneNumbers', 'TtyTdd'],
];

/** Where a persona's name may be, most specific first (a telephone-only contact has no DisplayName). */
export const NAME_FIELDS = ['DisplayName', 'DisplayNameFirstLast', 'DisplayNameLastFirst', 'FileAs'] as const;

function personaName(p: XElement): string | undefined {
  for (const f of NAME_FIELDS) {
    const v = cleanText(childText(p, f));
    if (v) return v;
  }
  const attributed = firstValue(p, 'DisplayNames', 'DisplayNames');
  if (attributed) return attributed;
  const given = cleanText(childText(p, 'GivenName'));
  const surname = cleanText(childText(p, 'Surname'));
  const joined = [given, surname].filter(Boolean).join(' ');
  return joined || undefined;
}

export function readPersona(p: XElement): Persona {
  const id = child(p, 'PersonaId')?.attrs.Id ?? '';
  const emails: EmailAddress[] = [];
  const seen = new Set<string>();
  const add = (e: EmailAddress | undefined): void => {
    if (e && !seen.has(e.address.toLowerCase())) {
      seen.add(e.address.toLowerCase());
      emails.push(e);
    }
  };
  // EmailAddress (one), EmailAddresses (a list of Address), Emails1..3 (attributed values).
  const primary = child(p, 'EmailAddress');
  // Stryker disable next-line ConditionalExpression: readEmail of no element finds no address and gives undefined, which add skips
  if (primary) add(readEmail(primary));
  for (const e of child(p, 'EmailAddresses')?.children ?? []) add(readEmail(e));
  for (const list of ['Emails1', 'Emails2', 'Emails3'])
    for (const v of child(p, list)?.children ?? []) {
      const value = child(v, 'Value');
      // Stryker disable next-line ConditionalExpression: readEmail of no element finds no address and gives undefined, which add skips
      if (value) add(readEmail(value));
    }
  const phones: Phone[] = [];
  const addPhone = (number: string | undefined, type: string): void => {
    if (number && !phones.some((x) => x.number === number)) phones.push({ number, type });
  };
  for (const [field, type] of PHONE_FIELDS)
    for (const v of child(p, field)?.children ?? []) {
      const value = child(v, 'Value');
      addPhone(trimmed(childText(value, 'Number')), trimmed(childText(value, 'Type')) ?? type);
    }
  // PhoneNumbers: PhoneNumber children (Number, Type) or contact-style Entry Key="…" children.
  for (const e of child(p, 'PhoneNumbers')?.children ?? [])
    addPhone(
      trimmed(childText(e, 'Number') ?? e.text),
      trimmed(childText(e, 'Type')) ?? e.attrs.Key ?? 'OtherTelephone',
    );
  const single = child(p, 'PhoneNumber');
  addPhone(trimmed(childText(single, 'Number')), trimmed(childText(single, 'Type')) ?? 'Business');
  const contactIds: string[] = [];
  for (const a of child(p, 'Attributions')?.children ?? []) {
    const sid = child(a, 'SourceId')?.attrs.Id;
    if (sid) contactIds.push(sid);
  }
  const out: Persona = {
    id,
    displayName: personaName(p) ?? emails[0]?.address ?? '',
    emails,
    phones,
    contactIds,
  };
  const im = firstValue(p, 'ImAddress', 'ImAddresses');
  if (im) out.imAddress = im;
  const title = firstValue(p, 'Title', 'Titles');
  if (title) out.title = title;
  const dept = firstValue(p, 'Department', 'Departments');
  if (dept) out.department = dept;
  const company = firstValue(p, 'CompanyName', 'CompanyNames');
  if (company) out.company = company;
  const office = firstValue(p, 'OfficeLocation', 'OfficeLocations');
  if (office) out.office = office;
  return out;
}

export function readPersonas(container: XElement | undefined): Persona[] {
  return childrenNamed(container, 'Persona').map(readPersona);
}
