/** The Unified Contact Store's IM list (Exchange 2013+). */
import type { CallOptions, EwsCaller } from '../caller';
import { EwsError } from '../errors';
import { child, childText, el, findFirst, singleResponse, type XElement } from '../soap';
import { readPersona, readPersonas, type Persona } from './persona';
import { cleanText } from '../text';
import { FAST_IM_GROUP, FAST_PERSONA, fastImItems } from '../fast/persona';

/**
 * The largest IM list answer accepted. The list holds at most 1,000 contacts (the Lync default);
 * the built-in Exchange's 1,000-persona answer is 5.1 MB (reference/ews.md), so 24 MB leaves room
 * for long names and many addresses per person, and no more.
 */
export const IM_LIST_MAX_RESPONSE_BYTES = 24 * 1024 * 1024;

/** `Favorites`, `OtherContacts`, `Tagged`, `Normal`, `DistributionGroup`, or what the server sends. */
export type ImGroupType = string;

export interface ImGroup {
  id: string;
  changeKey?: string;
  name: string;
  type: ImGroupType;
  /** For distribution groups. */
  smtp?: string;
  /** The members as the server lists them (contact item ids, MemberCorrelationKey), in list order. */
  memberIds: string[];
  /** The same members as persona ids (through each persona's contact ids); unknown ones left out. */
  memberPersonaIds: string[];
}

export interface ImList {
  groups: ImGroup[];
  personas: Persona[];
  /**
   * Persona ids the server sent more than once (each once here). The list keeps the first of
   * each; the caller reports them: two rows for one person, or one person hiding another, is a
   * server fault the user should not be left to puzzle out.
   */
  duplicatePersonaIds?: string[];
}

/**
 * One persona per id, the first as sent, and the ids that came more than once. The later copies'
 * contact ids are kept on the first so group members that name them still resolve.
 */
export function uniquePersonas(personas: readonly Persona[]): { personas: Persona[]; duplicates: string[] } {
  const byId = new Map<string, Persona>();
  const duplicates = new Set<string>();
  for (const p of personas) {
    const first = byId.get(p.id);
    if (!first) {
      byId.set(p.id, p);
      continue;
    }
    duplicates.add(p.id);
    const extra = p.contactIds.filter((c) => !first.contactIds.includes(c));
    // Stryker disable next-line ConditionalExpression: with no extra ids the copy set holds the same id, fields and contact ids as the first
    if (extra.length) byId.set(p.id, { ...first, contactIds: [...first.contactIds, ...extra] });
  }
  return { personas: [...byId.values()], duplicates: [...duplicates] };
}

function listOf(groups: ImGroup[], sent: readonly Persona[], alreadyFound: readonly string[] = []): ImList {
  const unique = uniquePersonas(sent);
  const personas = unique.personas;
  const duplicates = [...new Set([...alreadyFound, ...unique.duplicates])];
  linkMembers(groups, personas);
  return duplicates.length ? { groups, personas, duplicatePersonaIds: duplicates } : { groups, personas };
}

export type { Persona };

export function readImGroup(g: XElement): ImGroup {
  const store = child(g, 'ExchangeStoreId');
  const memberIds: string[] = [];
  for (const m of child(g, 'MemberCorrelationKey')?.children ?? []) {
    const id = m.attrs.Id;
    if (id) memberIds.push(id);
  }
  const out: ImGroup = {
    id: store?.attrs.Id ?? '',
    name: cleanText(childText(g, 'DisplayName')) ?? '',
    type: childText(g, 'GroupType')?.trim() || 'Normal',
    memberIds,
    memberPersonaIds: [],
  };
  if (store?.attrs.ChangeKey) out.changeKey = store.attrs.ChangeKey;
  const smtp = childText(g, 'SmtpAddress')?.trim();
  if (smtp) out.smtp = smtp;
  return out;
}

/** Reads the m:ImItemList of a GetImItemList / GetImItems response body. */
export function readImItemList(body: XElement): ImList {
  const list = findFirst(body, 'ImItemList');
  // Stryker disable next-line ArrayDeclaration: the name filter drops any stand-in that is no element
  const groups = (child(list, 'Groups')?.children ?? []).filter((g) => g.name === 'ImGroup').map(readImGroup);
  return listOf(groups, readPersonas(child(list, 'Personas')));
}

