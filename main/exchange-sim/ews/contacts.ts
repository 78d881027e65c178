/**
 * Contact items: the IM list's contacts (the Unified Contact Store keeps them as contact items in
 * the mailbox's Lync Contacts folder, distinguished id `quickcontacts`, which the `mycontacts`
 * search folder also shows). The Contacts folder itself holds the user's own Outlook contacts,
 * which the seeded organisation does not have, so it is empty, as it is on a real mailbox whose
 * only contacts came from Lync.
 *
 * FindItem (Restriction, SortOrder, IndexedPageItemView / FractionalPageItemView) and GetItem, with
 * the base shapes and AdditionalProperties (FieldURI, IndexedFieldURI such as
 * contacts:EmailAddress[EmailAddress1], ExtendedFieldURI such as PR_DISPLAY_NAME or the Address set's
 * named properties); a property a contact does not have is absent.
 */
import type { ImPersona, Person } from '../org/types';
import { lyncContactsFolderId, type FolderRef } from './folders';
import { encodeChangeKey, encodeId } from './ids';
import { FIND_COUNT_LIMIT, pageOf, readPagingView } from './paging';
import { personBySmtp } from './persona';
import {
  extendedPropertiesXml,
  namedKey,
  readAdditionalProperties,
  tagKey,
  type ExtendedPath,
  type ExtendedValue,
} from './properties';
import {
  compileRestriction,
  compileSort,
  extendedField,
  type FieldDef,
  type FieldResolver,
  type SortKey,
} from './restriction';
import { EwsError, errorMessage, responseMessage, type RequestContext } from './soap';
import { child, children, el, leaf, textAt, type XNode } from './xml';

/** Folders whose items are the IM list's contacts. */
const IM_CONTACT_FOLDERS = ['lynccontacts', 'mycontacts'];

/** A contacts folder (or the My Contacts search folder): FindItem there lists contacts. */
export function isContactsFolder(ref: FolderRef): boolean {
  return ref.def.element === 't:ContactsFolder' || ref.def.name === 'mycontacts';
}

/** One contact item: the persona and, when it is someone in the organisation, that person. */
interface ContactView {
  owner: Person;
  persona: ImPersona;
  person?: Person;
}

function viewOf(ctx: RequestContext, owner: Person, persona: ImPersona): ContactView {
  const person = personBySmtp(ctx.call.org, persona.smtp);
  return person ? { owner, persona, person } : { owner, persona };
}

// ---------------------------------------------------------------- properties

const phone = (c: ContactView, key: string): string | undefined => {
  if (key === 'BusinessPhone')
    return c.person?.businessPhone ?? c.persona.telUri?.replace(/^tel:/i, '') ?? undefined;
  if (key === 'MobilePhone') return c.person?.mobilePhone;
  return undefined;
};
const email = (c: ContactView, key: string): string | undefined =>
  key === 'EmailAddress1' ? c.persona.smtp : undefined;
const imAddress = (c: ContactView, key: string): string | undefined =>
  key === 'ImAddress1' ? (c.persona.imAddress ?? c.person?.sip)?.replace(/^sip:/i, '') : undefined;

const PHONE_KEYS = ['BusinessPhone', 'MobilePhone'] as const;

/** The dictionaries (EmailAddresses, PhoneNumbers, ImAddresses) and their entries' readers. */
const INDEXED: Readonly<
  Record<string, { keys: readonly string[]; get: (c: ContactView, key: string) => string | undefined }>
> = {
  'contacts:EmailAddress': { keys: ['EmailAddress1'], get: email },
  'contacts:PhoneNumber': { keys: PHONE_KEYS, get: phone },
  'contacts:ImAddress': { keys: ['ImAddress1'], get: imAddress },
};

type Prop =
  | 'ParentFolderId'
  | 'ItemClass'
  | 'Subject'
  | 'FileAs'
  | 'DisplayName'
  | 'GivenName'
  | 'CompanyName'
  | 'EmailAddresses'
  | 'PhoneNumbers'
  | 'Department'
  | 'ImAddresses'
  | 'JobTitle'
  | 'Surname';

