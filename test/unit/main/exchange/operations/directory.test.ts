import { describe, expect, it } from 'vitest';
import * as dir from '../../../../../main/exchange/operations/directory';
import { whoami } from '../../../../../main/exchange/operations/whoami';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

describe('ResolveNames', () => {
  it('reads a single resolution with full contact data', async () => {
    const { caller, calls } = fakeCaller(fixture('ResolveNames-single.xml'));
    const r = await dir.resolveNames(caller, 'alex');
    expect(calls[0]!.body.attrs).toMatchObject({ ReturnFullContactData: 'true' });
    expect(calls[0]!.body.children[0]).toMatchObject({ name: 'UnresolvedEntry', text: 'alex' });
    expect(r.ambiguous).toBe(false);
    expect(r.resolutions).toEqual([
      {
        mailbox: {
          name: 'Alex Wilber',
          address: 'alex.wilber@contoso.test',
          routingType: 'SMTP',
          mailboxType: 'Mailbox',
        },
        contact: {
          displayName: 'Alex Wilber',
          givenName: 'Alex',
          surname: 'Wilber',
          title: 'Marketing Assistant',
          department: 'Marketing',
          company: 'Contoso',
          office: '131/1104',
          emails: ['alex.wilber@contoso.test', 'alexw@contoso.test'],
          imAddresses: ['sip:alex.wilber@contoso.test'],
          phones: [
            { number: '+1 425 555 0110', type: 'Business' },
            { number: '+1 425 555 0111', type: 'Mobile' },
          ],
        },
      },
    ]);
  });

  it('treats the multiple-results warning as results, flagged ambiguous', async () => {
    const { caller } = fakeCaller(fixture('ResolveNames-multiple.xml'));
    const r = await dir.resolveNames(caller, 'meg');
    expect(r.ambiguous).toBe(true);
    expect(r.resolutions.map((x) => [x.mailbox.address, x.mailbox.mailboxType])).toEqual([
      ['megan.bowen@contoso.test', 'Mailbox'],
      ['megasales@contoso.test', 'PublicDL'],
    ]);
    expect(r.resolutions[0]!.contact).toBeUndefined();
  });

  it('no results is an empty list, not an error', async () => {
    const { caller } = fakeCaller(fixture('ResolveNames-none.xml'));
    expect(await dir.resolveNames(caller, 'zzz')).toEqual({
      resolutions: [],
      ambiguous: false,
      includesLastItemInRange: true,
    });
  });
});

describe('FindPeople and ExpandDL', () => {
  it('FindPeople reads personas and the total', async () => {
    const { caller, calls } = fakeCaller(fixture('FindPeople.xml'));
    const r = await dir.findPeople(caller, 'isa', { max: 25 });
    const body = calls[0]!.body;
    expect(body.children.map((c) => c.name)).toEqual([
      'PersonaShape',
      'IndexedPageItemView',
      'ParentFolderId',
      'QueryString',
    ]);
    expect(body.children[1]!.attrs).toMatchObject({
      MaxEntriesReturned: '25',
      Offset: '0',
      BasePoint: 'Beginning',
    });
    expect(r.total).toBe(2);
    expect(r.personas.map((p) => [p.displayName, p.emails[0]?.address, p.title])).toEqual([
      ['Isaiah Langer', 'isaiah.langer@contoso.test', 'Sales Rep'],
      ['Isabelle Élise', 'isabelle.elise@contoso.test', undefined],
    ]);
  });

  it('ExpandDL lists members including nested groups', async () => {
    const { caller } = fakeCaller(fixture('ExpandDL.xml'));
    const r = await dir.expandDL(caller, 'sales@contoso.test');
    expect(r.includesLastItemInRange).toBe(true);
    expect(r.members.map((m) => `${m.name}|${m.address}|${m.mailboxType}`)).toEqual([
      'Adele Vance|adele.vance@contoso.test|Mailbox',
      'Lee Gu|lee.gu@contoso.test|Mailbox',
      'Sales Interns|sales-interns@contoso.test|PublicDL',
    ]);
  });
});

describe('whoami', () => {
  it('resolves my own address and reports the server version', async () => {
    const { caller, calls } = fakeCaller(fixture('ResolveNames-single.xml'), 'alex.wilber@contoso.test');
    const me = await whoami(caller);
    expect(calls[0]!.body.children[0]!.text).toBe('alex.wilber@contoso.test');
    expect(me).toMatchObject({
      smtp: 'alex.wilber@contoso.test',
      displayName: 'Alex Wilber',
      serverVersion: '15.1.2507.6',
    });
  });
});
