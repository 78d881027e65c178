/**
 * t:Persona (GetImItemList, FindPeople) and t:ImGroup read fast: the same Persona and ImGroup as
 * readPersona and readImGroup give on the tree.
 */
import type { ImGroup } from '../operations/imList';
import {
  NAME_FIELDS,
  PHONE_FIELDS,
  type EmailAddress,
  type Persona,
  type Phone,
} from '../operations/persona';
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
  /** A PhoneNumbers entry's Key attribute and own text (contact-style entries). */
  key: string | undefined;
  text: string;
}

/**
 * Single-valued fields and their attributed multi-valued forms, as readPersona reads them
 * (firstValue); the last, DisplayNames, is both (a name fallback).
 */
const VALUED = [
  ['ImAddress', 'ImAddresses'],
  ['Title', 'Titles'],
  ['Department', 'Departments'],
  ['CompanyName', 'CompanyNames'],
  ['OfficeLocation', 'OfficeLocations'],
] as const;
const DISPLAY_NAMES = VALUED.length;

interface State {
  id: string | undefined;
  /** NAME_FIELDS' texts, then GivenName and Surname. */
  names: Array<string | undefined>;
  given: string | undefined;
  surname: string | undefined;
  primary: Email | undefined;
  /** EmailAddresses, Emails1, Emails2, Emails3 (readPersona's order). */
  emails: Email[][];
  email: Email;
  /** PHONE_FIELDS' lists, in readPersona's order (not the document's). */
  phones: PhoneState[][];
  /** PhoneNumbers' entries. */
  entries: PhoneState[];
  phone: PhoneState;
  single: PhoneState | undefined;
  contactIds: string[];
  sourceId: string | undefined;
  /** VALUED then DisplayNames: the single field's text, the first clean value of the multi-valued one. */
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
const newPhone = (): PhoneState => ({ number: undefined, type: undefined, key: undefined, text: '' });

const emailKids: Shape<State>['kids'] = {
  EmailAddress: { leaf: (s, t) => void (s.email.address = t) },
  Name: { leaf: (s, t) => void (s.email.name = t) },
  RoutingType: { leaf: (s, t) => void (s.email.routingType = t) },
};

const phoneKids: Shape<State>['kids'] = {
  Number: { leaf: (s, t) => void (s.phone.number = t) },
  Type: { leaf: (s, t) => void (s.phone.type = t) },
};

/** An attributed phone list: each entry's first Value (Number, Type). */
function phoneList(i: number): Shape<State> {
  return {
    kids: {
      '*': {
        each: true,
        begin: (s) => void s.phones[i]!.push((s.phone = newPhone())),
        kids: { Value: { kids: phoneKids } },
      },
    },
  };
}

/** Emails1..3: each entry's first Value, an e-mail address. */
function emailList(i: number): Shape<State> {
  return {
    kids: {
      '*': {
        each: true,
        kids: {
          Value: { begin: (s) => void s.emails[i]!.push((s.email = newEmail())), kids: emailKids },
        },
      },
    },
  };
}

/** A multi-valued field's entries: the first clean one (its Value's text, else its own). */
function firstClean(i: number): Shape<State> {
  return {
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
  };
}

function valued(i: number): Array<[string, Shape<State>]> {
  const [single, multi] = VALUED[i]!;
  return [
    [single, { leaf: (s, t) => void (s.singles[i] = t) }],
    [multi, { kids: { '*': firstClean(i) } }],
  ];
}

const personaShape: Shape<State> = {
  kids: {
    PersonaId: { begin: (s, a) => void (s.id = attr(a, 'Id')) },
    ...Object.fromEntries(
      NAME_FIELDS.map((name, i): [string, Shape<State>] => [name, { leaf: (s, t) => void (s.names[i] = t) }]),
    ),
    DisplayNames: {
      leaf: (s, t) => void (s.singles[DISPLAY_NAMES] = t),
      kids: { '*': firstClean(DISPLAY_NAMES) },
    },
    GivenName: { leaf: (s, t) => void (s.given = t) },
    Surname: { leaf: (s, t) => void (s.surname = t) },
    EmailAddress: {
      begin: (s) => void (s.email = s.primary = newEmail()),
      kids: emailKids,
    },
    EmailAddresses: {
      kids: {
        '*': {
          each: true,
          begin: (s) => void s.emails[0]!.push((s.email = newEmail())),
          kids: emailKids,
        },
      },
    },
    Emails1: emailList(1),
    Emails2: emailList(2),
    Emails3: emailList(3),
    ...Object.fromEntries(PHONE_FIELDS.map(([name], i) => [name, phoneList(i)])),
    PhoneNumbers: {
      kids: {
        '*': {
          each: true,
          begin: (s, a) => {
            s.entries.push((s.phone = newPhone()));
            s.phone.key = attr(a, 'Key');
          },
          leaf: (s, t) => void (s.phone.text = t),
          kids: phoneKids,
        },
      },
    },
    PhoneNumber: {
      begin: (s) => void (s.phone = s.single = newPhone()),
      kids: phoneKids,
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

/** readPersona's personaName. */
function personaName(s: State): string | undefined {
  for (const n of s.names) {
    const v = cleanText(n);
    if (v) return v;
  }
  const attributed = cleanText(s.singles[DISPLAY_NAMES]) || s.multis[DISPLAY_NAMES];
  if (attributed) return attributed;
  const joined = [cleanText(s.given), cleanText(s.surname)].filter(Boolean).join(' ');
  return joined || undefined;
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
  for (const list of s.emails) for (const e of list) add(e);
  const phones: Phone[] = [];
  const addPhone = (number: string | undefined, type: string): void => {
    if (number && !phones.some((x) => x.number === number)) phones.push({ number, type });
  };
  PHONE_FIELDS.forEach(([, type], i) => {
    for (const p of s.phones[i]!) addPhone(trimmed(p.number), trimmed(p.type) ?? type);
  });
  for (const p of s.entries)
    addPhone(trimmed(p.number ?? p.text), trimmed(p.type) ?? p.key ?? 'OtherTelephone');
  if (s.single) addPhone(trimmed(s.single.number), trimmed(s.single.type) ?? 'Business');
  const out: Persona = {
    id: s.id ?? '',
    displayName: personaName(s) ?? emails[0]?.address ?? '',
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
    names: [],
    given: undefined,
    surname: undefined,
    primary: undefined,
    emails: [[], [], [], []],
    email: newEmail(),
    phones: PHONE_FIELDS.map(() => []),
    entries: [],
    phone: newPhone(),
    single: undefined,
    contactIds: [],
    sourceId: undefined,
    singles: [undefined, undefined, undefined, undefined, undefined, undefined],
    multis: [undefined, undefined, undefined, undefined, undefined, undefined],
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