/** Schema order (ItemType, then ContactItemType). */
const PROP_ORDER: readonly Prop[] = [
  'ParentFolderId',
  'ItemClass',
  'Subject',
  'FileAs',
  'DisplayName',
  'GivenName',
  'CompanyName',
  'EmailAddresses',
  'PhoneNumbers',
  'Department',
  'ImAddresses',
  'JobTitle',
  'Surname',
];

const FIELD_URI: Readonly<Record<string, Prop>> = {
  'item:ParentFolderId': 'ParentFolderId',
  'item:ItemClass': 'ItemClass',
  'item:Subject': 'Subject',
  'contacts:FileAs': 'FileAs',
  'contacts:DisplayName': 'DisplayName',
  'contacts:GivenName': 'GivenName',
  'contacts:CompanyName': 'CompanyName',
  'contacts:EmailAddresses': 'EmailAddresses',
  'contacts:PhoneNumbers': 'PhoneNumbers',
  'contacts:Department': 'Department',
  'contacts:ImAddresses': 'ImAddresses',
  'contacts:JobTitle': 'JobTitle',
  'contacts:Surname': 'Surname',
};

const DEFAULT_PROPS: readonly Prop[] = PROP_ORDER.filter((p) => p !== 'FileAs');

/** Which entries of a dictionary are asked for: all of it, or some keys (IndexedFieldURI). */
type Entries = 'all' | Set<string>;

export interface ContactShape {
  props: Set<Prop>;
  /** Entries asked by IndexedFieldURI, by dictionary FieldURI (contacts:EmailAddress…). */
  indexed: Map<string, Set<string>>;
  extended: ExtendedPath[];
}

/** The m:ItemShape for contact items. */
export function readContactShape(node: XNode | undefined): ContactShape | EwsError {
  const base = textAt(node, 'BaseShape') ?? 'Default';
  if (!['IdOnly', 'Default', 'AllProperties'].includes(base))
    return new EwsError('ErrorInvalidRequest', `The base shape '${base}' is not valid.`);
  const props = new Set<Prop>(base === 'IdOnly' ? [] : base === 'AllProperties' ? PROP_ORDER : DEFAULT_PROPS);
  const paths = readAdditionalProperties(children(child(node, 'AdditionalProperties')));
  if (paths instanceof EwsError) return paths;
  const indexed = new Map<string, Set<string>>();
  const extended: ExtendedPath[] = [];
  for (const path of paths) {
    if (path.kind === 'extended') extended.push(path);
    else if (path.kind === 'indexed') {
      // An entry of a dictionary contacts do not have here is simply absent.
      const set = indexed.get(path.uri) ?? new Set<string>();
      set.add(path.index);
      indexed.set(path.uri, set);
    } else {
      const prop = Object.hasOwn(FIELD_URI, path.uri) ? FIELD_URI[path.uri] : undefined;
      if (prop) props.add(prop);
    }
  }
  return { props, indexed, extended };
}

const PR_MESSAGE_CLASS = 0x001a;
const PR_SUBJECT = 0x0037;
const PR_DISPLAY_NAME = 0x3001;
const PR_GIVEN_NAME = 0x3a06;
const PR_BUSINESS_TELEPHONE_NUMBER = 0x3a08;
const PR_SURNAME = 0x3a11;
const PR_COMPANY_NAME = 0x3a16;
const PR_TITLE = 0x3a17;
const PR_DEPARTMENT_NAME = 0x3a18;
const PR_MOBILE_TELEPHONE_NUMBER = 0x3a1c;
/** PSETID_Address named properties (MS-OXPROPS), by PropertyId. */
const PID_LID_FILE_UNDER = 0x8005;
const PID_LID_INSTANT_MESSAGING_ADDRESS = 0x8062;
const PID_LID_EMAIL1_DISPLAY_NAME = 0x8080;
const PID_LID_EMAIL1_EMAIL_ADDRESS = 0x8083;

