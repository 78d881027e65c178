/**
 * Fidelity: SyncFolderItems and SyncFolderHierarchy as offline clients use them (issue 17), driven
 * by ews-javascript-api and by request XML: a first sync in pages gives every item once as a
 * Create; after CreateItem, UpdateItem and DeleteItem the next sync gives exactly those changes
 * (ReadFlagChange for a message only marked read), then nothing; a garbage, forged or foreign
 * SyncState is ErrorInvalidSyncStateData; the hierarchy sync gives the folder tree, then nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Appointment,
  BasePropertySet,
  ChangeType,
  ConflictResolutionMode,
  Contact,
  DateTime,
  DeleteMode,
  EmailMessage,
  FolderId,
  FolderTraversal,
  FolderView,
  ItemId,
  PropertySet,
  SendCancellationsMode,
  SendInvitationsMode,
  SendInvitationsOrCancellationsMode,
  ServiceError,
  SyncFolderItemsScope,
  WellKnownFolderName,
  type ChangeCollection,
  type ExchangeService,
  type FolderChange,
  type ItemChange,
} from 'ews-javascript-api';
import { encodeId } from '../../../main/exchange-sim/ews/ids';
import { esc } from '../../../main/exchange-sim/ews/xml';
import { mailOf } from '../../../main/exchange-sim/org/history';
import { NS, at, children, names, parseXml, type XNode } from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const { who, service } = fx;
const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { ErrorCode?: number };
    return e.ErrorCode === undefined ? String(err) : (ServiceError[e.ErrorCode] ?? String(e.ErrorCode));
  }
  return 'NoError';
}

function syncItems(
  svc: ExchangeService,
  folder: WellKnownFolderName,
  state: string | null,
  max = 512,
  ignore: ItemId[] = [],
): Promise<ChangeCollection<ItemChange>> {
  return svc.SyncFolderItems(
    new FolderId(folder),
    PropertySet.IdOnly,
    ignore,
    max,
    SyncFolderItemsScope.NormalItems,
    state ?? '',
  );
}

/** Every page from `state` on, until the server says the last change is in. */
async function syncAll(
  svc: ExchangeService,
  folder: WellKnownFolderName,
  state: string | null,
  max: number,
): Promise<{ changes: ItemChange[]; state: string; pages: number }> {
  const changes: ItemChange[] = [];
  let pages = 0;
  let s = state;
  for (;;) {
    const page = await syncItems(svc, folder, s, max);
    pages += 1;
    expect(page.Count).toBeLessThanOrEqual(max);
    for (let i = 0; i < page.Count; i++) changes.push(page._getItem(i));
    s = page.SyncState;
    if (!page.MoreChangesAvailable) break;
    if (pages > 100) throw new Error('sync never ends');
  }
  return { changes, state: s ?? '', pages };
}

const summary = (changes: ItemChange[]): string[] =>
  changes.map((c) => `${ChangeType[c.ChangeType]} ${c.ItemId.UniqueId}`).sort();

function aliceCalendarIds(): string[] {
  const alice = who(ALICE);
  return alice.calendar
    .filter((c) => !(c.isCancelled && c.uid === c.id && c.organizer === alice.smtp))
    .map((c) => encodeId('item', alice.id, c.id));
}

