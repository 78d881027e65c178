/**
 * The Unified Contact Store's IM list (Exchange 2013+): GetImItemList, GetImItems, group and
 * contact edits, distribution groups, the migration flag. The server's rules: Favorites and
 * Other Contacts cannot be renamed or removed, group names are unique, a contact in no group
 * lands in Other Contacts, the list holds at most 1,000 contacts.
 */
import type { ImGroup, ImGroupType, ImList, ImPersona, Person } from '../org/types';
import { decodeId, encodeChangeKey, encodeId, newId, nextChangeKey } from './ids';
import { lyncContactsFolderId } from './folders';
import { imPersonaXml, personBySmtp } from './persona';
import { EXCHANGE2013, EwsError, EwsFault, findPerson, singleResponse, type RequestContext } from './soap';
import { child, children, el, esc, leaf, textAt, type XNode } from './xml';

export const MAX_IM_CONTACTS = 1000;
export const MAX_IM_GROUPS = 64;

const GROUP_TYPE: Record<ImGroupType, string> = {
  Favorites: 'IPM.DistList.MOC.Favorites',
  OtherContacts: 'IPM.DistList.MOC.OtherContacts',
  Normal: 'IPM.DistList.MOC.UserGroup',
  DistributionGroup: 'IPM.DistList.MOC.DG',
};
const SPECIAL_NAMES: Record<'Favorites' | 'OtherContacts', string> = {
  Favorites: 'Favorites',
  OtherContacts: 'Other Contacts',
};

function ensureSpecialGroups(list: ImList): void {
  for (const type of ['OtherContacts', 'Favorites'] as const) {
    if (!list.groups.some((g) => g.type === type)) {
      list.groups.unshift({
        id: newId('grp'),
        changeKey: '1',
        displayName: SPECIAL_NAMES[type],
        type,
        memberIds: [],
      });
    }
  }
}

function otherContacts(list: ImList): ImGroup {
  ensureSpecialGroups(list);
  const g = list.groups.find((x) => x.type === 'OtherContacts');
  if (!g) throw new Error('unreachable: Other Contacts');
  return g;
}

function touch(g: ImGroup): void {
  g.changeKey = nextChangeKey(g.changeKey);
}

function groupInnerXml(owner: Person, g: ImGroup): string {
  const members = g.memberIds.map((id) =>
    el('t:ItemId', { Id: encodeId('contact', owner.id, id), ChangeKey: encodeChangeKey('contact', '1') }),
  );
  return (
    leaf('t:DisplayName', g.displayName) +
    leaf('t:GroupType', GROUP_TYPE[g.type]) +
    el('t:ExchangeStoreId', {
      Id: encodeId('group', owner.id, g.id),
      ChangeKey: encodeChangeKey('group', g.changeKey),
    }) +
    (members.length > 0 ? el('t:MemberCorrelationKey', undefined, ...members) : '') +
    leaf('t:SmtpAddress', g.smtp)
  );
}

function itemListXml(ctx: RequestContext, owner: Person, groups: ImGroup[], personas: ImPersona[]): string {
  const folder = lyncContactsFolderId(owner);
  return el(
    'm:ImItemList',
    undefined,
    el('t:Groups', undefined, ...groups.map((g) => `<t:ImGroup>${groupInnerXml(owner, g)}</t:ImGroup>`)),
    el('t:Personas', undefined, ...personas.map((p) => imPersonaXml(ctx.call.org, owner, p, folder))),
  );
}

function requireVersion(ctx: RequestContext): void {
  if (ctx.rank < EXCHANGE2013) throw new EwsFault('ErrorIncorrectSchemaVersion');
}

type Lookup<T> = T | EwsError;

