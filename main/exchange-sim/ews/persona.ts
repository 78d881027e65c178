/** t:Persona and mailbox/contact pieces shared by the IM list and the directory operations. */
import type { ImPersona, Org, Person } from '../org/types';
import { encodeChangeKey, encodeId } from './ids';
import { el, leaf } from './xml';

export const DIRECTORY_OWNER = '#directory';

interface AddressIndex {
  people: Person[];
  size: number;
  bySmtp: Map<string, Person>;
}
const indexes = new WeakMap<Org, AddressIndex>();

/** smtp and proxy addresses → person, rebuilt when the people array changes (10,000-person orgs). */
function addressIndex(org: Org): Map<string, Person> {
  const cur = indexes.get(org);
  if (cur && cur.people === org.people && cur.size === org.people.length) return cur.bySmtp;
  const bySmtp = new Map<string, Person>();
  for (const p of org.people) {
    for (const a of p.aliases) bySmtp.set(a.toLowerCase(), p);
  }
  for (const p of org.people) bySmtp.set(p.smtp.toLowerCase(), p);
  indexes.set(org, { people: org.people, size: org.people.length, bySmtp });
  return bySmtp;
}

export function personBySmtp(org: Org, smtp: string | undefined): Person | undefined {
  if (!smtp) return undefined;
  const a = smtp
    .trim()
    .toLowerCase()
    .replace(/^smtp:/, '');
  const hit = addressIndex(org).get(a);
  // A person's address may have been edited in place since the index was built: check, else scan.
  if (hit && (hit.smtp.toLowerCase() === a || hit.aliases.some((x) => x.toLowerCase() === a))) return hit;
  return org.people.find((p) => p.smtp.toLowerCase() === a || p.aliases.some((x) => x.toLowerCase() === a));
}

export function emailAddressXml(
  name: string,
  smtp: string,
  mailboxType?: string,
  tag = 't:EmailAddress',
): string {
  return el(
    tag,
    undefined,
    leaf('t:Name', name),
    leaf('t:EmailAddress', smtp),
    leaf('t:RoutingType', 'SMTP'),
    mailboxType !== undefined ? leaf('t:MailboxType', mailboxType) : '',
  );
}

export function mailboxXml(name: string, smtp: string, mailboxType: string): string {
  return el(
    't:Mailbox',
    undefined,
    leaf('t:Name', name),
    leaf('t:EmailAddress', smtp),
    leaf('t:RoutingType', 'SMTP'),
    leaf('t:MailboxType', mailboxType),
  );
}

interface PersonaFields {
  personaId: string;
  creationTime: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  title?: string;
  department?: string;
  company?: string;
  office?: string;
  smtp?: string;
  /** Proxy addresses, listed after the primary one in EmailAddresses. */
  aliases?: readonly string[];
  imAddress?: string;
  businessPhone?: string;
  mobilePhone?: string;
  /**
   * A telephone-only contact (AddNewTelUriContactToGroup): shaped as Exchange returns it, with no
   * DisplayName, its name in DisplayNameFirstLast, this number in PhoneNumber and OtherTelephones.
   */
  telephoneOnly?: string;
  /** Contact item behind the persona (Attributions/SourceId), when it is a mailbox contact. */
  sourceId?: string;
  folderId?: string;
}

function attributed(tag: string, inner: string): string {
  return el(tag, undefined, inner, '<t:Attributions><t:Attribution>0</t:Attribution></t:Attributions>');
}

function phoneAttributed(tag: string, number: string | undefined, type: string): string {
  if (!number) return '';
  return el(
    tag,
    undefined,
    attributed(
      't:PhoneNumberAttributedValue',
      el('t:Value', undefined, leaf('t:Number', number), leaf('t:Type', type)),
    ),
  );
}

