/**
 * imList.ts, what the other IM list tests leave open: the IM list streamed through collectors (as
 * the real caller reads it, retries included), groups read with defaults and stray elements, a
 * GetImItems with no ids, and the operation names of the changes.
 */
import { describe, expect, it } from 'vitest';
import type { CallOptions, EwsCaller } from '../../../../../main/exchange/caller';
import * as im from '../../../../../main/exchange/operations/imList';
import { parseSoapResponse, parseXml, type XmlFragment } from '../../../../../main/exchange/soap';
import { fakeCaller } from '../fakeCaller';
import { envelope, T } from './envelope';

const GROUP =
  '<t:ImGroup><t:DisplayName>Team</t:DisplayName><t:ExchangeStoreId Id="G1"/>' +
  '<t:MemberCorrelationKey><t:ItemId Id="C1"/></t:MemberCorrelationKey></t:ImGroup>';
const PERSONA =
  '<t:Persona><t:PersonaId Id="P1"/><t:DisplayName>Ann</t:DisplayName>' +
  '<t:Attributions><t:Attribution><t:SourceId Id="C1"/></t:Attribution></t:Attributions></t:Persona>';
const LIST = envelope(
  'GetImItemList',
  `<m:ImItemList><t:Groups>${GROUP}</t:Groups><t:Personas>${PERSONA}</t:Personas></m:ImItemList>`,
);

/** A caller reading the answer as the real one does: through the call's collectors, `attempts` times. */
function streamingCaller(answer: string, attempts = 1): EwsCaller {
  return {
    ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
    smtp: 'me@x',
    soap(_action: string, _body: XmlFragment, options?: CallOptions) {
      let r = parseSoapResponse(answer, 200, options?.collect?.());
      for (let i = 1; i < attempts; i++) r = parseSoapResponse(answer, 200, options?.collect?.());
      return Promise.resolve(r);
    },
    get() {
      return Promise.reject(new Error('not used'));
    },
  };
}

describe('getImItemList, streamed', () => {
  it.each([1, 2])('keeps the groups and personas read as they stream (%s attempt(s))', async (attempts) => {
    const list = await im.getImItemList(streamingCaller(LIST, attempts));
    expect(list.groups.map((g) => [g.id, g.name, g.memberPersonaIds])).toStrictEqual([
      ['G1', 'Team', ['P1']],
    ]);
    expect(list.personas.map((p) => [p.id, p.displayName])).toStrictEqual([['P1', 'Ann']]);
    expect(list.duplicatePersonaIds).toBeUndefined();
  });
});

describe('reading groups', () => {
  it('reads a group without a type as Normal, nothing more', () => {
    expect(im.readImGroup(parseXml(`<ImGroup xmlns="${T}"/>`))).toStrictEqual({
      id: '',
      name: '',
      type: 'Normal',
      memberIds: [],
      memberPersonaIds: [],
    });
  });

  it('reads only ImGroup elements among the groups', () => {
    const list = im.readImItemList(
      parseXml(
        `<ImItemList xmlns="${T}"><Groups><Other/><ImGroup><ExchangeStoreId Id="G1"/></ImGroup></Groups></ImItemList>`,
      ),
    );
    expect(list.groups.map((g) => g.id)).toStrictEqual(['G1']);
  });
});

describe('the requests', () => {
  it('AddImGroup refuses a blank name before calling, saying so', async () => {
    const { caller, calls } = fakeCaller('');
    await expect(im.addImGroup(caller, ' ')).rejects.toMatchObject({ message: 'A group name is required.' });
    expect(calls).toHaveLength(0);
  });

  it('GetImItems with no ids asks for nothing in particular', async () => {
    const { caller, calls } = fakeCaller(envelope('GetImItems', '<m:ImItemList/>'));
    expect(await im.getImItems(caller, {})).toStrictEqual({ groups: [], personas: [] });
    expect(calls[0]!.body.children).toStrictEqual([]);
  });

  it.each<[string, (c: EwsCaller) => Promise<unknown>, string]>([
    ['AddImGroup', (c) => im.addImGroup(c, 'Team'), '<t:ImGroup><t:ExchangeStoreId Id="G1"/></t:ImGroup>'],
    ['AddNewImContactToGroup', (c) => im.addNewImContactToGroup(c, { imAddress: 'sip:a@x' }), PERSONA],
    [
      'AddNewTelUriContactToGroup',
      (c) =>
        im.addNewTelUriContactToGroup(c, {
          telUriAddress: 'tel:+1',
          imContactSipUriAddress: 'sip:a@x',
          imTelephoneNumber: '+1',
        }),
      PERSONA,
    ],
    [
      'AddDistributionGroupToImList',
      (c) => im.addDistributionGroupToImList(c, { smtpAddress: 'team@x', displayName: 'Team' }),
      GROUP,
    ],
  ])('%s is named so, in the action and the body', async (action, run, answer) => {
    const { caller, calls } = fakeCaller(envelope(action, answer));
    await run(caller);
    expect([calls[0]!.action, calls[0]!.body.name]).toStrictEqual([action, action]);
  });
});