function mailboxGuid(owner: string): string {
  const hex = Buffer.from(owner).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function foreignMailbox(owner: string): EwsError {
  return new EwsError(
    'ErrorNonExistentMailbox',
    'No mailbox with such guid.',
    `<t:Value Name="MailboxGuid">${esc(mailboxGuid(owner))}</t:Value>`,
  );
}

function findGroup(ctx: RequestContext, node: XNode | undefined): Lookup<ImGroup> {
  const wire = node?.attrs.Id ?? '';
  if (wire === '') return new EwsError('ErrorInvalidIdEmpty');
  const d = decodeId(wire);
  if (!d) return new EwsError('ErrorInvalidIdMalformed');
  if (d.owner !== ctx.mailbox.id) return foreignMailbox(d.owner);
  const g = d.kind === 'group' ? ctx.mailbox.imList.groups.find((x) => x.id === d.id) : undefined;
  return g ?? new EwsError('ErrorInvalidImGroupId');
}

function findPersona(ctx: RequestContext, node: XNode | undefined): Lookup<ImPersona> {
  const wire = node?.attrs.Id ?? '';
  if (wire === '') return new EwsError('ErrorInvalidIdEmpty');
  const d = decodeId(wire);
  if (!d) return new EwsError('ErrorInvalidIdMalformed');
  if (d.owner !== ctx.mailbox.id) return foreignMailbox(d.owner);
  const p =
    d.kind === 'contact' || d.kind === 'persona'
      ? ctx.mailbox.imList.personas.find((x) => x.id === d.id)
      : undefined;
  return p ?? new EwsError('ErrorInvalidImContactId');
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function addMember(g: ImGroup, personaId: string): void {
  if (!g.memberIds.includes(personaId)) {
    g.memberIds.push(personaId);
    touch(g);
  }
}

/** After a removal: a contact left in no group goes to Other Contacts. */
function rehome(list: ImList, personaId: string): void {
  const inSome = list.groups.some((g) => g.type !== 'DistributionGroup' && g.memberIds.includes(personaId));
  if (!inSome && list.personas.some((p) => p.id === personaId)) addMember(otherContacts(list), personaId);
}

function removePersona(list: ImList, personaId: string): void {
  list.personas = list.personas.filter((p) => p.id !== personaId);
  for (const g of list.groups) {
    if (g.memberIds.includes(personaId)) {
      g.memberIds = g.memberIds.filter((id) => id !== personaId);
      touch(g);
    }
  }
}

// ---------------------------------------------------------------- operations

export function getImItemList(ctx: RequestContext): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  ensureSpecialGroups(list);
  return singleResponse('GetImItemList', itemListXml(ctx, ctx.mailbox, list.groups, list.personas));
}

export function getImItems(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  ensureSpecialGroups(list);
  // Exchange does not validate these ids: unknown or foreign ones are simply left out.
  const groups: ImGroup[] = [];
  for (const n of children(child(req, 'GroupIds'))) {
    const g = findGroup(ctx, n);
    if (!(g instanceof EwsError) && !groups.includes(g)) groups.push(g);
  }
  const personas: ImPersona[] = [];
  for (const n of children(child(req, 'ContactIds'))) {
    const p = findPersona(ctx, n);
    if (!(p instanceof EwsError) && !personas.includes(p)) personas.push(p);
  }
  return singleResponse('GetImItems', itemListXml(ctx, ctx.mailbox, groups, personas));
}

function checkNewGroupName(list: ImList, name: string, except?: ImGroup): EwsError | undefined {
  if (name.trim() === '')
    return new EwsError('ErrorInvalidParameter', 'The group display name cannot be empty.');
  if (Object.values(SPECIAL_NAMES).some((n) => sameName(n, name)))
    return new EwsError('ErrorImGroupDisplayNameAlreadyExists');
  if (list.groups.some((g) => g !== except && sameName(g.displayName, name)))
    return new EwsError('ErrorImGroupDisplayNameAlreadyExists');
  return undefined;
}

export function addImGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  ensureSpecialGroups(list);
  const name = textAt(req, 'DisplayName') ?? '';
  const bad = checkNewGroupName(list, name);
  if (bad) return singleResponse('AddImGroup', '', bad);
  if (list.groups.filter((g) => g.type === 'Normal').length >= MAX_IM_GROUPS) {
    return singleResponse('AddImGroup', '', new EwsError('ErrorImGroupLimitReached'));
  }
  const g: ImGroup = {
    id: newId('grp'),
    changeKey: '1',
    displayName: name.trim(),
    type: 'Normal',
    memberIds: [],
  };
  list.groups.push(g);
  return singleResponse('AddImGroup', el('m:ImGroup', undefined, groupInnerXml(ctx.mailbox, g)));
}

export function setImGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  const g = findGroup(ctx, child(req, 'GroupId'));
  if (g instanceof EwsError) return singleResponse('SetImGroup', '', g);
  if (g.type === 'Favorites' || g.type === 'OtherContacts') {
    return singleResponse(
      'SetImGroup',
      '',
      new EwsError('ErrorInvalidOperation', `The ${g.displayName} group cannot be renamed.`),
    );
  }
  const name = textAt(req, 'NewDisplayName') ?? '';
  const bad = checkNewGroupName(list, name, g);
  if (bad) return singleResponse('SetImGroup', '', bad);
  g.displayName = name.trim();
  touch(g);
  return singleResponse('SetImGroup', '');
}

