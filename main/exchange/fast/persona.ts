/**
 * t:Persona (GetImItemList, FindPeople) and t:ImGroup read fast: the same Persona and ImGroup as
 * readPersona and readImGroup give on the tree.
 */
import type { ImGroup } from '../operations/imList';
import type { EmailAddress, Persona, Phone } from '../operations/persona';
import { cleanText } from '../text';
import { attr, FastItem, type Shape } from './item';

interface Email {
  address: string | undefined;
  name: string | undefined;
  routingType: string | undefined;
}

interface PhoneState {
  number: string | undefined;
  type: string | undefined;
}

/** Single-valued fields and their attributed multi-valued forms, as readPersona reads them. */
const VALUED = [
  ['ImAddress', 'ImAddresses'],
  ['Title', 'Titles'],
  ['Department', 'Departments'],
  ['CompanyName', 'CompanyNames'],
  ['OfficeLocation', 'OfficeLocations'],
] as const;

/** Phone lists in readPersona's order (not the document's), with their default types. */
const PHONE_LISTS = [
  ['BusinessPhoneNumbers', 'Business'],
  ['MobilePhones', 'Mobile'],
  ['HomePhones', 'Home'],
] as const;

interface State {
  id: string | undefined;
  displayName: string | undefined;
  primary: Email | undefined;
  emails: Email[];
  email: Email;
  phones: Phone[][];
  phone: PhoneState;
  single: PhoneState | undefined;
  contactIds: string[];
  sourceId: string | undefined;
  /** VALUED: the single field's text, the first clean value of the multi-valued one. */
  singles: Array<string | undefined>;
  multis: Array<string | undefined>;
  /** The multi-valued entry being read: its Value's text (if it has one) and its own. */
  entryValue: string | undefined;
  entryText: string;
}

const trimmed = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

const newEmail = (): Email => ({ address: undefined, name: undefined, routingType: undefined });
const newPhone = (): PhoneState => ({ number: undefined, type: undefined });

const emailKids: Shape<State>['kids'] = {
  EmailAddress: { leaf: (s, t) => void (s.email.address = t) },
  Name: { leaf: (s, t) => void (s.email.name = t) },
  RoutingType: { leaf: (s, t) => void (s.email.routingType = t) },
};

const phoneValue: Shape<State> = {
  kids: {
    Number: { leaf: (s, t) => void (s.phone.number = t) },
    Type: { leaf: (s, t) => void (s.phone.type = t) },
  },
};

function phoneList(i: number, type: string): Shape<State> {
  return {
    kids: {
      '*': {
        each: true,
        begin: (s) => void (s.phone = newPhone()),
        end: (s) => {
          const number = trimmed(s.phone.number);
          if (number) s.phones[i]!.push({ number, type: trimmed(s.phone.type) ?? type });
        },
        kids: { Value: phoneValue },
      },
    },
  };
}

function valued(i: number): Array<[string, Shape<State>]> {
  const [single, multi] = VALUED[i]!;
  return [
    [single, { leaf: (s, t) => void (s.singles[i] = t) }],
    [
      multi,
      {
        kids: {
          '*': {
            each: true,
            begin: (s) => {
              s.entryValue = undefined;
              s.entryText = '';
            },
            leaf: (s, t) => void (s.entryText = t),
            end: (s) => {
              if (s.multis[i] === undefined) s.multis[i] = cleanText(s.entryValue ?? s.entryText);
            },
            kids: { Value: { leaf: (s, t) => void (s.entryValue = t) } },
          },
        },
      },
    ],
  ];
}

const personaShape: Shape<State> = {
  kids: {
    PersonaId: { begin: (s, a) => void (s.id = attr(a, 'Id')) },
    DisplayName: { leaf: (s, t) => void (s.displayName = t) },
    EmailAddress: {
      begin: (s) => void (s.email = s.primary = newEmail()),
      kids: emailKids,
    },
    EmailAddresses: {
      kids: {
        '*': {
          each: true,
          begin: (s) => void s.emails.push((s.email = newEmail())),
          kids: emailKids,
        },
      },
    },
    ...Object.fromEntries(PHONE_LISTS.map(([name, type], i) => [name, phoneList(i, type)])),
    PhoneNumber: {
      begin: (s) => void (s.phone = s.single = newPhone()),
      kids: phoneValue.kids!,
    },
    Attributions: {
      kids: {
        '*': {
          each: true,
          begin: (s) => void (s.sourceId = undefined),
          end: (s) => {
            if (s.sourceId) s.contactIds.push(s.sourceId);
          },
          kids: { SourceId: { begin: (s, a) => void (s.sourceId = attr(a, 'Id')) } },
        },
      },
    },
    ...Object.fromEntries(VALUED.flatMap((_, i) => valued(i))),
  },
};

