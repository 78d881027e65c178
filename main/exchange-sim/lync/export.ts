/**
 * Lync Server's Export-CsUserData, for one user: a zip holding DocItemSet.xml with the user's
 * pre-migration contact groups and contacts. Group display names are base64 (UTF-8), "~" is the
 * default group (Other Contacts), contacts list the group numbers they belong to, as the cmdlet writes them.
 */
import { strToU8, zipSync } from 'fflate';
import { xmlEscape } from '../autodiscover';
import type { Person } from '../org/types';

export const DOCITEMSET_NS = 'urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008';
export const HOMED_RESOURCE_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.HomedResources.2008';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Lync's own name for a group: Other Contacts is "~". */
function lyncGroupName(name: string): string {
  return name === 'Other Contacts' ? '~' : name;
}

export function docItemSetXml(person: Person, groupSmtps: Map<string, string> = new Map()): string {
  const sip = person.sip.replace(/^sip:/i, '');
  const numbers = new Map<string, number>();
  const groups = person.lync.groups.map((name, i) => {
    numbers.set(name, i + 1);
    const dg = groupSmtps.get(name);
    // Distribution groups carry their address in an extension blob, like the Lync client stores it.
    const ext = dg ? xmlEscape(`<groupExtension groupType="dg"><email>${dg}</email></groupExtension>`) : '';
    return `          <ContactGroup Number="${i + 1}" DisplayName="${b64(lyncGroupName(name))}" ExternalUri="${ext}" />`;
  });
  const contacts = person.lync.contacts.map((c) => {
    const nums = c.groups.map((g) => numbers.get(g)).filter((n): n is number => n !== undefined);
    return `          <Contact Buddy="${xmlEscape(c.sipUri)}" Name="${xmlEscape(c.displayName ?? '')}" Groups="${nums.join(' ')}" Subscribed="True" ExternalUri="" />`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<DocItemSet xmlns="${DOCITEMSET_NS}" Version="1.0">
  <DocItem Name="urn:hcd:${xmlEscape(sip)}" Id="${xmlEscape(person.id)}">
    <Data>
      <HomedResource Identity="${xmlEscape(sip)}" xmlns="${HOMED_RESOURCE_NS}">
        <ContactGroups>
${groups.join('\n')}
        </ContactGroups>
        <Contacts>
${contacts.join('\n')}
        </Contacts>
      </HomedResource>
    </Data>
  </DocItem>
</DocItemSet>
`;
}

/** The zip Export-CsUserData -UserFilter <sip> would write. */
export function exportUserData(person: Person, groupSmtps?: Map<string, string>): Uint8Array {
  return zipSync(
    { 'DocItemSet.xml': strToU8(docItemSetXml(person, groupSmtps)) },
    { level: 6, mtime: new Date('2013-01-01T00:00:00Z') },
  );
}
