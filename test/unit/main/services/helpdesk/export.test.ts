import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ExportError,
  MAX_ZIP_BYTES,
  isUnsafeEntryName,
  readExportZip,
  type ExportErrorCode,
} from '../../../../../main/services/helpdesk/export-zip';
import {
  decodeGroupName,
  parseDocItemSet,
  pickExportedUser,
} from '../../../../../main/services/helpdesk/docitemset';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

const DOC = `<?xml version="1.0" encoding="utf-8"?>
<DocItemSet xmlns="urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008" Version="1.0">
  <DocItem Name="urn:hcd:alice@contoso.com" Id="1">
    <Data>
      <HomedResource Identity="alice@contoso.com" xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.HomedResources.2008">
        <ContactGroups>
          <ContactGroup Number="1" DisplayName="${b64('~')}" ExternalUri="" />
          <ContactGroup Number="2" DisplayName="${b64('Équipe produit')}" ExternalUri="" />
          <ContactGroup Number="3" DisplayName="${b64('Sales')}" ExternalUri="&lt;groupExtension groupType=&quot;dg&quot;&gt;&lt;email&gt;sales@contoso.com&lt;/email&gt;&lt;/groupExtension&gt;" />
        </ContactGroups>
        <Contacts>
          <Contact Buddy="sip:bob@contoso.com" Name="Bob" Groups="2 1" Subscribed="True" ExternalUri="" />
          <Contact Buddy="tel:+33170000001" Name="" Groups="1" Subscribed="True" ExternalUri="" />
          <Contact Buddy="sip:nogroup@contoso.com" />
        </Contacts>
      </HomedResource>
    </Data>
  </DocItem>
</DocItemSet>`;

const zip = (files: Record<string, string>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

function codeOf(fn: () => unknown): ExportErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (err instanceof ExportError) return err.code;
    throw err;
  }
}

/** Central directory entry flags / sizes patched in place, as a hostile tool would write them. */
function patchCentral(bytes: Uint8Array, patch: (v: DataView, at: number) => void): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) if (v.getUint32(i, true) === 0x02014b50) patch(v, i);
  return out;
}

describe('readExportZip', () => {
  it('reads DocItemSet.xml in memory', () => {
    expect(readExportZip(zip({ 'DocItemSet.xml': DOC }))).toContain('<DocItemSet');
  });

  it('finds DocItemSet.xml in a folder too', () => {
    expect(readExportZip(zip({ 'export/DocItemSet.xml': DOC }))).toContain('HomedResource');
  });

  it.each<[string, () => Uint8Array, ExportErrorCode]>([
    ['random bytes', () => new Uint8Array(500).fill(7), 'not-zip'],
    ['an empty file', () => new Uint8Array(0), 'not-zip'],
    ['a foreign zip', () => zip({ 'report.docx': 'hello' }), 'no-docitemset'],
    ['a path traversal entry', () => zip({ 'DocItemSet.xml': DOC, '../../etc/evil': 'x' }), 'unsafe-path'],
    ['an absolute entry', () => zip({ 'DocItemSet.xml': DOC, '/tmp/evil': 'x' }), 'unsafe-path'],
    [
      'an encrypted entry',
      () => patchCentral(zip({ 'DocItemSet.xml': DOC }), (v, at) => v.setUint16(at + 8, 1, true)),
      'encrypted',
    ],
    [
      'AES (method 99)',
      () => patchCentral(zip({ 'DocItemSet.xml': DOC }), (v, at) => v.setUint16(at + 10, 99, true)),
      'encrypted',
    ],
    [
      'a zip bomb (declared size 1,000× the packed size)',
      () =>
        patchCentral(zip({ 'DocItemSet.xml': DOC }), (v, at) =>
          v.setUint32(at + 24, v.getUint32(at + 20, true) * 2000, true),
        ),
      'zip-bomb',
    ],
    [
      'a header that lies about the size',
      () => patchCentral(zip({ 'DocItemSet.xml': DOC }), (v, at) => v.setUint32(at + 24, 100, true)),
      'corrupt',
    ],
    ['an oversized file', () => new Uint8Array(MAX_ZIP_BYTES + 1), 'too-large'],
    ['a truncated zip', () => zip({ 'DocItemSet.xml': DOC }).subarray(0, 120), 'not-zip'],
  ])('refuses %s', (_name, make, code) => {
    expect(codeOf(() => readExportZip(make()))).toBe(code);
  });

  it('refuses a real deflate bomb before inflating it', () => {
    const zeros = new Uint8Array(24 * 1024 * 1024);
    const bomb = zipSync({ 'DocItemSet.xml': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(codeOf(() => readExportZip(bomb))).toBe('zip-bomb');
  });

  it.each([
    ['../x', true],
    ['a/../../x', true],
    ['..\\x', true],
    ['C:\\x', true],
    ['/etc/passwd', true],
    ['a\0b', true],
    ['DocItemSet.xml', false],
    ['dir/DocItemSet.xml', false],
    ['..foo', false],
  ])('entry name %j unsafe: %s', (name, unsafe) => {
    expect(isUnsafeEntryName(name)).toBe(unsafe);
  });
});

describe('parseDocItemSet', () => {
  const [user] = parseDocItemSet(DOC);
  it('reads the user, base64 group names, "~" as Other Contacts and distribution groups', () => {
    expect(user?.sipUri).toBe('alice@contoso.com');
    expect(user?.groups).toEqual([
      { number: '1', name: 'Other Contacts' },
      { number: '2', name: 'Équipe produit' },
      { number: '3', name: 'Sales', distributionGroup: 'sales@contoso.com' },
    ]);
  });
  it('reads contacts with their groups; telephone-only by tel: URI; no group → Other Contacts', () => {
    expect(user?.contacts).toEqual([
      {
        buddy: 'sip:bob@contoso.com',
        displayName: 'Bob',
        groups: ['Équipe produit', 'Other Contacts'],
        telephoneOnly: false,
      },
      { buddy: 'tel:+33170000001', groups: ['Other Contacts'], telephoneOnly: true },
      { buddy: 'sip:nogroup@contoso.com', groups: ['Other Contacts'], telephoneOnly: false },
    ]);
  });
  it.each([
    ['not XML', 'this is not xml', 'malformed-xml'],
    ['unclosed', '<DocItemSet><DocItem>', 'malformed-xml'],
    ['a foreign document', '<html><body/></html>', 'no-docitemset'],
    [
      'an entity bomb',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><DocItemSet>&b;</DocItemSet>',
      'malformed-xml',
    ],
  ])('refuses %s', (_name, xml, code) => {
    expect(codeOf(() => parseDocItemSet(xml))).toBe(code);
  });
});

describe('decodeGroupName', () => {
  it.each([
    [b64('~'), 'Other Contacts'],
    [b64('同僚'), '同僚'],
    ['Team', 'Team'],
    ['~', 'Other Contacts'],
    ['  Partners ', 'Partners'],
  ])('%j → %j', (raw, name) => {
    expect(decodeGroupName(raw)).toBe(name);
  });
});

describe('pickExportedUser', () => {
  const users = parseDocItemSet(DOC);
  it('picks by SIP URI, case- and sip:-insensitive', () => {
    expect(pickExportedUser(users, ['SIP:Alice@Contoso.com']).sipUri).toBe('alice@contoso.com');
  });
  it('refuses an export for someone else', () => {
    expect(codeOf(() => pickExportedUser(users, ['bob@contoso.com']))).toBe('no-user');
  });
});
