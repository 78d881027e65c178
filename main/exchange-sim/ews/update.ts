/**
 * UpdateItem on calendar items: SetItemField, AppendToItemField and DeleteItemField, with the
 * ConflictResolution rules Exchange applies to the item's ChangeKey. An organiser's change to a
 * meeting reaches the attendees' copies when invitations are sent; a change to one occurrence of a
 * series becomes a modified occurrence (an exception) of its master.
 *
 * ChangeKeys are checked whole: this server keeps no per-property history, so AutoResolve accepts a
 * stale key (as Exchange does when the properties changed since do not overlap) and NeverOverwrite
 * refuses it with ErrorIrresolvableConflict.
 */
import type { BusyType, CalendarItem, ModifiedOccurrence } from '../org/types';
import { isOrganizerCopy, lookupItem } from './calendar';
import { decodeChangeKey, decodeId, encodeChangeKey, encodeId, nextChangeKey } from './ids';
import {
  EwsError,
  batchResponse,
  errorMessage,
  headerTimeZone,
  responseMessage,
  type RequestContext,
} from './soap';
import { UTC, ianaFromWindowsId, ianaZone, parseDateTime } from './tz';
import { child, children, el, leaf, type XNode } from './xml';

const CONFLICT_MODES = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const;
const SEND_MODES = [
  'SendToNone',
  'SendOnlyToAll',
  'SendOnlyToChanged',
  'SendToAllAndSaveCopy',
  'SendToChangedAndSaveCopy',
];
const BUSY_TYPES: BusyType[] = ['Free', 'Tentative', 'Busy', 'OOF', 'WorkingElsewhere', 'NoData'];

/** The fields this server updates, as one plain change set applied to every copy. */
interface Changes {
  subject?: string;
  body?: string;
  appendBody?: string;
  location?: string;
  start?: number;
  end?: number;
  busyType?: BusyType;
  isAllDay?: boolean;
  isPrivate?: boolean;
  timeZone?: string;
}

type Kind = 'set' | 'append' | 'delete';

/** One t:SetItemField / t:AppendToItemField / t:DeleteItemField into `changes`; an EwsError when refused. */
function readUpdate(node: XNode, changes: Changes, zoneName: string): EwsError | undefined {
  const kind: Kind =
    node.local === 'SetItemField' ? 'set' : node.local === 'AppendToItemField' ? 'append' : 'delete';
  const uri = child(node, 'FieldURI')?.attrs.FieldURI;
  if (uri === undefined)
    return new EwsError('ErrorInvalidPropertySet', 'Only FieldURI properties can be updated here.');
  if (kind === 'delete') {
    if (uri === 'calendar:Location') changes.location = '';
    else if (uri === 'item:Body') changes.body = '';
    else return new EwsError('ErrorInvalidPropertyDelete', `${uri} cannot be deleted.`);
    return undefined;
  }
  const holder = children(node).find((c) => c.local !== 'FieldURI');
  const props = children(holder);
  if (!holder || props.length !== 1) return new EwsError('ErrorIncorrectUpdatePropertyCount');
  if (holder.local !== 'CalendarItem' && holder.local !== 'Item')
    return new EwsError('ErrorInvalidPropertySet', `A calendar item cannot take a ${holder.local}.`);
  const value = (props[0] as XNode).text;
  if (kind === 'append') {
    if (uri !== 'item:Body')
      return new EwsError('ErrorInvalidPropertyAppend', `${uri} cannot be appended to.`);
    changes.appendBody = (changes.appendBody ?? '') + value;
    return undefined;
  }
  const zone = zoneName === 'UTC' ? UTC : ianaZone(zoneName);
  switch (uri) {
    case 'item:Subject':
      changes.subject = value;
      return undefined;
    case 'item:Body':
      changes.body = value;
      return undefined;
    case 'calendar:Location':
      changes.location = value;
      return undefined;
    case 'item:Sensitivity':
      changes.isPrivate = value === 'Private' || value === 'Confidential';
      return undefined;
    case 'calendar:IsAllDayEvent':
      changes.isAllDay = value === 'true';
      return undefined;
    case 'calendar:LegacyFreeBusyStatus': {
      const b = BUSY_TYPES.find((x) => x === value);
      if (!b) return new EwsError('ErrorInvalidPropertySet', `LegacyFreeBusyStatus '${value}' is not valid.`);
      changes.busyType = b;
      return undefined;
    }
    case 'calendar:Start':
    case 'calendar:End': {
      const ms = parseDateTime(value, zone);
      if (Number.isNaN(ms))
        return new EwsError('ErrorInvalidPropertySet', `${uri} is not a valid date and time.`);
      if (uri === 'calendar:Start') changes.start = ms;
      else changes.end = ms;
      return undefined;
    }
    case 'calendar:StartTimeZone':
    case 'calendar:EndTimeZone':
    case 'calendar:MeetingTimeZone': {
      const p = props[0] as XNode;
      const id = p.attrs.Id ?? p.attrs.TimeZoneName;
      const iana = id !== undefined ? ianaFromWindowsId(id) : undefined;
      if (iana) changes.timeZone = iana;
      return undefined;
    }
    default:
      return new EwsError('ErrorInvalidPropertySet', `This server does not update ${uri}.`);
  }
}

