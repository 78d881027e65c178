/** Availability details: time conversions, zone rules, one mailbox per answer, and out-of-office. */
import { describe, expect, it } from 'vitest';
import {
  getOofMailTips,
  getUserAvailability,
  getUserOofSettings,
  splitWindow,
  transitionFromTexts,
  utcFromEws,
  workingHoursFromTexts,
} from '../../../../../main/exchange/operations/availability';
import { child } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { M, T } from './envelope';

const SOAP = 'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"';
const body = (inner: string): string => `<s:Envelope ${SOAP}><s:Body>${inner}</s:Body></s:Envelope>`;

describe('utcFromEws and splitWindow', () => {
  it.each([
    ['2026-11-25T09:00:00', '2026-11-25T09:00:00.000Z'],
    [' 2026-11-25T09:00:00z ', '2026-11-25T09:00:00.000Z'],
    ['2026-11-25T09:00:00+01:00', '2026-11-25T08:00:00.000Z'],
    ['2026-11-25T09:00:00-02:30', '2026-11-25T11:30:00.000Z'],
    ['not a time', 'not a time'],
  ])('%j is %j', (text, iso) => expect(utcFromEws(text)).toBe(iso));

  it('cuts a window into pieces of the given days, the last one short', () => {
    expect(splitWindow('2026-11-01T00:00:00Z', '2026-11-04T12:00:00Z', 2)).toEqual([
      { start: '2026-11-01T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' },
      { start: '2026-11-03T00:00:00.000Z', end: '2026-11-04T12:00:00.000Z' },
    ]);
    expect(splitWindow('2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z', 2)).toHaveLength(1);
  });

  it('refuses an empty window', () => {
    expect(() => splitWindow('2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')).toThrow(
      expect.objectContaining({ kind: 'bad-input', code: 'ErrorInvalidTimeInterval' }) as Error,
    );
  });
});

describe('zone rules and working hours from their texts', () => {
  it.each([
    [
      'a daylight rule',
      { bias: '-60', time: '02:00:00', dayOrder: '5', month: '3', dayOfWeek: ' Sunday ', year: '2026' },
      { biasMinutes: -60, timeMinutes: 120, dayOrder: 5, month: 3, dayOfWeek: 0, year: 2026 },
    ],
    [
      'a rule with seconds and a weekday',
      { bias: '0', time: '03:30:30', dayOrder: '1', month: '10', dayOfWeek: 'Saturday' },
      { biasMinutes: 0, timeMinutes: 210.5, dayOrder: 1, month: 10, dayOfWeek: 6 },
    ],
    [
      'nothing readable',
      { bias: 'x', time: 'noon', dayOfWeek: 'Someday' },
      { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 },
    ],
    ['nothing at all', {}, { biasMinutes: 0, timeMinutes: 0, dayOrder: 0, month: 0, dayOfWeek: 0 }],
  ])('%s', (_what, texts, transition) => {
    expect(transitionFromTexts(texts)).toEqual(transition);
  });

  it('reads the working period, and a zone with its rules or none', () => {
    const standard = transitionFromTexts({ month: '10' });
    expect(
      workingHoursFromTexts(
        { bias: '-60', standard, daylight: undefined },
        { days: ' Monday  Tuesday ', start: '480', end: '1020' },
      ),
    ).toEqual({
      biasMinutes: -60,
      timeZone: { biasMinutes: -60, standard },
      days: ['Monday', 'Tuesday'],
      startMinutes: 480,
      endMinutes: 1020,
    });
    expect(workingHoursFromTexts(undefined, { days: undefined, start: 'x', end: undefined })).toEqual({
      biasMinutes: 0,
      timeZone: { biasMinutes: 0 },
      days: [],
      startMinutes: 0,
      endMinutes: 0,
    });
  });
});