function extendedValue(c: ContactView, key: string): ExtendedValue | undefined {
  const text = (value: string | undefined): ExtendedValue | undefined =>
    value === undefined ? undefined : { type: 'String', value };
  switch (key) {
    case tagKey(PR_MESSAGE_CLASS):
      return text('IPM.Contact');
    case tagKey(PR_SUBJECT):
    case tagKey(PR_DISPLAY_NAME):
    case namedKey('Address', PID_LID_FILE_UNDER):
      return text(c.persona.displayName);
    case tagKey(PR_GIVEN_NAME):
      return text(c.person?.givenName);
    case tagKey(PR_SURNAME):
      return text(c.person?.surname);
    case tagKey(PR_COMPANY_NAME):
      return text(c.person?.company);
    case tagKey(PR_TITLE):
      return text(c.person?.title);
    case tagKey(PR_DEPARTMENT_NAME):
      return text(c.person?.department);
    case tagKey(PR_BUSINESS_TELEPHONE_NUMBER):
      return text(phone(c, 'BusinessPhone'));
    case tagKey(PR_MOBILE_TELEPHONE_NUMBER):
      return text(phone(c, 'MobilePhone'));
    case namedKey('Address', PID_LID_INSTANT_MESSAGING_ADDRESS):
      return text(imAddress(c, 'ImAddress1'));
    case namedKey('Address', PID_LID_EMAIL1_EMAIL_ADDRESS):
      return text(c.persona.smtp);
    case namedKey('Address', PID_LID_EMAIL1_DISPLAY_NAME):
      return c.persona.smtp !== undefined ? text(`${c.persona.displayName} (${c.persona.smtp})`) : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- XML

function entriesXml(tag: string, c: ContactView, dict: string, wanted: Entries | undefined): string {
  const def = INDEXED[dict];
  if (!def || wanted === undefined) return '';
  const keys = def.keys.filter((k) => wanted === 'all' || wanted.has(k));
  const entries = keys.flatMap((k) => {
    const v = def.get(c, k);
    return v === undefined ? [] : [leaf('t:Entry', v, { Key: k })];
  });
  return entries.length > 0 ? el(tag, undefined, ...entries) : '';
}

function itemXml(c: ContactView, shape: ContactShape): string {
  const { owner, persona, person } = c;
  const has = (p: Prop): boolean => shape.props.has(p);
  const wanted = (prop: Prop, dict: string): Entries | undefined =>
    has(prop) ? 'all' : shape.indexed.get(dict);
  const writers: Record<Prop, () => string> = {
    ParentFolderId: () =>
      el('t:ParentFolderId', { Id: lyncContactsFolderId(owner), ChangeKey: encodeChangeKey('folder', '1') }),
    ItemClass: () => leaf('t:ItemClass', 'IPM.Contact'),
    Subject: () => leaf('t:Subject', persona.displayName),
    FileAs: () => leaf('t:FileAs', persona.displayName),
    DisplayName: () => leaf('t:DisplayName', persona.displayName),
    GivenName: () => leaf('t:GivenName', person?.givenName),
    CompanyName: () => leaf('t:CompanyName', person?.company),
    EmailAddresses: () => '',
    PhoneNumbers: () => '',
    Department: () => leaf('t:Department', person?.department),
    ImAddresses: () => '',
    JobTitle: () => leaf('t:JobTitle', person?.title),
    Surname: () => leaf('t:Surname', person?.surname),
  };
  const parts = [
    el('t:ItemId', {
      Id: encodeId('contact', owner.id, persona.id),
      ChangeKey: encodeChangeKey('contact', persona.changeKey ?? '1'),
    }),
  ];
  for (const prop of PROP_ORDER) {
    // ExtendedProperty closes ItemType's part, before ContactItemType's elements.
    if (prop === 'FileAs') parts.push(extendedPropertiesXml(shape.extended, (k) => extendedValue(c, k)));
    if (prop === 'EmailAddresses')
      parts.push(
        entriesXml('t:EmailAddresses', c, 'contacts:EmailAddress', wanted(prop, 'contacts:EmailAddress')),
      );
    else if (prop === 'PhoneNumbers')
      parts.push(
        entriesXml('t:PhoneNumbers', c, 'contacts:PhoneNumber', wanted(prop, 'contacts:PhoneNumber')),
      );
    else if (prop === 'ImAddresses')
      parts.push(entriesXml('t:ImAddresses', c, 'contacts:ImAddress', wanted(prop, 'contacts:ImAddress')));
    else if (has(prop)) parts.push(writers[prop]());
  }
  return el('t:Contact', undefined, ...parts);
}

/** The contact item of an IM-list persona, undefined when the list has no such contact. */
export function contactXml(
  ctx: RequestContext,
  owner: Person,
  personaId: string,
  shape: ContactShape,
): string | undefined {
  const persona = owner.imList.personas.find((p) => p.id === personaId);
  return persona ? itemXml(viewOf(ctx, owner, persona), shape) : undefined;
}

// ---------------------------------------------------------------- FindItem

const CONTACT_FIELDS: Readonly<Record<string, FieldDef<ContactView>>> = {
  'item:Subject': { kind: 'string', get: (c) => c.persona.displayName },
  'item:ItemClass': { kind: 'string', get: () => 'IPM.Contact' },
  'contacts:DisplayName': { kind: 'string', get: (c) => c.persona.displayName },
  'contacts:FileAs': { kind: 'string', get: (c) => c.persona.displayName },
  'contacts:GivenName': { kind: 'string', get: (c) => c.person?.givenName },
  'contacts:Surname': { kind: 'string', get: (c) => c.person?.surname },
  'contacts:CompanyName': { kind: 'string', get: (c) => c.person?.company },
  'contacts:Department': { kind: 'string', get: (c) => c.person?.department },
  'contacts:JobTitle': { kind: 'string', get: (c) => c.person?.title },
};

const resolveContactField: FieldResolver<ContactView> = (path) => {
  if (path.kind === 'field')
    return Object.hasOwn(CONTACT_FIELDS, path.uri) ? CONTACT_FIELDS[path.uri] : undefined;
  if (path.kind === 'indexed') {
    const def = Object.hasOwn(INDEXED, path.uri) ? INDEXED[path.uri] : undefined;
    if (!def?.keys.includes(path.index)) return undefined;
    return { kind: 'string', get: (c) => def.get(c, path.index) };
  }
  return extendedField(path, extendedValue);
};

const BY_NAME: readonly SortKey[] = [
  { path: { kind: 'field', uri: 'contacts:DisplayName' }, descending: false },
];

/** FindItem on a contacts folder: the folder's contacts, restricted, sorted and paged. */
export function findContactItems(ctx: RequestContext, ref: FolderRef, req: XNode): string {
  const shape = readContactShape(child(req, 'ItemShape'));
  if (shape instanceof EwsError) return errorMessage('FindItem', shape);
  const owner = ref.owner;
  let items = IM_CONTACT_FOLDERS.includes(ref.def.name)
    ? owner.imList.personas.map((p) => viewOf(ctx, owner, p))
    : [];
  const restriction = children(child(req, 'Restriction'))[0];
  if (restriction) {
    const keep = compileRestriction(restriction, resolveContactField);
    if (keep instanceof EwsError) return errorMessage('FindItem', keep);
    items = items.filter(keep);
  }
  const order = compileSort(child(req, 'SortOrder'), resolveContactField, BY_NAME, (a, b) =>
    a.persona.id.localeCompare(b.persona.id),
  );
  if (order instanceof EwsError) return errorMessage('FindItem', order);
  items.sort(order);
  const page = pageOf(readPagingView(req, 'Item'), items.length, FIND_COUNT_LIMIT);
  if (page instanceof EwsError) return errorMessage('FindItem', page);
  const root = el(
    'm:RootFolder',
    page.attrs,
    el('t:Items', undefined, ...items.slice(page.from, page.to).map((c) => itemXml(c, shape))),
  );
  return responseMessage('FindItem', 'Success', 'NoError', root);
}
