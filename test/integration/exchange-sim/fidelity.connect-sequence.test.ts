/**
 * Fidelity for what standard EWS clients do before anything else (issue 17): ConvertId (also
 * sent with a dummy id just to read the server version), GetServerTimeZones, and the
 * distinguished folders with GetFolder / FindFolder. Driven by ews-javascript-api where it offers
 * the call, and by request XML shaped like Microsoft's documentation examples
 * (test/fixtures/ews-requests/) otherwise, the answers checked by structure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlternateId,
  BasePropertySet,
  ExtendedPropertyDefinition,
  Folder,
  FolderSchema,
  FolderTraversal,
  FolderView,
  MapiPropertyType,
  PropertySet,
  WellKnownFolderName,
  IdFormat,
  ServiceError,
  ServiceResult,
} from 'ews-javascript-api';
import { describe, expect, it } from 'vitest';
import { esc } from '../../../main/exchange-sim/ews/xml';
import { windowsIdFromIana } from '../../../main/exchange-sim/ews/tz';
import {
  NS,
  at,
  child,
  children,
  names,
  parseXml,
  type XNode,
} from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const FIXTURES = join(import.meta.dirname, '../../fixtures/ews-requests');
const fx = useFidelitySim();
const { who, service } = fx;

function request(name: string, values: Record<string, string> = {}): string {
  return readFileSync(join(FIXTURES, `${name}.xml`), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`fixture ${name} needs ${k}`);
    return esc(v);
  });
}

interface Reply {
  status: number;
  envelope: XNode;
  /** m:<Op>Response */
  body: XNode;
}

