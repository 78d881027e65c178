/** EWS client: time to read a 1,000-persona GetImItemList response into typed data. */
import {
  linkMembers,
  readImGroup,
  readImItemList,
  type ImGroup,
} from '../../main/exchange/operations/imList';
import { readPersona, type Persona } from '../../main/exchange/operations/persona';
import { parseSoapResponse, parseXmlStream, readSoapResponse } from '../../main/exchange/soap';
import { XMLParser } from 'fast-xml-parser';
import type { BenchFigure } from './figure';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

export function imItemListResponse(personas: number, groups = 12): string {
  const p: string[] = [];
  for (let i = 0; i < personas; i++) {
    p.push(
      `<Persona><PersonaId Id="AAUQAP${i.toString(36).padStart(8, '0')}="/><PersonaType>Person</PersonaType><DisplayName>Person ${i} Ñandú-Ærø</DisplayName>` +
        `<Title>Engineer ${i % 17}</Title><Department>Dept ${i % 23}</Department><CompanyName>Contoso</CompanyName>` +
        `<EmailAddress><Name>Person ${i}</Name><EmailAddress>person${i}@contoso.test</EmailAddress><RoutingType>SMTP</RoutingType></EmailAddress>` +
        `<EmailAddresses><EmailAddress><Name>Person ${i}</Name><EmailAddress>person${i}@contoso.test</EmailAddress><RoutingType>SMTP</RoutingType></EmailAddress></EmailAddresses>` +
        `<ImAddress>sip:person${i}@contoso.test</ImAddress>` +
        `<OfficeLocations><StringAttributedValue><Value>Building ${i % 9}</Value><Attributions><Attribution>0</Attribution></Attributions></StringAttributedValue></OfficeLocations>` +
        `<BusinessPhoneNumbers><PhoneNumberAttributedValue><Value><Number>+1 425 555 ${String(i % 10000).padStart(4, '0')}</Number><Type>Business</Type></Value><Attributions><Attribution>0</Attribution></Attributions></PhoneNumberAttributedValue></BusinessPhoneNumbers>` +
        `</Persona>`,
    );
  }
  const g: string[] = [];
  for (let j = 0; j < groups; j++) {
    const members: string[] = [];
    for (let i = j; i < personas; i += groups)
      members.push(`<ItemId Id="AAUQAP${i.toString(36).padStart(8, '0')}=" ChangeKey=""/>`);
    g.push(
      `<ImGroup><DisplayName>Group ${j}</DisplayName><GroupType>${j === 0 ? 'Favorites' : 'Normal'}</GroupType><ExchangeStoreId Id="AAMkG${j}=" ChangeKey="EQ${j}"/><MemberCorrelationKey>${members.join('')}</MemberCorrelationKey></ImGroup>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>` +
    `<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6" xmlns:h="${T}"/></s:Header><s:Body>` +
    `<GetImItemListResponse ResponseClass="Success" xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><ResponseCode>NoError</ResponseCode>` +
    `<ImItemList><Groups xmlns="${T}">${g.join('')}</Groups><Personas xmlns="${T}">${p.join('')}</Personas></ImItemList></GetImItemListResponse></s:Body></s:Envelope>`
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export default async function bench(): Promise<BenchFigure[]> {
  const text = imItemListResponse(1000);
  const bytes = Buffer.from(text, 'utf8');
  const check = readImItemList(parseSoapResponse(text).body);
  if (check.personas.length !== 1000 || check.groups.length !== 12)
    throw new Error('generated response did not read back');
  for (let i = 0; i < 5; i++) readImItemList(parseSoapResponse(text).body); // warm up
  const whole: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    readImItemList(parseSoapResponse(text).body);
    whole.push(performance.now() - t0);
  }
  // What getImItemList does on the wire: 64 KB chunks, groups and personas read as they close.
  const streamed: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let o = 0; o < bytes.length; o += 64 * 1024)
        yield await Promise.resolve(bytes.subarray(o, o + 64 * 1024));
    }
    const groups: ImGroup[] = [];
    const personas: Persona[] = [];
    readSoapResponse(
      await parseXmlStream(chunks(), {
        ImGroup: (e) => void groups.push(readImGroup(e)),
        Persona: (e) => void personas.push(readPersona(e)),
      }),
    );
    linkMembers(groups, personas);
    if (personas.length !== 1000) throw new Error('streamed read lost personas');
    streamed.push(performance.now() - t0);
  }
  const fxp = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
  const tree: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    fxp.parse(text);
    tree.push(performance.now() - t0);
  }
  const ms = median(whole);
  const st = median(streamed);
  return [
    { name: 'GetImItemList 1,000 personas, response size', value: bytes.length, unit: 'bytes' },
    { name: 'GetImItemList → typed, whole tree then read (median)', value: ms, unit: 'ms' },
    {
      name: 'GetImItemList → typed, streamed as getImItemList does (median)',
      value: st,
      unit: 'ms',
      goal: '< 60 ms',
    },
    { name: 'GetImItemList streamed read throughput', value: bytes.length / 1e6 / (st / 1000), unit: 'MB/s' },
    { name: 'reference: fast-xml-parser tree only, same bytes (median)', value: median(tree), unit: 'ms' },
  ];
}