describe('getUserAvailability: the request and merging', () => {
  const answer = (views: string[]): string =>
    body(
      `<GetUserAvailabilityResponse xmlns="${M}"><FreeBusyResponseArray>${views
        .map(
          (v) =>
            `<FreeBusyResponse><ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage><FreeBusyView>${v}</FreeBusyView></FreeBusyResponse>`,
        )
        .join('')}</FreeBusyResponseArray></GetUserAvailabilityResponse>`,
    );
  const view = (merged: string, events = ''): string =>
    `<MergedFreeBusy xmlns="${T}">${merged}</MergedFreeBusy><CalendarEventArray xmlns="${T}">${events}</CalendarEventArray>`;

  it('asks each mailbox once, in UTC, 30-minute detailed-merged by default, and joins windows in order', async () => {
    let n = 0;
    const { caller, calls } = fakeCaller(() => answer([view(String(n++))]));
    const r = await getUserAvailability(caller, {
      mailboxes: ['a@x', 'a@x'],
      start: '2026-11-01T00:00:00+01:00',
      end: '2026-12-20T00:00:00Z',
    });
    expect(r).toEqual([{ email: 'a@x', merged: '01', events: [] }]);
    expect(calls).toHaveLength(2);
    const req = calls[0]!.body;
    expect(calls[0]!.action).toBe('GetUserAvailability');
    const tz = child(req, 'TimeZone');
    expect(child(tz, 'Bias')?.text).toBe('0');
    expect(child(tz, 'StandardTime')?.children.map((c) => [c.name, c.text])).toEqual([
      ['Bias', '0'],
      ['Time', '00:00:00'],
      ['DayOrder', '1'],
      ['Month', '1'],
      ['DayOfWeek', 'Sunday'],
    ]);
    const data = child(child(req, 'MailboxDataArray'), 'MailboxData');
    expect(data?.children.map((c) => [c.name, c.text || child(c, 'Address')?.text])).toEqual([
      ['Email', 'a@x'],
      ['AttendeeType', 'Required'],
      ['ExcludeConflicts', 'false'],
    ]);
    const opts = child(req, 'FreeBusyViewOptions');
    expect(child(opts, 'TimeWindow')?.children.map((c) => c.text)).toEqual([
      '2026-10-31T23:00:00',
      '2026-12-12T23:00:00',
    ]);
    expect(child(opts, 'MergedFreeBusyIntervalInMinutes')?.text).toBe('30');
    expect(child(opts, 'RequestedView')?.text).toBe('DetailedMerged');
  });

  it('passes the interval and view asked for', async () => {
    const { caller, calls } = fakeCaller(answer([view('')]));
    await getUserAvailability(caller, {
      mailboxes: ['a@x'],
      start: '2026-11-01T00:00:00Z',
      end: '2026-11-02T00:00:00Z',
      intervalMinutes: 15,
      view: 'FreeBusy',
    });
    const opts = child(calls[0]!.body, 'FreeBusyViewOptions');
    expect(child(opts, 'MergedFreeBusyIntervalInMinutes')?.text).toBe('15');
    expect(child(opts, 'RequestedView')?.text).toBe('FreeBusy');
  });

  it('keeps a mailbox’s first error and reports a missing answer as one', async () => {
    const { caller } = fakeCaller(answer([view('2')]));
    const r = await getUserAvailability(caller, {
      mailboxes: ['a@x', 'b@x'],
      start: '2026-11-01T00:00:00Z',
      end: '2026-11-02T00:00:00Z',
    });
    expect(r[0]).toEqual({ email: 'a@x', merged: '2', events: [] });
    expect(r[1]).toMatchObject({
      email: 'b@x',
      merged: '',
      error: { kind: 'server', code: 'MissingResponse' },
    });
  });
});