async function postXml(smtp: string, xml: string): Promise<Reply> {
  const res = await fetch(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from(`${smtp}:${who(smtp).password}`).toString('base64')}`,
    },
    body: xml,
  });
  const envelope = parseXml(await res.text());
  const body = at(envelope, 'Body').children[0];
  if (!body) throw new Error('empty body');
  return { status: res.status, envelope, body };
}

function post(smtp: string, name: string, values: Record<string, string> = {}): Promise<Reply> {
  return postXml(smtp, request(name, values));
}

/** 200, SOAP 1.1, ServerVersionInfo in the header, m:<Op>Response / m:ResponseMessages. */
function messagesOf(reply: Reply, op: string): XNode[] {
  expect(reply.status).toBe(200);
  expect(reply.envelope.uri).toBe(NS.soap);
  const svi = at(reply.envelope, 'Header', 'ServerVersionInfo');
  expect(svi.uri).toBe(NS.t);
  expect(svi.attrs.MajorVersion).toBe('15');
  expect(reply.body.local).toBe(`${op}Response`);
  expect(reply.body.uri).toBe(NS.m);
  const list = at(reply.body, 'ResponseMessages');
  for (const m of list.children) {
    expect(m.local).toBe(`${op}ResponseMessage`);
    expect(m.uri).toBe(NS.m);
  }
  return list.children;
}

function codeOf(message: XNode): string | undefined {
  return child(message, 'ResponseCode')?.text;
}

/** The error code the client saw (ServiceResponseException's ErrorCode, or a fault's ResponseCode). */
async function errorCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { ErrorCode?: number; ResponseCode?: number };
    const code = e.ResponseCode ?? e.ErrorCode;
    return code === undefined ? String(err) : (ServiceError[code] ?? String(code));
  }
  return 'no error';
}

const FORMATS = [
  IdFormat.EwsId,
  IdFormat.EwsLegacyId,
  IdFormat.EntryId,
  IdFormat.HexEntryId,
  IdFormat.OwaId,
  IdFormat.StoreId,
] as const;

/** What an id looks like in each format: hex digits for HexEntryId, some text for the others. */
const ID_SHAPE: Partial<Record<IdFormat, RegExp>> = { [IdFormat.HexEntryId]: /^[0-9A-F]+$/ };

/** An EwsId the server issued: the calendar folder's, read back with GetFolder. */
async function calendarFolderId(smtp: string): Promise<string> {
  const xml = request('GetFolderDistinguished', { SHAPE: 'IdOnly', FOLDER: 'calendar' });
  const [m] = messagesOf(await postXml(smtp, xml), 'GetFolder');
  return at(m!, 'Folders', 'CalendarFolder', 'FolderId').attrs.Id ?? '';
}

describe('ConvertId', () => {
  it('ews-javascript-api: an EwsId goes through every format and back unchanged', async () => {
    const s = service('alice@contoso.test');
    const ewsId = await calendarFolderId('alice@contoso.test');
    for (const format of FORMATS) {
      const there = (await s.ConvertId(
        new AlternateId(IdFormat.EwsId, ewsId, 'alice@contoso.test'),
        format,
      )) as AlternateId;
      expect(there.Format).toBe(format);
      expect(there.Mailbox).toBe('alice@contoso.test');
      expect(there.UniqueId).toMatch(ID_SHAPE[format] ?? /\S/);
      const back = (await s.ConvertId(
        new AlternateId(format, there.UniqueId, 'alice@contoso.test'),
        IdFormat.EwsId,
      )) as AlternateId;
      expect(back.UniqueId).toBe(ewsId);
    }
    expect(s.ServerInfo.MajorVersion).toBe(15);
  });

  it('ews-javascript-api: a dummy id is a per-id error, and the server version is still read', async () => {
    const s = service('alice@contoso.test');
    const code = await errorCodeOf(
      s.ConvertId(new AlternateId(IdFormat.EwsId, 'AAAAAA==', 'alice@contoso.test'), IdFormat.EwsId),
    );
    expect(code).toBe('ErrorInvalidIdMalformed');
    expect(s.ServerInfo.MajorVersion).toBe(15);
    expect(s.ServerInfo.VersionString).toBe('V2017_07_11');
  });

  it('ews-javascript-api: a batch answers each id on its own', async () => {
    const s = service('alice@contoso.test');
    const ewsId = await calendarFolderId('alice@contoso.test');
    const r = await s.ConvertIds(
      [
        new AlternateId(IdFormat.EwsId, ewsId, 'alice@contoso.test'),
        new AlternateId(IdFormat.HexEntryId, 'not hex', 'alice@contoso.test'),
      ],
      IdFormat.EntryId,
    );
    expect(r.Count).toBe(2);
    expect(r.__thisIndexer(0).Result).toBe(ServiceResult.Success);
    expect(r.__thisIndexer(1).Result).toBe(ServiceResult.Error);
    expect(ServiceError[r.__thisIndexer(1).ErrorCode]).toBe('ErrorInvalidIdMalformed');
  });

  it('documented request: one message per source id, AlternateId typed, the bad one an error in a 200', async () => {
    const ewsId = await calendarFolderId('alice@contoso.test');
    const reply = await post('alice@contoso.test', 'ConvertId', {
      DESTINATION: 'HexEntryId',
      FORMAT: 'EwsId',
      ID: ewsId,
      MAILBOX: 'alice@contoso.test',
    });
    const [ok, bad] = messagesOf(reply, 'ConvertId');
    expect(ok!.attrs.ResponseClass).toBe('Success');
    expect(names(ok)).toEqual(['ResponseCode', 'AlternateId']);
    const alt = at(ok!, 'AlternateId');
    expect(alt.uri).toBe(NS.m);
    expect(alt.attrs.type).toBe('t:AlternateIdType');
    expect(alt.attrs.Format).toBe('HexEntryId');
    expect(alt.attrs.Mailbox).toBe('alice@contoso.test');
    expect(bad!.attrs.ResponseClass).toBe('Error');
    expect(names(bad)).toEqual(['MessageText', 'ResponseCode', 'DescriptiveLinkKey']);
    expect(codeOf(bad!)).toBe('ErrorInvalidIdMalformed');
  });

  it('documented request: an unknown destination format is a schema fault, not a 200', async () => {
    const reply = await post('alice@contoso.test', 'ConvertId', {
      DESTINATION: 'NotAFormat',
      FORMAT: 'EwsId',
      ID: 'AAAA',
      MAILBOX: 'alice@contoso.test',
    });
    expect(reply.status).toBe(500);
    expect(child(at(reply.body, 'detail'), 'ResponseCode')?.text).toBe('ErrorSchemaValidation');
  });
});

/** Every Windows zone id the seeded organisation puts on the wire (working hours and items). */
function orgWindowsZoneIds(): string[] {
  const zones = new Set<string>();
  for (const p of fx.sim.org.people) {
    zones.add(p.workingHours.timeZone);
    for (const item of p.calendar) zones.add(item.timeZone);
  }
  return [...zones].map(windowsIdFromIana).sort();
}

function definitions(reply: Reply): XNode[] {
  const [m] = messagesOf(reply, 'GetServerTimeZones');
  expect(m!.attrs.ResponseClass).toBe('Success');
  expect(names(m)).toEqual(['ResponseCode', 'TimeZoneDefinitions']);
  const defs = at(m!, 'TimeZoneDefinitions');
  expect(defs.uri).toBe(NS.m);
  for (const d of defs.children) {
    expect(d.local).toBe('TimeZoneDefinition');
    expect(d.uri).toBe(NS.t);
  }
  return defs.children;
}

describe('GetServerTimeZones', () => {
  it('the seeded organisation uses Windows ids only, several of them', () => {
    const ids = orgWindowsZoneIds();
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(id).not.toContain('/');
  });

  it('documented request without Ids: every zone, id and name only, the org’s zones among them', async () => {
    const defs = definitions(await post('alice@contoso.test', 'GetServerTimeZonesAll'));
    const ids = defs.map((d) => d.attrs.Id);
    for (const id of orgWindowsZoneIds()) expect(ids).toContain(id);
    for (const d of defs) {
      expect(d.children).toEqual([]);
      expect(d.attrs.Name).toMatch(/^\(UTC/);
    }
  });

  it('documented request for two ids without full data: exactly those, in order', async () => {
    const defs = definitions(
      await post('alice@contoso.test', 'GetServerTimeZones', {
        FULL: 'false',
        ID1: 'Eastern Standard Time',
        ID2: 'Pacific Standard Time',
      }),
    );
    expect(defs.map((d) => d.attrs.Id)).toEqual(['Eastern Standard Time', 'Pacific Standard Time']);
    expect(defs[0]!.attrs.Name).toBe('(UTC-05:00) Eastern Time (US & Canada)');
  });

  it('full data: periods, a yearly transitions group and the transition to it, with the real rules', async () => {
    const [eastern, tokyo] = definitions(
      await post('alice@contoso.test', 'GetServerTimeZones', {
        FULL: 'true',
        ID1: 'Eastern Standard Time',
        ID2: 'Tokyo Standard Time',
      }),
    );
    expect(names(eastern)).toEqual(['Periods', 'TransitionsGroups', 'Transitions']);
    const periods = children(at(eastern!, 'Periods'), 'Period');
    expect(periods.map((p) => [p.attrs.Name, p.attrs.Bias])).toEqual([
      ['Standard', 'PT5H'],
      ['Daylight', 'PT4H'],
    ]);
    const group = at(eastern!, 'TransitionsGroups', 'TransitionsGroup');
    const [toDaylight, toStandard] = children(group, 'RecurringDayTransition');
    expect(names(toDaylight)).toEqual(['To', 'TimeOffset', 'Month', 'DayOfWeek', 'Occurrence']);
    expect(at(toDaylight!, 'To').attrs.Kind).toBe('Period');
    expect(at(toDaylight!, 'To').text).toBe(periods[1]!.attrs.Id);
    // US rules: second Sunday of March, first Sunday of November, at 2:00.
    expect([at(toDaylight!, 'Month').text, at(toDaylight!, 'Occurrence').text]).toEqual(['3', '2']);
    expect([at(toStandard!, 'Month').text, at(toStandard!, 'Occurrence').text]).toEqual(['11', '1']);
    expect(at(toDaylight!, 'TimeOffset').text).toBe('PT2H');
    expect(at(toDaylight!, 'DayOfWeek').text).toBe('Sunday');
    const to = at(eastern!, 'Transitions', 'Transition', 'To');
    expect([to.attrs.Kind, to.text]).toEqual(['Group', group.attrs.Id]);
    // No daylight saving: one period, a plain transition to it.
    const tokyoPeriods = children(at(tokyo!, 'Periods'), 'Period');
    expect(tokyoPeriods.map((p) => p.attrs.Bias)).toEqual(['-PT9H']);
    expect(names(at(tokyo!, 'TransitionsGroups', 'TransitionsGroup'))).toEqual(['Transition']);
  });

  it.each([true, false])(
    'every zone the seeded organisation uses, asked by id (full data %s): each answered, in order',
    async (full) => {
      const wanted = orgWindowsZoneIds();
      const xml = request('GetServerTimeZones', { FULL: String(full), ID1: 'x', ID2: 'y' }).replace(
        /<m:Ids>[\s\S]*<\/m:Ids>/,
        `<m:Ids>${wanted.map((id) => `<t:Id>${esc(id)}</t:Id>`).join('')}</m:Ids>`,
      );
      const defs = definitions(await postXml('alice@contoso.test', xml));
      expect(defs.map((d) => d.attrs.Id)).toEqual(wanted);
      for (const d of defs) {
        expect(d.attrs.Name, d.attrs.Id).toMatch(/^\(UTC/);
        // With full data the rules come first (Periods); without, the definition is bare.
        expect(names(d).slice(0, 1), d.attrs.Id).toEqual(full ? ['Periods'] : []);
      }
    },
  );

  it('an id the server does not know is an error message in a 200', async () => {
    const reply = await post('alice@contoso.test', 'GetServerTimeZones', {
      FULL: 'false',
      ID1: 'Eastern Standard Time',
      ID2: 'Mars Standard Time',
    });
    const [m] = messagesOf(reply, 'GetServerTimeZones');
    expect(m!.attrs.ResponseClass).toBe('Error');
    expect(codeOf(m!)).toBe('ErrorTimeZone');
  });

  it('ews-javascript-api: reads every definition (full data by default) as a TimeZoneInfo', async () => {
    const s = service('alice@contoso.test');
    const zones = await s.GetServerTimeZones();
    const ids = zones.map((z) => z.Id);
    for (const id of orgWindowsZoneIds()) expect(ids).toContain(id);
    const paris = zones.find((z) => z.Id === 'Romance Standard Time');
    expect(paris?.DisplayName).toBe('(UTC+01:00) Brussels, Copenhagen, Madrid, Paris');
    expect(s.ServerInfo.MajorVersion).toBe(15);
  });
});

/** What a client may name, per the DistinguishedFolderId documentation, and the element it gets. */
const DISTINGUISHED: readonly [string, string][] = [
  ['root', 'Folder'],
  ['msgfolderroot', 'Folder'],
  ['inbox', 'Folder'],
  ['calendar', 'CalendarFolder'],
  ['contacts', 'ContactsFolder'],
  ['sentitems', 'Folder'],
  ['deleteditems', 'Folder'],
  ['drafts', 'Folder'],
  ['outbox', 'Folder'],
  ['junkemail', 'Folder'],
  ['tasks', 'TasksFolder'],
  ['notes', 'Folder'],
  ['journal', 'Folder'],
  ['searchfolders', 'Folder'],
  ['voicemail', 'SearchFolder'],
  ['conversationhistory', 'Folder'],
  ['recoverableitemsroot', 'Folder'],
  ['recoverableitemsdeletions', 'Folder'],
  ['recoverableitemsversions', 'Folder'],
  ['recoverableitemspurges', 'Folder'],
  ['syncissues', 'Folder'],
  ['conflicts', 'Folder'],
  ['localfailures', 'Folder'],
  ['serverfailures', 'Folder'],
  ['recipientcache', 'ContactsFolder'],
  ['quickcontacts', 'ContactsFolder'],
  ['imcontactlist', 'ContactsFolder'],
  ['todosearch', 'SearchFolder'],
  ['mycontacts', 'SearchFolder'],
];

async function getDistinguished(folder: string, shape = 'Default'): Promise<XNode> {
  const [m] = messagesOf(
    await post('alice@contoso.test', 'GetFolderDistinguished', { SHAPE: shape, FOLDER: folder }),
    'GetFolder',
  );
  return m!;
}

async function findPage(
  folder: string,
  traversal: string,
  max: number,
  offset: number,
  shape = 'IdOnly',
): Promise<XNode> {
  const reply = await post('alice@contoso.test', 'FindFolderPaged', {
    TRAVERSAL: traversal,
    SHAPE: shape,
    MAX: String(max),
    OFFSET: String(offset),
    FOLDER: folder,
  });
  const [m] = messagesOf(reply, 'FindFolder');
  expect(m!.attrs.ResponseClass).toBe('Success');
  return at(m!, 'RootFolder');
}

describe('distinguished folders, documented requests', () => {
  it.each(DISTINGUISHED)('GetFolder %s answers a %s', async (id, element) => {
    const m = await getDistinguished(id);
    expect(m.attrs.ResponseClass).toBe('Success');
    const folder = at(m, 'Folders').children[0]!;
    expect(folder.local).toBe(element);
    expect(folder.uri).toBe(NS.t);
    expect(names(folder).slice(0, 2)).toEqual(['FolderId', 'DisplayName']);
  });

  it.each(['nosuch', 'archiveinbox', 'archivemsgfolderroot', 'publicfoldersroot'])(
    'GetFolder %s is ErrorFolderNotFound in a 200',
    async (id) => {
      const m = await getDistinguished(id);
      expect(m.attrs.ResponseClass).toBe('Error');
      expect(codeOf(m)).toBe('ErrorFolderNotFound');
    },
  );

  it.each(DISTINGUISHED)(
    'FindFolder %s, Shallow and Deep in pages of 2: every child once, Shallow within Deep',
    async (id) => {
      /** Every page of the walk; the last page's total is what the walk saw, checked below. */
      const walk = async (traversal: string): Promise<{ seen: string[]; total: number }> => {
        const seen: string[] = [];
        let offset = 0;
        for (let page = 0; page < 50; page++) {
          const root = await findPage(id, traversal, 2, offset);
          const ids = children(at(root, 'Folders')).map((f) => at(f, 'FolderId').attrs.Id ?? '');
          expect(ids.length).toBeLessThanOrEqual(2);
          seen.push(...ids);
          if (root.attrs.IncludesLastItemInRange === 'true')
            return { seen, total: Number(root.attrs.TotalItemsInView) };
          offset = Number(root.attrs.IndexedPagingOffset);
        }
        throw new Error('paging never ends');
      };
      const shallowWalk = await walk('Shallow');
      const deepWalk = await walk('Deep');
      expect(shallowWalk.seen.length).toBe(shallowWalk.total);
      expect(deepWalk.seen.length).toBe(deepWalk.total);
      const shallow = shallowWalk.seen;
      const deep = deepWalk.seen;
      expect(new Set(deep).size).toBe(deep.length);
      for (const f of shallow) expect(deep).toContain(f);
    },
  );

  it.each(['nosuch', 'archivemsgfolderroot'])(
    'FindFolder under %s is ErrorFolderNotFound in a 200',
    async (id) => {
      const reply = await post('alice@contoso.test', 'FindFolderPaged', {
        TRAVERSAL: 'Shallow',
        SHAPE: 'IdOnly',
        MAX: '10',
        OFFSET: '0',
        FOLDER: id,
      });
      const [m] = messagesOf(reply, 'FindFolder');
      expect(m!.attrs.ResponseClass).toBe('Error');
      expect(codeOf(m!)).toBe('ErrorFolderNotFound');
    },
  );

  it('IdOnly is the id alone; AllProperties adds parent and class', async () => {
    const idOnly = at(await getDistinguished('inbox', 'IdOnly'), 'Folders', 'Folder');
    expect(names(idOnly)).toEqual(['FolderId']);
    const all = at(await getDistinguished('inbox', 'AllProperties'), 'Folders', 'Folder');
    expect(names(all)).toEqual([
      'FolderId',
      'ParentFolderId',
      'FolderClass',
      'DisplayName',
      'TotalCount',
      'ChildFolderCount',
      'UnreadCount',
    ]);
    const top = at(await getDistinguished('msgfolderroot', 'IdOnly'), 'Folders', 'Folder', 'FolderId');
    expect(at(all, 'ParentFolderId').attrs.Id).toBe(top.attrs.Id);
    expect(at(all, 'FolderClass').text).toBe('IPF.Note');
  });

  it('looks like a real mailbox: the IPM subtree under the root, the usual folders in it', async () => {
    const top = await findPage('msgfolderroot', 'Shallow', 100, 0, 'Default');
    const shown = children(at(top, 'Folders')).map((f) => at(f, 'DisplayName').text);
    for (const name of [
      'Calendar',
      'Contacts',
      'Deleted Items',
      'Drafts',
      'Inbox',
      'Junk Email',
      'Outbox',
      'Sent Items',
      'Tasks',
    ])
      expect(shown).toContain(name);
    const root = await findPage('root', 'Shallow', 100, 0, 'Default');
    const rootNames = children(at(root, 'Folders')).map((f) => at(f, 'DisplayName').text);
    expect(rootNames).toContain('Top of Information Store');
    expect(rootNames).toContain('Finder');
  });

  it('FindFolder Deep pages through the whole tree, each folder once, the last page saying so', async () => {
    const whole = await findPage('root', 'Deep', 1000, 0);
    const total = Number(whole.attrs.TotalItemsInView);
    expect(total).toBeGreaterThan(25);
    expect(whole.attrs.IncludesLastItemInRange).toBe('true');
    const allIds = children(at(whole, 'Folders')).map((f) => at(f, 'FolderId').attrs.Id);
    const seen: (string | undefined)[] = [];
    let offset = 0;
    for (;;) {
      const page = await findPage('root', 'Deep', 7, offset);
      const ids = children(at(page, 'Folders')).map((f) => at(f, 'FolderId').attrs.Id);
      expect(ids.length).toBeLessThanOrEqual(7);
      expect(page.attrs.TotalItemsInView).toBe(String(total));
      seen.push(...ids);
      offset = Number(page.attrs.IndexedPagingOffset);
      if (page.attrs.IncludesLastItemInRange === 'true') break;
      expect(ids.length).toBe(7);
    }
    expect(seen).toEqual(allIds);
    expect(new Set(seen).size).toBe(total);
  });

  it('FindFolder Shallow lists only direct children', async () => {
    const shallow = await findPage('syncissues', 'Shallow', 100, 0, 'Default');
    expect(children(at(shallow, 'Folders')).map((f) => at(f, 'DisplayName').text)).toEqual([
      'Conflicts',
      'Local Failures',
      'Server Failures',
    ]);
  });

  it('AdditionalProperties: asked fields and MAPI tags come back, what a folder lacks is absent', async () => {
    const reply = await post('alice@contoso.test', 'GetFolderAdditional', {
      FOLDER1: 'inbox',
      FOLDER2: 'calendar',
    });
    const [inboxMsg, calendarMsg] = messagesOf(reply, 'GetFolder');
    const inbox = at(inboxMsg!, 'Folders', 'Folder');
    expect(names(inbox)).toEqual([
      'FolderId',
      'FolderClass',
      'DisplayName',
      'TotalCount',
      'ChildFolderCount',
      'ExtendedProperty',
      'ExtendedProperty',
      'UnreadCount',
    ]);
    const props = children(inbox, 'ExtendedProperty').map((p) => [
      at(p, 'ExtendedFieldURI').attrs.PropertyTag,
      at(p, 'ExtendedFieldURI').attrs.PropertyType,
      at(p, 'Value').text,
    ]);
    expect(props).toEqual([
      ['0x3613', 'String', 'IPF.Note'],
      ['0x3601', 'Integer', '1'],
    ]);
    // A calendar folder has no UnreadCount in the schema; PR_CONTAINER_CLASS is its class.
    const calendar = at(calendarMsg!, 'Folders', 'CalendarFolder');
    expect(names(calendar)).not.toContain('UnreadCount');
    expect(at(children(calendar, 'ExtendedProperty')[0]!, 'Value').text).toBe('IPF.Appointment');
  });
});

describe('distinguished folders, ews-javascript-api', () => {
  const CONTAINER_CLASS = new ExtendedPropertyDefinition(0x3613, MapiPropertyType.String);
  const FOLDER_TYPE = new ExtendedPropertyDefinition(0x3601, MapiPropertyType.Integer);

  it.each([
    ['Root', WellKnownFolderName.Root],
    ['MsgFolderRoot', WellKnownFolderName.MsgFolderRoot],
    ['Inbox', WellKnownFolderName.Inbox],
    ['Calendar', WellKnownFolderName.Calendar],
    ['Contacts', WellKnownFolderName.Contacts],
    ['Tasks', WellKnownFolderName.Tasks],
    ['SearchFolders', WellKnownFolderName.SearchFolders],
    ['VoiceMail', WellKnownFolderName.VoiceMail],
    ['ConversationHistory', WellKnownFolderName.ConversationHistory],
    ['QuickContacts', WellKnownFolderName.QuickContacts],
    ['RecoverableItemsRoot', WellKnownFolderName.RecoverableItemsRoot],
  ])('Folder.Bind(%s) with additional properties', async (_name, wellKnown) => {
    const s = service('alice@contoso.test');
    const props = new PropertySet(BasePropertySet.IdOnly, [
      FolderSchema.DisplayName,
      FolderSchema.ChildFolderCount,
      CONTAINER_CLASS,
      FOLDER_TYPE,
    ]);
    const folder = await Folder.Bind(s, wellKnown, props);
    expect(folder.Id.UniqueId.length).toBeGreaterThan(10);
    expect(typeof folder.DisplayName).toBe('string');
    const type = { outValue: null as unknown };
    expect(folder.ExtendedProperties.TryGetValue(FOLDER_TYPE, type)).toBe(true);
    expect([0, 1, 2]).toContain(type.outValue);
    const cls = { outValue: null as unknown };
    expect(folder.ExtendedProperties.TryGetValue(CONTAINER_CLASS, cls)).toBe(
      wellKnown !== WellKnownFolderName.Root,
    );
  });

  it('an archive folder the mailbox lacks is ErrorFolderNotFound', async () => {
    const s = service('alice@contoso.test');
    expect(await errorCodeOf(Folder.Bind(s, WellKnownFolderName.ArchiveMsgFolderRoot))).toBe(
      'ErrorFolderNotFound',
    );
  });

  it('FindFolders Deep under the root, paged, matches the whole list', async () => {
    const s = service('alice@contoso.test');
    const everything = new FolderView(1000);
    everything.Traversal = FolderTraversal.Deep;
    everything.PropertySet = new PropertySet(BasePropertySet.IdOnly, [FolderSchema.DisplayName]);
    const whole = await s.FindFolders(WellKnownFolderName.Root, everything);
    expect(whole.MoreAvailable).toBe(false);
    const names = whole.Folders.map((f) => f.DisplayName);
    expect(names).toContain('Inbox');
    expect(names).toContain('Lync Contacts');
    const paged: string[] = [];
    let offset = 0;
    for (;;) {
      const view = new FolderView(6, offset);
      view.Traversal = FolderTraversal.Deep;
      view.PropertySet = new PropertySet(BasePropertySet.IdOnly, [FolderSchema.DisplayName]);
      const r = await s.FindFolders(WellKnownFolderName.Root, view);
      paged.push(...r.Folders.map((f) => f.DisplayName));
      if (!r.MoreAvailable) break;
      offset = r.NextPageOffset ?? offset + 6;
    }
    // This client groups a page's folders by element type (Folder, SearchFolder, CalendarFolder…)
    // while reading, so only the set is comparable across page sizes, not the order.
    expect(paged.length).toBe(names.length);
    expect([...paged].sort()).toEqual([...names].sort());
    expect(whole.TotalCount).toBe(names.length);
  });

  it('FindFolders Shallow with AdditionalProperties reads the MAPI class of each child', async () => {
    const s = service('alice@contoso.test');
    const view = new FolderView(100);
    view.PropertySet = new PropertySet(BasePropertySet.FirstClassProperties, [CONTAINER_CLASS]);
    const r = await s.FindFolders(WellKnownFolderName.MsgFolderRoot, view);
    const calendar = r.Folders.find((f) => f.DisplayName === 'Calendar');
    const cls = { outValue: null as unknown };
    expect(calendar?.ExtendedProperties.TryGetValue(CONTAINER_CLASS, cls)).toBe(true);
    expect(cls.outValue).toBe('IPF.Appointment');
  });
});