describe('SyncFolderItems through ews-javascript-api', () => {
  it('calendar: a paged first sync, then exactly the created, updated and deleted items, then nothing', async () => {
    const svc = service(ALICE);
    const first = await syncAll(svc, WellKnownFolderName.Calendar, null, 7);
    const expected = aliceCalendarIds();
    expect(expected.length).toBeGreaterThan(14);
    expect(first.pages).toBe(Math.ceil(expected.length / 7));
    expect(first.changes.every((c) => c.ChangeType === ChangeType.Create)).toBe(true);
    expect(first.changes.map((c) => c.ItemId.UniqueId).sort()).toEqual([...expected].sort());

    const created = new Appointment(svc);
    created.Subject = 'Sync: new item';
    created.Start = DateTime.Parse('2026-12-02T10:00:00Z');
    created.End = DateTime.Parse('2026-12-02T10:30:00Z');
    await created.Save(new FolderId(WellKnownFolderName.Calendar), SendInvitationsMode.SendToNone);

    const [updatedId, deletedId] = expected.filter((id) => id !== created.Id.UniqueId);
    if (!updatedId || !deletedId) throw new Error('calendar too small');
    const updated = await Appointment.Bind(svc, new ItemId(updatedId));
    updated.Subject = 'Sync: renamed';
    await updated.Update(
      ConflictResolutionMode.AlwaysOverwrite,
      SendInvitationsOrCancellationsMode.SendToNone,
    );
    const deleted = await Appointment.Bind(svc, new ItemId(deletedId));
    await deleted.Delete(DeleteMode.HardDelete, SendCancellationsMode.SendToNone);

    const next = await syncItems(svc, WellKnownFolderName.Calendar, first.state);
    expect(next.MoreChangesAvailable).toBe(false);
    const changes: ItemChange[] = [];
    for (let i = 0; i < next.Count; i++) changes.push(next._getItem(i));
    expect(summary(changes)).toEqual(
      [`Create ${created.Id.UniqueId}`, `Update ${updatedId}`, `Delete ${deletedId}`].sort(),
    );

    const quiet = await syncItems(svc, WellKnownFolderName.Calendar, next.SyncState);
    expect(quiet.Count).toBe(0);
    expect(quiet.MoreChangesAvailable).toBe(false);
    // The older state still answers from where it stood: a state is a position, not a one-off.
    const again = await syncItems(svc, WellKnownFolderName.Calendar, first.state);
    expect(again.Count).toBe(3);
  });

  it('the items a client names in Ignore are left out', async () => {
    const svc = service(BOB);
    const first = await syncAll(svc, WellKnownFolderName.Calendar, null, 512);
    const [a, b] = first.changes.map((c) => c.ItemId.UniqueId);
    if (!a || !b) throw new Error('bob has too few items');
    for (const id of [a, b]) {
      const appt = await Appointment.Bind(svc, new ItemId(id));
      appt.Location = 'Sync room';
      await appt.Update(
        ConflictResolutionMode.AlwaysOverwrite,
        SendInvitationsOrCancellationsMode.SendToNone,
      );
    }
    const next = await syncItems(svc, WellKnownFolderName.Calendar, first.state, 512, [new ItemId(a)]);
    const changes: ItemChange[] = [];
    for (let i = 0; i < next.Count; i++) changes.push(next._getItem(i));
    expect(summary(changes)).toEqual([`Update ${b}`]);
  });

  it('Conversation History: marking read is a ReadFlagChange; moving to Deleted Items a Delete there and a Create in it', async () => {
    const svc = service(ALICE);
    const history = await syncAll(svc, WellKnownFolderName.ConversationHistory, null, 512);
    const bin = await syncAll(svc, WellKnownFolderName.DeletedItems, null, 512);
    const alice = who(ALICE);
    const inHistory = mailOf(fx.sim.org, alice).filter((m) => m.folder === 'conversationhistory');
    expect(history.changes.length).toBe(inHistory.length);
    const unread = inHistory.find((m) => !m.isRead);
    const other = inHistory.find((m) => m !== unread);
    if (!unread || !other) throw new Error('no unread conversation');
    const unreadId = encodeId('item', alice.id, unread.id);
    const otherId = encodeId('item', alice.id, other.id);

    const msg = await EmailMessage.Bind(svc, new ItemId(unreadId), PropertySet.IdOnly);
    msg.IsRead = true;
    await msg.Update(ConflictResolutionMode.AutoResolve);
    await (
      await EmailMessage.Bind(svc, new ItemId(otherId), PropertySet.IdOnly)
    ).Delete(DeleteMode.MoveToDeletedItems);

    const next = await syncItems(svc, WellKnownFolderName.ConversationHistory, history.state);
    const changes: ItemChange[] = [];
    for (let i = 0; i < next.Count; i++) changes.push(next._getItem(i));
    expect(summary(changes)).toEqual([`Delete ${otherId}`, `ReadFlagChange ${unreadId}`].sort());
    expect(changes.find((c) => c.ChangeType === ChangeType.ReadFlagChange)?.IsRead).toBe(true);

    const binNext = await syncItems(svc, WellKnownFolderName.DeletedItems, bin.state);
    const binChanges: ItemChange[] = [];
    for (let i = 0; i < binNext.Count; i++) binChanges.push(binNext._getItem(i));
    expect(summary(binChanges)).toEqual([`Create ${otherId}`]);
  });

  it('Lync Contacts: a contact renamed through UpdateItem is an Update, and its Create had a Contact', async () => {
    const svc = service(ALICE);
    const folder = new FolderId(WellKnownFolderName.QuickContacts);
    const first = await svc.SyncFolderItems(
      folder,
      PropertySet.FirstClassProperties,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      '',
    );
    const alice = who(ALICE);
    expect(first.Count).toBe(alice.imList.personas.length);
    expect(first._getItem(0).Item).toBeInstanceOf(Contact);
    const persona = alice.imList.personas[1];
    if (!persona) throw new Error('alice has too few contacts');
    const id = encodeId('contact', alice.id, persona.id);
    const c = await Contact.Bind(svc, new ItemId(id), PropertySet.FirstClassProperties);
    c.DisplayName = 'Renamed for sync';
    await c.Update(ConflictResolutionMode.AutoResolve);
    const next = await svc.SyncFolderItems(
      folder,
      PropertySet.FirstClassProperties,
      [],
      512,
      SyncFolderItemsScope.NormalItems,
      first.SyncState,
    );
    expect(next.Count).toBe(1);
    expect(next._getItem(0).ChangeType).toBe(ChangeType.Update);
    expect((next._getItem(0).Item as Contact).DisplayName).toBe('Renamed for sync');
  });

  it('a Default shape brings each item’s properties, as GetItem would', async () => {
    const svc = service(ALICE);
    const page = await svc.SyncFolderItems(
      new FolderId(WellKnownFolderName.Calendar),
      new PropertySet(BasePropertySet.FirstClassProperties),
      [],
      5,
      SyncFolderItemsScope.NormalItems,
      '',
    );
    expect(page.Count).toBe(5);
    expect(page.MoreChangesAvailable).toBe(true);
    const first = page._getItem(0).Item as Appointment;
    expect(first).toBeInstanceOf(Appointment);
    expect(typeof first.Subject).toBe('string');
    expect(first.Start.TotalMilliSeconds).toBeGreaterThan(0);
  });

  it('garbage, forged, another folder’s and another mailbox’s states are ErrorInvalidSyncStateData', async () => {
    const svc = service(ALICE);
    const { state } = await syncAll(svc, WellKnownFolderName.Calendar, null, 512);
    const bytes = Buffer.from(state, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 0x01; // the position, edited
    const forged = bytes.toString('base64');
    for (const bad of ['not a sync state', 'H4sIAAAAAAAEAO29B2AcSZY=', forged]) {
      expect(await codeOf(syncItems(svc, WellKnownFolderName.Calendar, bad)), bad).toBe(
        'ErrorInvalidSyncStateData',
      );
    }
    expect(await codeOf(syncItems(svc, WellKnownFolderName.Inbox, state))).toBe('ErrorInvalidSyncStateData');
    expect(await codeOf(syncItems(service(BOB), WellKnownFolderName.Calendar, state))).toBe(
      'ErrorInvalidSyncStateData',
    );
  });
});

// ---------------------------------------------------------------- request XML

const FIXTURES = join(import.meta.dirname, '../../fixtures/ews-requests');

function request(name: string, values: Record<string, string>): string {
  return readFileSync(join(FIXTURES, `${name}.xml`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`fixture ${name} needs ${k}`);
    return esc(v);
  });
}