/** Fills memberPersonaIds: a member id is a persona's contact id (or, leniently, its persona id). */
export function linkMembers(groups: ImGroup[], personas: readonly Persona[]): void {
  const byId = new Map<string, string>();
  for (const p of personas) {
    byId.set(p.id, p.id);
    for (const c of p.contactIds) byId.set(c, p.id);
  }
  for (const g of groups) {
    const seen = new Set<string>();
    g.memberPersonaIds = [];
    for (const m of g.memberIds) {
      const pid = byId.get(m);
      if (pid && !seen.has(pid)) {
        seen.add(pid);
        g.memberPersonaIds.push(pid);
      }
    }
  }
}

function m(name: string, ...children: Parameters<typeof el>[2][]): ReturnType<typeof el> {
  return el(`m:${name}`, null, ...children);
}

function itemId(id: string): ReturnType<typeof el> {
  return el('t:ItemId', { Id: id });
}

function need(value: string, what: string): string {
  if (!value.trim()) throw new EwsError('bad-input', `${what} is required.`, { code: 'MissingArgument' });
  return value;
}

/** Groups and personas are read while the answer streams (a 1,000-contact list is megabytes). */
export async function getImItemList(ews: EwsCaller, options?: CallOptions): Promise<ImList> {
  let groups: ImGroup[] = [];
  let personas: Persona[] = [];
  // Stryker disable next-line BlockStatement: without collectors the same elements stay in the tree and are read from it below (streaming only saves memory)
  const collect = () => {
    groups = [];
    personas = [];
    // Stryker disable next-line ObjectLiteral: without collectors the same elements stay in the tree and are read from it below (streaming only saves memory)
    return {
      ImGroup: (e: XElement) => void groups.push(FAST_IM_GROUP.take(e) ?? readImGroup(e)),
      Persona: (e: XElement) => void personas.push(FAST_PERSONA.take(e) ?? readPersona(e)),
    };
  };
  const r = await ews.soap('GetImItemList', el('m:GetImItemList'), {
    maxResponseBytes: IM_LIST_MAX_RESPONSE_BYTES,
    typed: fastImItems,
    ...options,
    collect,
  });
  singleResponse(r.body);
  const rest = readImItemList(r.body); // whatever was not streamed (none when it was)
  groups.push(...rest.groups);
  personas.push(...rest.personas);
  return listOf(groups, personas, rest.duplicatePersonaIds);
}

export async function getImItems(
  ews: EwsCaller,
  ids: { contactIds?: readonly string[]; groupIds?: readonly string[] },
  options?: CallOptions,
): Promise<ImList> {
  const body = m(
    'GetImItems',
    ids.contactIds?.length ? m('ContactIds', ids.contactIds.map(itemId)) : null,
    ids.groupIds?.length ? m('GroupIds', ids.groupIds.map(itemId)) : null,
  );
  const r = await ews.soap('GetImItems', body, {
    maxResponseBytes: IM_LIST_MAX_RESPONSE_BYTES,
    ...options,
  });
  singleResponse(r.body);
  return readImItemList(r.body);
}

function groupFrom(body: XElement): ImGroup {
  const g = findFirst(body, 'ImGroup');
  if (!g) throw new EwsError('server', 'Exchange did not return the group.', { code: 'MalformedResponse' });
  return readImGroup(g);
}

export async function addImGroup(
  ews: EwsCaller,
  displayName: string,
  options?: CallOptions,
): Promise<ImGroup> {
  const r = await ews.soap(
    'AddImGroup',
    m('AddImGroup', m('DisplayName', need(displayName, 'A group name'))),
    {
      idempotent: false,
      ...options,
    },
  );
  singleResponse(r.body);
  return groupFrom(r.body);
}

export async function setImGroup(
  ews: EwsCaller,
  groupId: string,
  newDisplayName: string,
  options?: CallOptions,
): Promise<void> {
  const body = m(
    'SetImGroup',
    el('m:GroupId', { Id: need(groupId, 'A group id') }),
    m('NewDisplayName', need(newDisplayName, 'A group name')),
  );
  singleResponse((await ews.soap('SetImGroup', body, options)).body);
}

export async function removeImGroup(ews: EwsCaller, groupId: string, options?: CallOptions): Promise<void> {
  const body = m('RemoveImGroup', el('m:GroupId', { Id: need(groupId, 'A group id') }));
  singleResponse((await ews.soap('RemoveImGroup', body, options)).body);
}