function readEmail(e: Email): EmailAddress | undefined {
  const address = trimmed(e.address);
  if (!address) return undefined;
  const out: EmailAddress = { address };
  const name = cleanText(e.name);
  if (name) out.name = name;
  const rt = trimmed(e.routingType);
  if (rt) out.routingType = rt;
  return out;
}

function finishPersona(s: State): Persona {
  const emails: EmailAddress[] = [];
  const seen = new Set<string>();
  const add = (raw: Email | undefined): void => {
    const e = raw && readEmail(raw);
    if (e && !seen.has(e.address.toLowerCase())) {
      seen.add(e.address.toLowerCase());
      emails.push(e);
    }
  };
  add(s.primary);
  for (const e of s.emails) add(e);
  let phones = s.phones[0]!.concat(s.phones[1]!, s.phones[2]!);
  if (phones.length === 0 && s.single) {
    const number = trimmed(s.single.number);
    if (number) phones = [{ number, type: trimmed(s.single.type) ?? 'Business' }];
  }
  const out: Persona = {
    id: s.id ?? '',
    displayName: cleanText(s.displayName) ?? emails[0]?.address ?? '',
    emails,
    phones,
    contactIds: s.contactIds,
  };
  const value = (i: number): string | undefined => cleanText(s.singles[i]) || s.multis[i];
  const im = value(0);
  if (im) out.imAddress = im;
  const title = value(1);
  if (title) out.title = title;
  const dept = value(2);
  if (dept) out.department = dept;
  const company = value(3);
  if (company) out.company = company;
  const office = value(4);
  if (office) out.office = office;
  return out;
}

export const FAST_PERSONA = new FastItem<Persona, State>(
  personaShape,
  () => ({
    id: undefined,
    displayName: undefined,
    primary: undefined,
    emails: [],
    email: newEmail(),
    phones: [[], [], []],
    phone: newPhone(),
    single: undefined,
    contactIds: [],
    sourceId: undefined,
    singles: [undefined, undefined, undefined, undefined, undefined],
    multis: [undefined, undefined, undefined, undefined, undefined],
    entryValue: undefined,
    entryText: '',
  }),
  finishPersona,
);

interface GroupState {
  id: string | undefined;
  changeKey: string | undefined;
  name: string | undefined;
  type: string | undefined;
  smtp: string | undefined;
  memberIds: string[];
}

const groupShape: Shape<GroupState> = {
  kids: {
    ExchangeStoreId: {
      begin: (s, a) => {
        s.id = attr(a, 'Id');
        s.changeKey = attr(a, 'ChangeKey');
      },
    },
    MemberCorrelationKey: {
      kids: {
        '*': {
          each: true,
          begin: (s, a) => {
            const id = attr(a, 'Id');
            if (id) s.memberIds.push(id);
          },
        },
      },
    },
    DisplayName: { leaf: (s, t) => void (s.name = t) },
    GroupType: { leaf: (s, t) => void (s.type = t) },
    SmtpAddress: { leaf: (s, t) => void (s.smtp = t) },
  },
};

function finishGroup(s: GroupState): ImGroup {
  const out: ImGroup = {
    id: s.id ?? '',
    name: cleanText(s.name) ?? '',
    type: s.type?.trim() || 'Normal',
    memberIds: s.memberIds,
    memberPersonaIds: [],
  };
  if (s.changeKey) out.changeKey = s.changeKey;
  const smtp = s.smtp?.trim();
  if (smtp) out.smtp = smtp;
  return out;
}

export const FAST_IM_GROUP = new FastItem<ImGroup, GroupState>(
  groupShape,
  () => ({
    id: undefined,
    changeKey: undefined,
    name: undefined,
    type: undefined,
    smtp: undefined,
    memberIds: [],
  }),
  finishGroup,
);

/** For CallOptions.typed: personas read fast (FindPeople). */
export const fastPersonas = () => ({ Persona: FAST_PERSONA.reader() });
/** For CallOptions.typed: the IM list's groups and personas read fast. */
export const fastImItems = () => ({ Persona: FAST_PERSONA.reader(), ImGroup: FAST_IM_GROUP.reader() });