describe('getUserOofSettings', () => {
  const oof = (
    inner: string,
    rm = '<ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>',
  ) =>
    body(
      `<GetUserOofSettingsResponse xmlns="${M}">${rm}<OofSettings xmlns="${T}">${inner}</OofSettings></GetUserOofSettingsResponse>`,
    );

  it('asks for my own settings by default and reads a scheduled reply in UTC', async () => {
    const { caller, calls } = fakeCaller(
      oof(
        '<OofState> Scheduled </OofState><ExternalAudience> Known </ExternalAudience>' +
          '<Duration><StartTime>2026-12-01T00:00:00</StartTime><EndTime>2026-12-02T00:00:00+01:00</EndTime></Duration>' +
          '<InternalReply><Message>Away</Message></InternalReply><ExternalReply><Message>Out</Message></ExternalReply>',
      ),
      'me@x',
    );
    expect(await getUserOofSettings(caller)).toEqual({
      state: 'Scheduled',
      externalAudience: 'Known',
      start: '2026-12-01T00:00:00.000Z',
      end: '2026-12-01T23:00:00.000Z',
      internalReply: 'Away',
      externalReply: 'Out',
    });
    expect(calls[0]!.action).toBe('GetUserOofSettings');
    expect(child(child(calls[0]!.body, 'Mailbox'), 'Address')?.text).toBe('me@x');
  });

  it('reads missing settings as off, for whoever is asked', async () => {
    const { caller, calls } = fakeCaller(oof(''));
    expect(await getUserOofSettings(caller, 'you@x')).toEqual({
      state: 'Disabled',
      externalAudience: 'None',
      internalReply: '',
      externalReply: '',
    });
    expect(child(child(calls[0]!.body, 'Mailbox'), 'Address')?.text).toBe('you@x');
  });

  it('passes an error response on', async () => {
    const { caller } = fakeCaller(
      oof(
        '',
        '<ResponseMessage ResponseClass="Error"><ResponseCode>ErrorAccessDenied</ResponseCode></ResponseMessage>',
      ),
    );
    await expect(getUserOofSettings(caller)).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});

describe('getOofMailTips', () => {
  const tips = (msgs: string[], cls = 'Success') =>
    body(
      `<m:GetMailTipsResponse ResponseClass="${cls}" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>${cls === 'Error' ? 'ErrorAccessDenied' : 'NoError'}</m:ResponseCode>` +
        `<m:ResponseMessages>${msgs.join('')}</m:ResponseMessages></m:GetMailTipsResponse>`,
    );
  const tip = (inner: string, cls = 'Success', code = 'NoError') =>
    `<m:MailTipsResponseMessageType ResponseClass="${cls}"><m:ResponseCode>${code}</m:ResponseCode><m:MailTips>${inner}</m:MailTips></m:MailTipsResponseMessageType>`;

  it('asks the out-of-office message of each recipient as me, and reads each answer', async () => {
    const { caller, calls } = fakeCaller(
      tips([
        tip(
          '<t:RecipientAddress><t:EmailAddress>Ann@x</t:EmailAddress></t:RecipientAddress><t:OutOfOffice><t:ReplyBody><t:Message> Away </t:Message></t:ReplyBody>' +
            '<t:Duration><t:StartTime>2026-12-01T00:00:00</t:StartTime><t:EndTime>2026-12-02T00:00:00</t:EndTime></t:Duration></t:OutOfOffice>',
        ),
        tip(
          '<t:OutOfOffice><t:ReplyBody><t:Message> </t:Message></t:ReplyBody><t:Duration><t:StartTime>2026-12-01T00:00:00</t:StartTime></t:Duration></t:OutOfOffice>',
        ),
        tip('', 'Error', 'ErrorMailRecipientNotFound'),
        tip('<t:OutOfOffice><t:ReplyBody><t:Message>Gone</t:Message></t:ReplyBody></t:OutOfOffice>'),
      ]),
      'me@x',
    );
    const r = await getOofMailTips(caller, ['ann@x', 'bob@x', 'cy@x', 'dee@x', 'eve@x']);
    expect(r).toEqual([
      { email: 'Ann@x', reply: 'Away', start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
      { email: 'bob@x' },
      { email: 'cy@x', error: expect.objectContaining({ code: 'ErrorMailRecipientNotFound' }) as unknown },
      { email: 'dee@x', reply: 'Gone' },
      { email: 'eve@x' },
    ]);
    const req = calls[0]!.body;
    expect(calls[0]!.action).toBe('GetMailTips');
    expect(child(child(req, 'SendingAs'), 'EmailAddress')?.text).toBe('me@x');
    expect(child(req, 'Recipients')?.children.map((m) => child(m, 'EmailAddress')?.text)).toEqual([
      'ann@x',
      'bob@x',
      'cy@x',
      'dee@x',
      'eve@x',
    ]);
    expect(child(req, 'MailTipsRequested')?.text).toBe('OutOfOfficeMessage');
  });

  it('fails as a whole when the server refuses the whole request', async () => {
    const { caller } = fakeCaller(tips([], 'Error'));
    await expect(getOofMailTips(caller, ['a@x'])).rejects.toMatchObject({ code: 'ErrorAccessDenied' });
  });
});