function personaFrom(body: XElement): Persona {
  const p = findFirst(body, 'Persona');
  if (!p) throw new EwsError('server', 'Exchange did not return the contact.', { code: 'MalformedResponse' });
  return readPersona(p);
}

export async function addNewImContactToGroup(
  ews: EwsCaller,
  contact: { imAddress: string; displayName?: string; groupId?: string },
  options?: CallOptions,
): Promise<Persona> {
  const body = m(
    'AddNewImContactToGroup',
    m('ImAddress', need(contact.imAddress, 'An IM address')),
    contact.displayName ? m('DisplayName', contact.displayName) : null,
    contact.groupId ? el('m:GroupId', { Id: contact.groupId }) : null,
  );
  const r = await ews.soap('AddNewImContactToGroup', body, { idempotent: false, ...options });
  singleResponse(r.body);
  return personaFrom(r.body);
}

export async function addNewTelUriContactToGroup(
  ews: EwsCaller,
  contact: {
    telUriAddress: string;
    imContactSipUriAddress: string;
    imTelephoneNumber: string;
    groupId?: string;
  },
  options?: CallOptions,
): Promise<Persona> {
  const body = m(
    'AddNewTelUriContactToGroup',
    m('TelUriAddress', need(contact.telUriAddress, 'A telephone URI')),
    m('ImContactSipUriAddress', contact.imContactSipUriAddress),
    m('ImTelephoneNumber', contact.imTelephoneNumber),
    contact.groupId ? el('m:GroupId', { Id: contact.groupId }) : null,
  );
  const r = await ews.soap('AddNewTelUriContactToGroup', body, { idempotent: false, ...options });
  singleResponse(r.body);
  return personaFrom(r.body);
}

export async function addImContactToGroup(
  ews: EwsCaller,
  contactId: string,
  groupId?: string,
  options?: CallOptions,
): Promise<void> {
  const body = m(
    'AddImContactToGroup',
    el('m:ContactId', { Id: need(contactId, 'A contact id') }),
    groupId ? el('m:GroupId', { Id: groupId }) : null,
  );
  singleResponse((await ews.soap('AddImContactToGroup', body, options)).body);
}

export async function removeImContactFromGroup(
  ews: EwsCaller,
  contactId: string,
  groupId: string,
  options?: CallOptions,
): Promise<void> {
  const body = m(
    'RemoveImContactFromGroup',
    el('m:ContactId', { Id: need(contactId, 'A contact id') }),
    el('m:GroupId', { Id: need(groupId, 'A group id') }),
  );
  singleResponse((await ews.soap('RemoveImContactFromGroup', body, options)).body);
}

export async function removeContactFromImList(
  ews: EwsCaller,
  contactId: string,
  options?: CallOptions,
): Promise<void> {
  const body = m('RemoveContactFromImList', el('m:ContactId', { Id: need(contactId, 'A contact id') }));
  singleResponse((await ews.soap('RemoveContactFromImList', body, options)).body);
}

export async function addDistributionGroupToImList(
  ews: EwsCaller,
  group: { smtpAddress: string; displayName: string },
  options?: CallOptions,
): Promise<ImGroup> {
  const body = m(
    'AddDistributionGroupToImList',
    m('SmtpAddress', need(group.smtpAddress, 'A group address')),
    m('DisplayName', group.displayName),
  );
  const r = await ews.soap('AddDistributionGroupToImList', body, { idempotent: false, ...options });
  singleResponse(r.body);
  return groupFrom(r.body);
}

export async function removeDistributionGroupFromImList(
  ews: EwsCaller,
  groupId: string,
  options?: CallOptions,
): Promise<void> {
  const body = m('RemoveDistributionGroupFromImList', el('m:GroupId', { Id: need(groupId, 'A group id') }));
  singleResponse((await ews.soap('RemoveDistributionGroupFromImList', body, options)).body);
}

export async function setImListMigrationCompleted(
  ews: EwsCaller,
  completed: boolean,
  options?: CallOptions,
): Promise<void> {
  const body = m('SetImListMigrationCompleted', m('ImListMigrationCompleted', completed ? 'true' : 'false'));
  singleResponse((await ews.soap('SetImListMigrationCompleted', body, options)).body);
}