export function removeImGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  const g = findGroup(ctx, child(req, 'GroupId'));
  if (g instanceof EwsError) return singleResponse('RemoveImGroup', '', g);
  if (g.type === 'Favorites' || g.type === 'OtherContacts') {
    return singleResponse(
      'RemoveImGroup',
      '',
      new EwsError('ErrorInvalidOperation', `The ${g.displayName} group cannot be removed.`),
    );
  }
  list.groups.splice(list.groups.indexOf(g), 1);
  for (const id of g.memberIds) rehome(list, id);
  return singleResponse('RemoveImGroup', '');
}

function targetGroup(ctx: RequestContext, req: XNode): Lookup<ImGroup> {
  const node = child(req, 'GroupId');
  if (!node) return otherContacts(ctx.mailbox.imList);
  const g = findGroup(ctx, node);
  if (!(g instanceof EwsError) && g.type === 'DistributionGroup') {
    return new EwsError('ErrorInvalidOperation', 'Contacts cannot be added to a distribution group.');
  }
  return g;
}

function addPersona(
  ctx: RequestContext,
  op: string,
  req: XNode,
  make: () => ImPersona,
  same: (p: ImPersona) => boolean,
): string {
  const list = ctx.mailbox.imList;
  ensureSpecialGroups(list);
  const g = targetGroup(ctx, req);
  if (g instanceof EwsError) return singleResponse(op, '', g);
  let persona = list.personas.find(same);
  if (!persona) {
    if (list.personas.length >= MAX_IM_CONTACTS)
      return singleResponse(op, '', new EwsError('ErrorImContactLimitReached'));
    persona = make();
    list.personas.push(persona);
  }
  addMember(g, persona.id);
  return singleResponse(
    op,
    imPersonaXml(ctx.call.org, ctx.mailbox, persona, lyncContactsFolderId(ctx.mailbox), 'm:Persona'),
  );
}

function bareAddress(a: string): string {
  return a.trim().replace(/^sip:/i, '').toLowerCase();
}

export function addNewImContactToGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const im = textAt(req, 'ImAddress') ?? '';
  if (bareAddress(im) === '' || !bareAddress(im).includes('@')) {
    return singleResponse(
      'AddNewImContactToGroup',
      '',
      new EwsError('ErrorInvalidParameter', 'ImAddress is not a valid IM address.'),
    );
  }
  const person = findPerson(ctx.call, bareAddress(im));
  const display = textAt(req, 'DisplayName');
  return addPersona(
    ctx,
    'AddNewImContactToGroup',
    req,
    () => ({
      id: newId('per'),
      displayName:
        display !== undefined && display !== '' ? display : (person?.displayName ?? bareAddress(im)),
      smtp: person?.smtp,
      imAddress: `sip:${bareAddress(im)}`,
    }),
    (p) => p.imAddress !== undefined && bareAddress(p.imAddress) === bareAddress(im),
  );
}

export function addNewTelUriContactToGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const tel = textAt(req, 'TelUriAddress') ?? '';
  if (!/^tel:\+?[0-9][0-9()\-. ]*$/i.test(tel.trim())) {
    return singleResponse(
      'AddNewTelUriContactToGroup',
      '',
      new EwsError('ErrorInvalidParameter', 'TelUriAddress is not a tel: URI.'),
    );
  }
  const sip = textAt(req, 'ImContactSipUriAddress');
  const number = textAt(req, 'ImTelephoneNumber');
  return addPersona(
    ctx,
    'AddNewTelUriContactToGroup',
    req,
    () => ({
      id: newId('per'),
      displayName: number !== undefined && number !== '' ? number : tel.trim().replace(/^tel:/i, ''),
      telUri: tel.trim(),
      imAddress: sip !== undefined && sip !== '' ? sip : undefined,
    }),
    (p) => p.telUri !== undefined && p.telUri.toLowerCase() === tel.trim().toLowerCase(),
  );
}