async function post(smtp: string, xml: string): Promise<{ status: number; doc: XNode }> {
  const res = await fetch(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from(`${smtp}:${who(smtp).password}`).toString('base64')}`,
    },
    body: xml,
  });
  return { status: res.status, doc: parseXml(await res.text()) };
}

const syncItemsXml = (max: string, state = ''): string =>
  request('SyncFolderItems', { FOLDER: 'calendar', MAX: max, STATE: state });

describe('SyncFolderItems, request XML', () => {
  it('answers ResponseCode, SyncState, IncludesLastItemInRange and Changes in the schema’s order', async () => {
    const { status, doc } = await post(ALICE, syncItemsXml('2'));
    expect(status).toBe(200);
    at(doc, 'Header', 'ServerVersionInfo');
    const msg = at(
      doc,
      'Body',
      'SyncFolderItemsResponse',
      'ResponseMessages',
      'SyncFolderItemsResponseMessage',
    );
    expect(msg.attrs.ResponseClass).toBe('Success');
    expect(names(msg)).toEqual(['ResponseCode', 'SyncState', 'IncludesLastItemInRange', 'Changes']);
    expect(at(msg, 'SyncState').text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(at(msg, 'IncludesLastItemInRange').text).toBe('false');
    const creates = children(at(msg, 'Changes'));
    expect(creates.map((c) => `${c.uri === NS.t ? 't' : '?'}:${c.local}`)).toEqual(['t:Create', 't:Create']);
    expect(names(creates[0])).toEqual(['CalendarItem']);
  });

  it('a forged state is an Error message with our text in a 200, not a fault', async () => {
    const { status, doc } = await post(ALICE, syncItemsXml('5', 'UlNTAQAAAAE='));
    expect(status).toBe(200);
    const msg = at(
      doc,
      'Body',
      'SyncFolderItemsResponse',
      'ResponseMessages',
      'SyncFolderItemsResponseMessage',
    );
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(at(msg, 'ResponseCode').text).toBe('ErrorInvalidSyncStateData');
    expect(at(msg, 'MessageText').text).toMatch(/^Synchronization state data is corrupt/);
  });

  it('MaxChangesReturned outside 1–512 fails schema validation (a SOAP fault)', async () => {
    for (const max of ['0', '513', 'ten']) {
      const { status, doc } = await post(ALICE, syncItemsXml(max));
      expect(status, max).toBe(500);
      expect(at(doc, 'Body', 'Fault', 'detail', 'ResponseCode').text).toBe('ErrorSchemaValidation');
    }
  });
});

// ---------------------------------------------------------------- hierarchy

describe('SyncFolderHierarchy', () => {
  it('documented request: folders as Creates in the schema’s order; Lync Contacts appears once the list moves', async () => {
    const DAVE = 'dave@contoso.test';
    expect(who(DAVE).imList.personas).toHaveLength(0);
    const messageOf = (doc: XNode): XNode =>
      at(
        doc,
        'Body',
        'SyncFolderHierarchyResponse',
        'ResponseMessages',
        'SyncFolderHierarchyResponseMessage',
      );
    const first = messageOf((await post(DAVE, request('SyncFolderHierarchy', { STATE: '' }))).doc);
    expect(first.attrs.ResponseClass).toBe('Success');
    expect(names(first)).toEqual(['ResponseCode', 'SyncState', 'IncludesLastFolderInRange', 'Changes']);
    const creates = children(at(first, 'Changes'));
    expect(new Set(creates.map((c) => c.local))).toEqual(new Set(['Create']));
    const shown = creates.map((c) => c.children[0]);
    expect(shown.map((f) => f?.local)).toContain('CalendarFolder');
    const displayNames = shown.map((f) => (f ? at(f, 'DisplayName').text : ''));
    expect(displayNames).not.toContain('Lync Contacts');
    expect(names(shown[0])).toEqual(
      expect.arrayContaining(['FolderId', 'ParentFolderId', 'FolderClass', 'DisplayName']),
    );

    const moved = await post(DAVE, request('SetImListMigrationCompleted', { COMPLETED: 'true' }));
    expect(moved.status).toBe(200);
    const state = at(first, 'SyncState').text;
    const next = messageOf((await post(DAVE, request('SyncFolderHierarchy', { STATE: state }))).doc);
    const changes = children(at(next, 'Changes'));
    expect(changes.map((c) => [c.local, c.children[0] ? at(c.children[0], 'DisplayName').text : ''])).toEqual(
      [['Create', 'Lync Contacts']],
    );
  });

  it('ews-javascript-api: the IPM subtree once as Creates, matching FindFolder Deep, then nothing', async () => {
    const svc = service(ALICE);
    const first: ChangeCollection<FolderChange> = await svc.SyncFolderHierarchy(
      PropertySet.FirstClassProperties,
      '',
    );
    expect(first.MoreChangesAvailable).toBe(false);
    const created: FolderChange[] = [];
    for (let i = 0; i < first.Count; i++) created.push(first._getItem(i));
    expect(created.every((c) => c.ChangeType === ChangeType.Create)).toBe(true);
    const byName = created.map((c) => c.Folder.DisplayName);
    expect(byName).toEqual(expect.arrayContaining(['Calendar', 'Contacts', 'Inbox', 'Conversation History']));
    expect(byName).not.toContain('Top of Information Store');

    const view = new FolderView(1000);
    view.Traversal = FolderTraversal.Deep;
    const deep = await svc.FindFolders(WellKnownFolderName.MsgFolderRoot, view);
    expect(created.map((c) => c.FolderId.UniqueId).sort()).toEqual(
      deep.Folders.map((f) => f.Id.UniqueId).sort(),
    );

    const again = await svc.SyncFolderHierarchy(PropertySet.FirstClassProperties, first.SyncState);
    expect(again.Count).toBe(0);
    expect(await codeOf(svc.SyncFolderHierarchy(PropertySet.IdOnly, 'bogus=='))).toBe(
      'ErrorInvalidSyncStateData',
    );
  });
});