/** The item as it would be after the changes (start and end shift together when only start moves). */
function applyTo(item: CalendarItem, c: Changes): CalendarItem {
  const next: CalendarItem = { ...item };
  if (c.subject !== undefined) next.subject = c.subject;
  if (c.body !== undefined) next.body = c.body;
  if (c.appendBody !== undefined) next.body = (next.body ?? '') + c.appendBody;
  if (c.location !== undefined) next.location = c.location;
  if (c.busyType !== undefined) next.busyType = c.busyType;
  if (c.isAllDay !== undefined) next.isAllDay = c.isAllDay;
  if (c.isPrivate !== undefined) next.isPrivate = c.isPrivate;
  if (c.timeZone !== undefined) next.timeZone = c.timeZone;
  const start = Date.parse(item.start);
  const end = Date.parse(item.end);
  if (c.start !== undefined) {
    next.start = new Date(c.start).toISOString();
    next.end = new Date(c.end ?? c.start + (end - start)).toISOString();
  } else if (c.end !== undefined) next.end = new Date(c.end).toISOString();
  return next;
}

function commit(target: CalendarItem, updated: CalendarItem): void {
  Object.assign(target, updated, { changeKey: nextChangeKey(target.changeKey) });
}

/** An occurrence's change kept as its master's modified occurrence (or the existing one updated). */
function modifyOccurrence(
  master: CalendarItem,
  originalStart: string,
  after: CalendarItem,
  before: CalendarItem,
): void {
  const mods = master.modifiedOccurrences ?? [];
  const existing = mods.find((m) => m.originalStart === originalStart);
  const mod: ModifiedOccurrence = existing ?? { originalStart, start: after.start, end: after.end };
  mod.start = after.start;
  mod.end = after.end;
  if (after.subject !== before.subject || existing?.subject !== undefined) mod.subject = after.subject;
  if (after.location !== before.location || existing?.location !== undefined) mod.location = after.location;
  if (after.busyType !== before.busyType || existing?.busyType !== undefined) mod.busyType = after.busyType;
  if (!existing) master.modifiedOccurrences = [...mods, mod];
  master.changeKey = nextChangeKey(master.changeKey);
}

/**
 * A contact of the IM list (its contact item): the name a user may give it and, for a
 * telephone-only contact, its number. Directory data of an org person is not the user's to change.
 */
function updateContact(
  ctx: RequestContext,
  idNode: XNode,
  change: XNode,
  conflict: string,
  personaId: string,
): string {
  const persona = ctx.mailbox.imList.personas.find((p) => p.id === personaId);
  if (!persona) return errorMessage('UpdateItem', new EwsError('ErrorItemNotFound'));
  const current = persona.changeKey ?? '1';
  const ck = idNode.attrs.ChangeKey;
  if (ck === undefined || ck === '') {
    if (conflict === 'NeverOverwrite')
      return errorMessage('UpdateItem', new EwsError('ErrorChangeKeyRequiredForWriteOperations'));
  } else if (decodeChangeKey(ck) !== current && conflict === 'NeverOverwrite')
    return errorMessage('UpdateItem', new EwsError('ErrorIrresolvableConflict'));
  let displayName: string | undefined;
  let tel: string | undefined;
  for (const u of children(child(change, 'Updates'))) {
    const field = child(u, 'FieldURI')?.attrs.FieldURI;
    const indexed = child(u, 'IndexedFieldURI');
    const holder = children(u).find((c) => c.local === 'Contact');
    if (u.local === 'SetItemField' && field === 'contacts:DisplayName' && holder) {
      displayName = children(holder)[0]?.text ?? '';
    } else if (
      u.local === 'SetItemField' &&
      indexed?.attrs.FieldURI === 'contacts:PhoneNumber' &&
      persona.telUri !== undefined &&
      holder
    ) {
      const entry = children(child(holder, 'PhoneNumbers'))[0];
      const number = entry?.text.trim() ?? '';
      if (!/^\+?[0-9][0-9()\-. ]*$/.test(number))
        return errorMessage(
          'UpdateItem',
          new EwsError('ErrorInvalidPropertySet', 'The phone number is not valid.'),
        );
      tel = `tel:${number.replace(/[^0-9+]/g, '')}`;
    } else {
      return errorMessage(
        'UpdateItem',
        new EwsError(
          'ErrorInvalidPropertySet',
          'This contact takes a new DisplayName, or a number when it is telephone-only.',
        ),
      );
    }
  }
  if (displayName !== undefined) persona.displayName = displayName;
  if (tel !== undefined) persona.telUri = tel;
  persona.changeKey = nextChangeKey(current);
  const idXml = el(
    't:Contact',
    undefined,
    el('t:ItemId', {
      Id: encodeId('contact', ctx.mailbox.id, persona.id),
      ChangeKey: encodeChangeKey('contact', persona.changeKey),
    }),
  );
  return responseMessage(
    'UpdateItem',
    'Success',
    'NoError',
    el('m:Items', undefined, idXml) + el('m:ConflictResults', undefined, leaf('t:Count', 0)),
  );
}

