/** Answering a meeting: the response object EWS expects, in schema order, and errors as values. */
import { describe, expect, it } from 'vitest';
import { readCalendarItem, respondToMeeting } from '../../../../../main/exchange/operations/calendar';
import { parseXml } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';

const answer = (cls: string, code: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:CreateItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:CreateItemResponseMessage ResponseClass="${cls}"><m:ResponseCode>${code}</m:ResponseCode><m:Items/></m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse></s:Body></s:Envelope>`;

describe('respondToMeeting', () => {
  it.each([
    ['decline', 'DeclineItem'],
    ['accept', 'AcceptItem'],
    ['tentative', 'TentativelyAcceptItem'],
  ] as const)('%s sends a %s that tells the organiser (SendAndSaveCopy)', async (a, element) => {
    const { caller, calls } = fakeCaller(answer('Success', 'NoError'));
    await respondToMeeting(caller, { id: 'AAMk1=', changeKey: 'CK' }, a, 'Away &amp; busy');
    const create = calls[0]!.body;
    expect(calls[0]!.action).toBe('CreateItem');
    expect(calls[0]!.options?.idempotent).toBe(false);
    expect(create.attrs.MessageDisposition).toBe('SendAndSaveCopy');
    const item = create.children[0]!.children[0]!;
    expect(item.name).toBe(element);
    expect(item.children.map((c) => c.name)).toEqual(['Body', 'ReferenceItemId']);
    expect(item.children[1]!.attrs).toMatchObject({ Id: 'AAMk1=', ChangeKey: 'CK' });
  });

  it('sends no body without a message', async () => {
    const { caller, calls } = fakeCaller(answer('Success', 'NoError'));
    await respondToMeeting(caller, { id: 'AAMk1=' }, 'decline');
    expect(calls[0]!.body.children[0]!.children[0]!.children.map((c) => c.name)).toEqual(['ReferenceItemId']);
  });

  it('passes the server’s refusal on as an error with its code', async () => {
    const { caller } = fakeCaller(answer('Error', 'ErrorCalendarIsOrganizerForDecline'));
    await expect(respondToMeeting(caller, { id: 'AAMk1=' }, 'decline')).rejects.toMatchObject({
      code: 'ErrorCalendarIsOrganizerForDecline',
    });
  });
});

describe('readCalendarItem: what the upcoming list needs', () => {
  it('reads my answer, recurrence and the online-meeting link', () => {
    const c = parseXml(
      '<t:CalendarItem xmlns:t="t"><t:ItemId Id="I"/><t:Subject>S</t:Subject><t:Start>2026-11-30T14:00:00Z</t:Start><t:End>2026-11-30T15:00:00Z</t:End><t:IsRecurring>true</t:IsRecurring><t:MyResponseType>Tentative</t:MyResponseType><t:IsOnlineMeeting>true</t:IsOnlineMeeting><t:JoinOnlineMeetingUrl>https://meet.contoso.test/a/B</t:JoinOnlineMeetingUrl></t:CalendarItem>',
    );
    expect(readCalendarItem(c)).toMatchObject({
      myResponse: 'Tentative',
      isRecurring: true,
      isOnlineMeeting: true,
      joinOnlineMeetingUrl: 'https://meet.contoso.test/a/B',
    });
  });
});
