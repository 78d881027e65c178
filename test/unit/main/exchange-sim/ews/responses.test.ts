/** The built-in Exchange's AcceptItem / TentativelyAcceptItem / DeclineItem: what each calendar holds after an answer, and the refusals. */
import { describe, expect, it } from 'vitest';
import type { EwsCall } from '../../../../../main/exchange-sim/ews/types';
import { encodeChangeKey, encodeId } from '../../../../../main/exchange-sim/ews/ids';
import { at, code, makeCall, makeOrg, message, person, send } from './helpers';

const invite = (subject: string): string =>
  `<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items><t:CalendarItem><t:Subject>${subject}</t:Subject><t:Start>2026-12-02T10:00:00Z</t:Start><t:End>2026-12-02T11:00:00Z</t:End><t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`;

const answerXml = (
  element: string,
  id: string,
  changeKey?: string,
  disposition: string | null = 'SendAndSaveCopy',
) =>
  `<m:CreateItem${disposition ? ` MessageDisposition="${disposition}"` : ''}><m:Items><t:${element}><t:Body BodyType="HTML">Sorry</t:Body><t:ReferenceItemId Id="${id}"${changeKey ? ` ChangeKey="${changeKey}"` : ''}/></t:${element}></m:Items></m:CreateItem>`;

/** Alice invites Bob; the ids of her item and of Bob's copy. */
async function meeting(subject: string) {
  const org = makeOrg();
  const alice = makeCall(org, 'alice@contoso.test');
  const bob = makeCall(org, 'bob@contoso.test');
  const msg = message((await send(alice, invite(subject))).body);
  const organizerId = at(msg, 'Items', 'CalendarItem', 'ItemId').attrs.Id ?? '';
  const copy = person(org, 'bob@contoso.test').calendar.find((c) => c.subject === subject)!;
  const bobId = encodeId('item', person(org, 'bob@contoso.test').id, copy.id);
  const organizers = () => person(org, 'alice@contoso.test').calendar.find((c) => c.subject === subject)!;
  const bobs = () => person(org, 'bob@contoso.test').calendar.find((c) => c.subject === subject);
  return { org, alice, bob, organizerId, bobId, organizers, bobs };
}

const answer = async (call: EwsCall, xml: string): Promise<string | undefined> =>
  code(message((await send(call, xml)).body));
const bobOn = (attendees: ReadonlyArray<{ smtp: string; response?: string }>) =>
  attendees.find((a) => a.smtp === 'bob@contoso.test')?.response;

describe('answering a meeting request', () => {
  it.each([
    ['AcceptItem', 'Accept', 'Busy'],
    ['TentativelyAcceptItem', 'Tentative', 'Tentative'],
  ])(
    '%s: the attendee’s copy shows %s as %s, the organiser’s copy records it',
    async (element, response, busy) => {
      const m = await meeting('Plan');
      const before = m.organizers().changeKey;
      expect(await answer(m.bob, answerXml(element, m.bobId))).toBe('NoError');
      expect(m.bobs()).toMatchObject({ busyType: busy });
      expect(bobOn(m.bobs()!.attendees)).toBe(response);
      expect(bobOn(m.organizers().attendees)).toBe(response);
      expect(m.organizers().changeKey).not.toBe(before);
    },
  );

  it('DeclineItem: the meeting leaves the attendee’s calendar (their free/busy frees up); the organiser records it', async () => {
    const m = await meeting('Plan');
    expect(await answer(m.bob, answerXml('DeclineItem', m.bobId))).toBe('NoError');
    expect(m.bobs()).toBeUndefined();
    expect(bobOn(m.organizers().attendees)).toBe('Decline');
  });

  it('SaveOnly: the attendee’s calendar changes, the organiser hears nothing', async () => {
    const m = await meeting('Plan');
    expect(await answer(m.bob, answerXml('AcceptItem', m.bobId, undefined, 'SaveOnly'))).toBe('NoError');
    expect(bobOn(m.bobs()!.attendees)).toBe('Accept');
    expect(bobOn(m.organizers().attendees)).toBe('Unknown');
  });

  it.each([
    ['the organiser answering their own meeting', 'organiser', 'ErrorCalendarIsOrganizerForDecline'],
    ['no MessageDisposition', 'no-disposition', 'ErrorMessageDispositionRequired'],
    ['a stale change key', 'stale', 'ErrorIrresolvableConflict'],
    ['a cancelled meeting', 'cancelled', 'ErrorCalendarIsCancelledForDecline'],
    ['someone else’s item', 'other', 'ErrorAccessDenied'],
  ])('refuses %s', async (_name, how, expected) => {
    const m = await meeting('Plan');
    const copy = m.bobs()!;
    let xml = answerXml('DeclineItem', m.bobId);
    let call = m.bob;
    if (how === 'organiser') [call, xml] = [m.alice, answerXml('DeclineItem', m.organizerId)];
    if (how === 'no-disposition') xml = answerXml('DeclineItem', m.bobId, undefined, null);
    if (how === 'stale') xml = answerXml('DeclineItem', m.bobId, encodeChangeKey('item', '999'));
    if (how === 'cancelled') copy.isCancelled = true;
    if (how === 'other') call = m.alice;
    expect(await answer(call, xml)).toBe(expected);
    expect(m.bobs()).toBeDefined();
  });
});