function updateOne(ctx: RequestContext, change: XNode, conflict: string, send: string | undefined): string {
  const idNode = children(change).find(
    (c) => c.local === 'ItemId' || c.local === 'OccurrenceItemId' || c.local === 'RecurringMasterItemId',
  );
  if (!idNode) return errorMessage('UpdateItem', new EwsError('ErrorInvalidIdEmpty'));
  const decoded = idNode.local === 'ItemId' ? decodeId(idNode.attrs.Id ?? '') : undefined;
  if (decoded?.kind === 'contact') {
    if (decoded.owner !== ctx.mailbox.id)
      return errorMessage('UpdateItem', new EwsError('ErrorAccessDenied'));
    return updateContact(ctx, idNode, change, conflict, decoded.id);
  }
  const found = lookupItem(ctx, idNode);
  if (found instanceof EwsError) return errorMessage('UpdateItem', found);
  if (send === undefined)
    return errorMessage('UpdateItem', new EwsError('ErrorSendMeetingInvitationsOrCancellationsRequired'));
  const { owner, item, master } = found;
  const ck = idNode.attrs.ChangeKey;
  if (ck === undefined || ck === '') {
    if (conflict === 'NeverOverwrite')
      return errorMessage('UpdateItem', new EwsError('ErrorChangeKeyRequiredForWriteOperations'));
  } else {
    const decoded = decodeChangeKey(ck);
    if (decoded === undefined) return errorMessage('UpdateItem', new EwsError('ErrorInvalidChangeKey'));
    if (decoded !== item.changeKey && conflict === 'NeverOverwrite')
      return errorMessage('UpdateItem', new EwsError('ErrorIrresolvableConflict'));
  }
  const changes: Changes = {};
  const zoneName = item.timeZone || headerTimeZone(ctx) || 'UTC';
  for (const u of children(child(change, 'Updates'))) {
    const err = readUpdate(u, changes, zoneName);
    if (err) return errorMessage('UpdateItem', err);
  }
  const after = applyTo(item, changes);
  if (Date.parse(after.end) < Date.parse(after.start))
    return errorMessage('UpdateItem', new EwsError('ErrorCalendarEndDateIsEarlierThanStartDate'));
  const tell = send !== 'SendToNone' && item.isMeeting && isOrganizerCopy(owner, master ?? item);
  if (master && item.occurrence) {
    const originalStart = item.occurrence.originalStart;
    modifyOccurrence(master, originalStart, after, item);
    if (tell)
      for (const p of ctx.call.org.people)
        for (const c of p.calendar)
          if (c !== master && c.uid === master.id && c.recurrence)
            modifyOccurrence(c, originalStart, after, item);
  } else {
    commit(item, after);
    if (tell)
      for (const p of ctx.call.org.people)
        for (const c of p.calendar) if (c !== item && c.uid === item.id) commit(c, applyTo(c, changes));
  }
  const changeKey = master ? master.changeKey : item.changeKey;
  const idXml = el(
    't:CalendarItem',
    undefined,
    el('t:ItemId', {
      Id: encodeId('item', owner.id, item.id),
      ChangeKey: encodeChangeKey('item', changeKey),
    }),
  );
  return responseMessage(
    'UpdateItem',
    'Success',
    'NoError',
    el('m:Items', undefined, idXml) + el('m:ConflictResults', undefined, leaf('t:Count', 0)),
  );
}

export function updateItem(ctx: RequestContext, req: XNode): string {
  const changes = children(child(req, 'ItemChanges'), 'ItemChange');
  const conflict = req.attrs.ConflictResolution;
  if (conflict === undefined || !(CONFLICT_MODES as readonly string[]).includes(conflict)) {
    const err = new EwsError(
      'ErrorInvalidRequest',
      'ConflictResolution must be NeverOverwrite, AutoResolve or AlwaysOverwrite.',
    );
    return batchResponse(
      'UpdateItem',
      changes.map(() => errorMessage('UpdateItem', err)),
    );
  }
  const send = req.attrs.SendMeetingInvitationsOrCancellations;
  if (send !== undefined && !SEND_MODES.includes(send)) {
    const err = new EwsError(
      'ErrorInvalidRequest',
      `SendMeetingInvitationsOrCancellations value '${send}' is not valid.`,
    );
    return batchResponse(
      'UpdateItem',
      changes.map(() => errorMessage('UpdateItem', err)),
    );
  }
  return batchResponse(
    'UpdateItem',
    changes.map((c) => updateOne(ctx, c, conflict, send)),
  );
}