export function addImContactToGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  ensureSpecialGroups(ctx.mailbox.imList);
  const persona = findPersona(ctx, child(req, 'ContactId'));
  if (persona instanceof EwsError) return singleResponse('AddImContactToGroup', '', persona);
  const g = targetGroup(ctx, req);
  if (g instanceof EwsError) return singleResponse('AddImContactToGroup', '', g);
  addMember(g, persona.id);
  return singleResponse('AddImContactToGroup', '');
}

export function removeImContactFromGroup(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  const persona = findPersona(ctx, child(req, 'ContactId'));
  if (persona instanceof EwsError) return singleResponse('RemoveImContactFromGroup', '', persona);
  const g = findGroup(ctx, child(req, 'GroupId'));
  if (g instanceof EwsError) return singleResponse('RemoveImContactFromGroup', '', g);
  if (!g.memberIds.includes(persona.id)) {
    return singleResponse(
      'RemoveImContactFromGroup',
      '',
      new EwsError('ErrorInvalidImContactId', 'The contact is not a member of that group.'),
    );
  }
  g.memberIds = g.memberIds.filter((id) => id !== persona.id);
  touch(g);
  if (g.type === 'OtherContacts') {
    // Out of its last home: the contact leaves the list.
    const elsewhere = list.groups.some(
      (x) => x.type !== 'DistributionGroup' && x.memberIds.includes(persona.id),
    );
    if (!elsewhere) removePersona(list, persona.id);
  } else {
    rehome(list, persona.id);
  }
  return singleResponse('RemoveImContactFromGroup', '');
}

export function removeContactFromImList(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const persona = findPersona(ctx, child(req, 'ContactId'));
  if (persona instanceof EwsError) return singleResponse('RemoveContactFromImList', '', persona);
  removePersona(ctx.mailbox.imList, persona.id);
  return singleResponse('RemoveContactFromImList', '');
}

export function addDistributionGroupToImList(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  ensureSpecialGroups(list);
  const smtp = (textAt(req, 'SmtpAddress') ?? '')
    .trim()
    .toLowerCase()
    .replace(/^smtp:/, '');
  const dl = ctx.call.org.groups.find((g) => g.smtp.toLowerCase() === smtp);
  if (!dl || personBySmtp(ctx.call.org, smtp)) {
    return singleResponse(
      'AddDistributionGroupToImList',
      '',
      new EwsError('ErrorInvalidImDistributionGroupSmtpAddress'),
    );
  }
  let g = list.groups.find((x) => x.type === 'DistributionGroup' && x.smtp?.toLowerCase() === smtp);
  if (!g) {
    if (
      list.groups.filter((x) => x.type !== 'Favorites' && x.type !== 'OtherContacts').length >= MAX_IM_GROUPS
    ) {
      return singleResponse('AddDistributionGroupToImList', '', new EwsError('ErrorImGroupLimitReached'));
    }
    const display = textAt(req, 'DisplayName');
    g = {
      id: newId('grp'),
      changeKey: '1',
      displayName: display !== undefined && display !== '' ? display : dl.displayName,
      type: 'DistributionGroup',
      smtp: dl.smtp,
      memberIds: [],
    };
    list.groups.push(g);
  }
  return singleResponse(
    'AddDistributionGroupToImList',
    el('m:ImGroup', undefined, groupInnerXml(ctx.mailbox, g)),
  );
}

export function removeDistributionGroupFromImList(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const list = ctx.mailbox.imList;
  const g = findGroup(ctx, child(req, 'GroupId'));
  if (g instanceof EwsError) return singleResponse('RemoveDistributionGroupFromImList', '', g);
  if (g.type !== 'DistributionGroup') {
    return singleResponse(
      'RemoveDistributionGroupFromImList',
      '',
      new EwsError('ErrorInvalidImGroupId', 'The group is not a distribution group.'),
    );
  }
  list.groups.splice(list.groups.indexOf(g), 1);
  return singleResponse('RemoveDistributionGroupFromImList', '');
}

export function setImListMigrationCompleted(ctx: RequestContext, req: XNode): string {
  requireVersion(ctx);
  const value = textAt(req, 'ImListMigrationCompleted');
  if (value !== 'true' && value !== 'false' && value !== '1' && value !== '0') {
    throw new EwsFault(
      'ErrorSchemaValidation',
      'The request failed schema validation: ImListMigrationCompleted must be a boolean.',
    );
  }
  ctx.mailbox.imList.migrationCompleted = value === 'true' || value === '1';
  return singleResponse('SetImListMigrationCompleted', '');
}
