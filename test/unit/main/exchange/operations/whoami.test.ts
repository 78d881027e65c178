import { describe, expect, it } from 'vitest';
import { whoami } from '../../../../../main/exchange/operations/whoami';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';
import { envelope } from './envelope';

interface Entry {
  name?: string;
  address: string;
  contact?: { displayName?: string; emails?: string[] };
}

const resolution = (e: Entry): string =>
  `<t:Resolution><t:Mailbox>${e.name ? `<t:Name>${e.name}</t:Name>` : ''}` +
  `<t:EmailAddress>${e.address}</t:EmailAddress></t:Mailbox>` +
  (e.contact
    ? `<t:Contact>${e.contact.displayName ? `<t:DisplayName>${e.contact.displayName}</t:DisplayName>` : ''}` +
      `<t:EmailAddresses>${(e.contact.emails ?? [])
        .map((a, i) => `<t:Entry Key="EmailAddress${i + 1}">SMTP:${a}</t:Entry>`)
        .join('')}</t:EmailAddresses></t:Contact>`
    : '') +
  `</t:Resolution>`;

/** A ResolveNames answer without a server version header. */
const resolved = (...entries: Entry[]): string =>
  envelope(
    'ResolveNames',
    `<m:ResolutionSet TotalItemsInView="${entries.length}" IncludesLastItemInRange="true">${entries
      .map(resolution)
      .join('')}</m:ResolutionSet>`,
    entries.length > 1 ? 'Warning' : 'Success',
    entries.length > 1 ? 'ErrorNameResolutionMultipleResults' : 'NoError',
  );

const ME = 'Me@Contoso.test';

describe('whoami: which resolution is me', () => {
  it.each([
    [
      'the mailbox with my address, whatever its case, among several',
      resolved(
        { name: 'Other', address: 'other@contoso.test' },
        { name: 'Mailbox Me', address: 'me@contoso.test', contact: { displayName: 'Me Myself' } },
      ),
      { smtp: 'me@contoso.test', displayName: 'Me Myself' },
    ],
    [
      'the contact listing my address as a proxy, when no mailbox address is mine',
      resolved(
        { name: 'Other', address: 'other@contoso.test' },
        { name: 'Primary', address: 'primary@contoso.test', contact: { emails: ['ME@contoso.test'] } },
      ),
      { smtp: 'primary@contoso.test', displayName: 'Primary' },
    ],
    [
      'the only resolution, even under another address',
      resolved({ name: 'Alias Owner', address: 'owner@contoso.test' }),
      { smtp: 'owner@contoso.test', displayName: 'Alias Owner' },
    ],
    [
      'nobody, among several that are not me: my own address stands',
      resolved({ name: 'A', address: 'a@contoso.test' }, { name: 'B', address: 'b@contoso.test' }),
      { smtp: ME, displayName: ME },
    ],
    [
      'nobody, when nothing resolves',
      fixture('ResolveNames-none.xml'),
      { smtp: ME, displayName: ME, serverVersion: '15.1.2507.6' },
    ],
    [
      'a resolution without an address or a name: mine fill in',
      resolved({ address: '' }),
      { smtp: ME, displayName: ME },
    ],
  ])('%s', async (_what, answer, expected) => {
    const { caller, calls } = fakeCaller(answer, ME);
    const me = await whoami(caller);
    expect(me).toMatchObject(expected);
    expect(Object.keys(me).sort()).toEqual(
      Object.keys(expected)
        .concat('serverVersion' in expected ? ['serverVersionInfo'] : [])
        .sort(),
    );
    expect(calls[0]!.action).toBe('ResolveNames');
    expect(calls[0]!.body.attrs).toEqual({ ReturnFullContactData: 'true', SearchScope: 'ActiveDirectory' });
    expect(calls[0]!.body.children[0]).toMatchObject({ name: 'UnresolvedEntry', text: ME });
  });

  it('reports the server version, raw and formatted, when the server sends it', async () => {
    const { caller } = fakeCaller(fixture('ResolveNames-single.xml'), 'alex.wilber@contoso.test');
    const me = await whoami(caller);
    expect(me.serverVersion).toBe('15.1.2507.6');
    expect(me.serverVersionInfo).toMatchObject({ majorVersion: 15, minorVersion: 1 });
  });
});
