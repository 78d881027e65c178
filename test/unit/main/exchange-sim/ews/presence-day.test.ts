/** The realistic day as EWS answers it: sharing levels per mailbox, and MailTips by the simulator's clock. */
import { describe, expect, it } from 'vitest';
import { presenceCast } from '../../../../../main/exchange-sim/org/presence-cast';
import { at, child, children, makeCall, makeOrg, names, person, send } from './helpers';

const PARIS_TZ =
  '<t:TimeZone><t:Bias>-60</t:Bias><t:StandardTime><t:Bias>0</t:Bias><t:Time>03:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>10</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime><t:DaylightTime><t:Bias>-60</t:Bias><t:Time>02:00:00</t:Time><t:DayOrder>5</t:DayOrder><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime></t:TimeZone>';

function availability(addresses: string[], view = 'Detailed'): string {
  const boxes = addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType></t:MailboxData>`,
    )
    .join('');
  return (
    `<m:GetUserAvailabilityRequest>${PARIS_TZ}<m:MailboxDataArray>${boxes}</m:MailboxDataArray>` +
    '<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2026-11-25T00:00:00</t:StartTime><t:EndTime>2026-11-27T00:00:00</t:EndTime></t:TimeWindow>' +
    `<t:MergedFreeBusyIntervalInMinutes>30</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`
  );
}

const tips = (to: string): string =>
  `<m:GetMailTips><m:SendingAs><t:EmailAddress>alice@contoso.test</t:EmailAddress></m:SendingAs><m:Recipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></m:Recipients><m:MailTipsRequested>OutOfOfficeMessage</m:MailTipsRequested></m:GetMailTips>`;

// The helpers' 40-person org (seed 1, epoch 2026-11-25) has the realistic day too.
const org = makeOrg();
const cast = presenceCast(org);
const notShared = cast.notShared[0]?.smtp ?? '';
const fbOnly = org.people.find((p) => p.freeBusySharing === 'free-busy')?.smtp ?? '';
const busy = cast.inMeeting.find((e) => e.smtp !== fbOnly)?.smtp ?? '';

describe('GetUserAvailability and calendar sharing', () => {
  it('answers ErrorNoFreeBusyAccess for the unshared mailbox only, as Exchange shapes it', async () => {
    expect(notShared).not.toBe('');
    const a = await send(makeCall(org, 'alice@contoso.test'), availability([busy, notShared, fbOnly]));
    const responses = children(at(a.body, 'FreeBusyResponseArray'));
    expect(responses.map((r) => at(r, 'ResponseMessage', 'ResponseCode').text)).toEqual([
      'NoError',
      'ErrorNoFreeBusyAccess',
      'NoError',
    ]);
    const denied = responses[1]!;
    const msg = at(denied, 'ResponseMessage');
    expect(msg.attrs.ResponseClass).toBe('Error');
    expect(names(msg)).toEqual(['MessageText', 'ResponseCode', 'DescriptiveLinkKey', 'MessageXml']);
    expect(at(msg, 'MessageXml', 'ExceptionType').text).toMatch(/NoFreeBusyAccessException$/);
    expect(at(denied, 'FreeBusyView', 'FreeBusyViewType').text).toBe('None');
    expect(child(at(denied, 'FreeBusyView'), 'CalendarEventArray')).toBeUndefined();
    // The others keep their events, with details for the detailed calendar.
    const events = children(at(responses[0]!, 'FreeBusyView', 'CalendarEventArray'));
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => child(child(e, 'CalendarEventDetails'), 'Subject'))).toBe(true);
  });

  it('gives free/busy-only calendars without subjects, and says the view it really gave', async () => {
    const call = makeCall(org, 'alice@contoso.test');
    const detailed = at(
      (await send(call, availability([fbOnly]))).body,
      'FreeBusyResponseArray',
      'FreeBusyResponse',
    );
    expect(at(detailed, 'FreeBusyView', 'FreeBusyViewType').text).toBe('FreeBusy');
    const events = children(at(detailed, 'FreeBusyView', 'CalendarEventArray'));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(child(e, 'CalendarEventDetails')).toBeUndefined();
      expect(child(e, 'BusyType')?.text).toBeTruthy();
    }
    const merged = at(
      (await send(call, availability([fbOnly], 'DetailedMerged'))).body,
      'FreeBusyResponseArray',
      'FreeBusyResponse',
      'FreeBusyView',
    );
    expect(at(merged, 'FreeBusyViewType').text).toBe('FreeBusyMerged');
    expect(at(merged, 'MergedFreeBusy').text).toMatch(/^[0-4]{96}$/);
  });

  it('always shows people their own calendar in full', async () => {
    const me = person(org, notShared);
    const a = await send(makeCall(org, me.smtp), availability([me.smtp]));
    const r = at(a.body, 'FreeBusyResponseArray', 'FreeBusyResponse');
    expect(at(r, 'ResponseMessage', 'ResponseCode').text).toBe('NoError');
    expect(at(r, 'FreeBusyView', 'FreeBusyViewType').text).toBe('Detailed');
  });

  it('shows the scripted meetings: busy until the chain ends (10:30 Paris) for the person ending soon', async () => {
    const soon = cast.endingSoon[0]?.smtp ?? '';
    const a = await send(makeCall(org, 'alice@contoso.test'), availability([soon]));
    const events = children(
      at(a.body, 'FreeBusyResponseArray', 'FreeBusyResponse', 'FreeBusyView', 'CalendarEventArray'),
    ).filter((e) => child(e, 'BusyType')?.text === 'Busy');
    expect(events.some((e) => child(e, 'EndTime')?.text === '2026-11-25T10:30:00')).toBe(true);
  });
});

describe('GetMailTips by the simulator’s clock', () => {
  const scheduled = cast.oofWithReply.find((e) => person(org, e.smtp).oof.state === 'Scheduled');

  it('gives the reply while the fixed clock is inside the window, and none once it is past', async () => {
    expect(scheduled).toBeDefined();
    const p = person(org, scheduled!.smtp);
    const inside = Date.parse(cast.at);
    const after = Date.parse(p.oof.end ?? '') + 60_000;
    const oofAt = async (now: number) =>
      at(
        (await send({ ...makeCall(org, 'alice@contoso.test'), now: () => now }, tips(p.smtp))).body,
        'ResponseMessages',
        'MailTipsResponseMessageType',
        'MailTips',
        'OutOfOffice',
      );
    const on = await oofAt(inside);
    expect(at(on, 'ReplyBody', 'Message').text).toBe(p.oof.internalReply);
    expect(child(on, 'Duration')).toBeDefined();
    const off = await oofAt(after);
    expect(at(off, 'ReplyBody', 'Message').text).toBe('');
    expect(child(off, 'Duration')).toBeUndefined();
  });

  it('gives nothing for out of office in the calendar only', async () => {
    const quiet = cast.oofWithoutReply[0];
    expect(quiet).toBeDefined();
    const a = await send(
      { ...makeCall(org, 'alice@contoso.test'), now: () => Date.parse(cast.at) },
      tips(quiet!.smtp),
    );
    const oof = at(a.body, 'ResponseMessages', 'MailTipsResponseMessageType', 'MailTips', 'OutOfOffice');
    expect(at(oof, 'ReplyBody', 'Message').text).toBe('');
  });
});
