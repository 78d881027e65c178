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

const PHONE_FIELDS: ReadonlyArray<[string, string]> = [
  ['BusinessPhoneNumbers', 'Business'],
  ['MobilePhones', 'Mobile'],
  ['HomePhones', 'Home'],
];

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
  const primary = child(p, 'EmailAddress');
  if (primary) add(readEmail(primary));
  for (const e of child(p, 'EmailAddresses')?.children ?? []) add(readEmail(e));
  const phones: Phone[] = [];
  for (const [field, type] of PHONE_FIELDS)
    for (const v of child(p, field)?.children ?? []) {
      const value = child(v, 'Value');
      const number = trimmed(childText(value, 'Number'));
      if (number) phones.push({ number, type: trimmed(childText(value, 'Type')) ?? type });
    }
  if (phones.length === 0) {
    const single = child(p, 'PhoneNumber');
    const number = trimmed(childText(single, 'Number'));
    if (number) phones.push({ number, type: trimmed(childText(single, 'Type')) ?? 'Business' });
  }
  const contactIds: string[] = [];
  for (const a of child(p, 'Attributions')?.children ?? []) {
    const sid = child(a, 'SourceId')?.attrs.Id;
    if (sid) contactIds.push(sid);
  }
  const out: Persona = {
    id,
    displayName: cleanText(childText(p, 'DisplayName')) ?? emails[0]?.address ?? '',
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
