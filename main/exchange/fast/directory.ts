/** t:Resolution (ResolveNames) read fast: the same Resolution as readResolveNames gives on the tree. */
import {
  PHONE_KEYS,
  stripSmtp,
  type Mailbox,
  type Resolution,
  type ResolvedContact,
} from '../operations/directory';
import type { Phone } from '../operations/persona';
import { cleanText } from '../text';
import { attr, FastItem, type Shape } from './item';

/** The contact's single-valued fields, in readContact's order. */
const FIELDS = [
  ['displayName', 'DisplayName'],
  ['givenName', 'GivenName'],
  ['surname', 'Surname'],
  ['title', 'JobTitle'],
  ['department', 'Department'],
  ['company', 'CompanyName'],
  ['office', 'OfficeLocation'],
] as const;

interface State {
  mailbox: boolean;
  address: string | undefined;
  name: string | undefined;
  routingType: string | undefined;
  mailboxType: string | undefined;
  contact: boolean;
  fields: Array<string | undefined>;
  /** Entries with text: [Key, trimmed text], per list. */
  phones: Array<[string, string]>;
  emails: Array<[string, string]>;
  ims: Array<[string, string]>;
  key: string;
}

const t = (s: string | undefined): string | undefined => {
  const v = s?.trim();
  return v ? v : undefined;
};

function entries(list: 'phones' | 'emails' | 'ims'): Shape<State> {
  return {
    kids: {
      '*': {
        each: true,
        begin: (s, a) => void (s.key = attr(a, 'Key') ?? ''),
        leaf: (s, text) => {
          const v = t(text);
          if (v) s[list].push([s.key, v]);
        },
      },
    },
  };
}

const shape: Shape<State> = {
  kids: {
    Mailbox: {
      begin: (s) => void (s.mailbox = true),
      kids: {
        EmailAddress: { leaf: (s, x) => void (s.address = x) },
        Name: { leaf: (s, x) => void (s.name = x) },
        RoutingType: { leaf: (s, x) => void (s.routingType = x) },
        MailboxType: { leaf: (s, x) => void (s.mailboxType = x) },
      },
    },
    Contact: {
      begin: (s) => void (s.contact = true),
      kids: {
        PhoneNumbers: entries('phones'),
        EmailAddresses: entries('emails'),
        ImAddresses: entries('ims'),
        ...Object.fromEntries(
          FIELDS.map(([, element], i): [string, Shape<State>] => [
            element,
            { leaf: (s, x) => void (s.fields[i] = x) },
          ]),
        ),
      },
    },
  },
};

function finish(s: State): Resolution {
  let mailbox: Mailbox = { address: '' };
  if (s.mailbox) {
    mailbox = { address: t(s.address) ?? '' };
    const name = cleanText(s.name);
    if (name) mailbox.name = name;
    const rt = t(s.routingType);
    if (rt) mailbox.routingType = rt;
    const mt = t(s.mailboxType);
    if (mt) mailbox.mailboxType = mt;
  }
  const out: Resolution = { mailbox };
  if (s.contact) {
    const phones: Phone[] = [];
    for (const [key, number] of s.phones) {
      const type = PHONE_KEYS.get(key);
      if (type) phones.push({ number, type });
    }
    const contact: ResolvedContact = {
      emails: s.emails.map(([, v]) => stripSmtp(v)),
      imAddresses: s.ims.map(([, v]) => v),
      phones,
    };
    FIELDS.forEach(([k], i) => {
      const v = cleanText(s.fields[i]);
      if (v) contact[k] = v;
    });
    out.contact = contact;
  }
  return out;
}

export const FAST_RESOLUTION = new FastItem<Resolution, State>(
  shape,
  () => ({
    mailbox: false,
    address: undefined,
    name: undefined,
    routingType: undefined,
    mailboxType: undefined,
    contact: false,
    fields: [],
    phones: [],
    emails: [],
    ims: [],
    key: '',
  }),
  finish,
);

/** For CallOptions.typed: resolutions read fast. */
export const fastResolutions = () => ({ Resolution: FAST_RESOLUTION.reader() });
