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
  ExchangeService,
  ExchangeVersion,
  IdFormat,
  ServiceError,
  ServiceResult,
  Uri,
  WebCredentials,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { esc } from '../../../main/exchange-sim/ews/xml';
import { windowsIdFromIana } from '../../../main/exchange-sim/ews/tz';
import type { Person } from '../../../main/exchange-sim/org/types';
import {
  NS,
  at,
  child,
  children,
  makeOrg,
  names,
  parseXml,
  type XNode,
} from '../../unit/main/exchange-sim/ews/helpers';

const FIXTURES = join(import.meta.dirname, '../../fixtures/ews-requests');
let sim: ExchangeSimHandle;

beforeAll(async () => {
  sim = await startExchangeSim({ org: makeOrg(), httpsPort: false, authSchemes: ['Basic'] });
});
afterAll(async () => {
  await sim.close();
});

function who(smtp: string): Person {
  const p = sim.org.people.find((x) => x.smtp === smtp);
  if (!p) throw new Error(smtp);
  return p;
}

function service(smtp: string): ExchangeService {
  const s = new ExchangeService(ExchangeVersion.Exchange2013);
  s.Credentials = new WebCredentials(smtp, who(smtp).password);
  s.Url = new Uri(`${sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
  return s;
}

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
  const res = await fetch(`${sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
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
      if (format === IdFormat.HexEntryId) expect(there.UniqueId).toMatch(/^[0-9A-F]+$/);
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
  for (const p of sim.org.people) {
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