export function personaXml(f: PersonaFields, tag = 't:Persona'): string {
  const lastFirst = f.surname && f.givenName ? `${f.surname} ${f.givenName}` : f.displayName;
  const tel = f.telephoneOnly;
  return el(
    tag,
    undefined,
    el('t:PersonaId', { Id: f.personaId }),
    leaf('t:PersonaType', 'Person'),
    leaf('t:CreationTime', f.creationTime),
    tel === undefined ? leaf('t:DisplayName', f.displayName) : '',
    leaf('t:DisplayNameFirstLast', f.displayName),
    leaf('t:DisplayNameLastFirst', lastFirst),
    leaf('t:FileAs', f.surname && f.givenName ? `${f.surname}, ${f.givenName}` : f.displayName),
    leaf('t:FileAsId', f.surname && f.givenName ? 'LastCommaFirst' : 'None'),
    leaf('t:GivenName', f.givenName),
    leaf('t:Surname', f.surname),
    leaf('t:Title', f.title),
    leaf('t:Department', f.department),
    leaf('t:CompanyName', f.company),
    f.smtp !== undefined ? emailAddressXml(f.displayName, f.smtp) : '',
    f.smtp !== undefined
      ? el(
          't:EmailAddresses',
          undefined,
          ...[f.smtp, ...(f.aliases ?? [])].map((a) =>
            emailAddressXml(f.displayName, a, undefined, 't:Address'),
          ),
        )
      : '',
    tel !== undefined
      ? el('t:PhoneNumber', undefined, leaf('t:Number', tel), leaf('t:Type', 'OtherTelephone'))
      : f.businessPhone !== undefined
        ? el('t:PhoneNumber', undefined, leaf('t:Number', f.businessPhone), leaf('t:Type', 'Business'))
        : '',
    leaf('t:ImAddress', f.imAddress),
    leaf('t:WorkCity', f.office),
    leaf('t:RelevanceScore', 2147483647),
    f.sourceId !== undefined
      ? el(
          't:Attributions',
          undefined,
          el(
            't:Attribution',
            undefined,
            leaf('t:Id', 0),
            el('t:SourceId', { Id: f.sourceId, ChangeKey: encodeChangeKey('contact', '1') }),
            leaf('t:DisplayName', 'Lync Contacts'),
            leaf('t:IsWritable', false),
            leaf('t:IsQuickContact', true),
            leaf('t:IsHidden', false),
            f.folderId !== undefined
              ? el('t:FolderId', { Id: f.folderId, ChangeKey: encodeChangeKey('folder', '1') })
              : '',
          ),
        )
      : '',
    tel === undefined
      ? el('t:DisplayNames', undefined, attributed('t:StringAttributedValue', leaf('t:Value', f.displayName)))
      : '',
    phoneAttributed('t:BusinessPhoneNumbers', f.businessPhone, 'Business'),
    phoneAttributed('t:MobilePhones', f.mobilePhone, 'Mobile'),
    phoneAttributed('t:OtherTelephones', tel, 'OtherTelephone'),
    f.smtp !== undefined
      ? el(
          't:Emails1',
          undefined,
          attributed(
            't:EmailAddressAttributedValue',
            emailAddressXml(f.displayName, f.smtp, undefined, 't:Value'),
          ),
        )
      : '',
    f.imAddress !== undefined
      ? el('t:ImAddresses', undefined, attributed('t:StringAttributedValue', leaf('t:Value', f.imAddress)))
      : '',
  );
}

function personFields(p: Person): Omit<PersonaFields, 'personaId' | 'creationTime'> {
  return {
    displayName: p.displayName,
    givenName: p.givenName,
    surname: p.surname,
    title: p.title,
    department: p.department,
    company: p.company,
    office: p.office,
    smtp: p.smtp,
    aliases: p.aliases,
    imAddress: p.sip.replace(/^sip:/i, ''),
    businessPhone: p.businessPhone,
    mobilePhone: p.mobilePhone,
  };
}

/** A directory (GAL) person as a persona. */
export function directoryPersonaXml(org: Org, p: Person): string {
  return personaXml({
    ...personFields(p),
    personaId: encodeId('persona', DIRECTORY_OWNER, p.id),
    creationTime: org.epoch.slice(0, 19) + 'Z',
  });
}

/** One of a mailbox's IM-list personas, enriched from the directory when it is an org person. */
export function imPersonaXml(
  org: Org,
  owner: Person,
  persona: ImPersona,
  folderId: string,
  tag = 't:Persona',
): string {
  const person = personBySmtp(org, persona.smtp);
  const base = person ? personFields(person) : { displayName: persona.displayName, smtp: persona.smtp };
  const imAddress = persona.imAddress?.replace(/^sip:/i, '') ?? base.imAddress;
  const telephoneOnly =
    !person && persona.smtp === undefined && persona.telUri !== undefined
      ? persona.telUri.replace(/^tel:/i, '')
      : undefined;
  return personaXml(
    {
      ...base,
      displayName: persona.displayName || base.displayName,
      imAddress,
      ...(telephoneOnly !== undefined
        ? { telephoneOnly }
        : { businessPhone: base.businessPhone ?? persona.telUri?.replace(/^tel:/i, '') }),
      personaId: encodeId('persona', owner.id, persona.id),
      creationTime: org.epoch.slice(0, 19) + 'Z',
      sourceId: encodeId('contact', owner.id, persona.id),
      folderId,
    },
    tag,
  );
}
