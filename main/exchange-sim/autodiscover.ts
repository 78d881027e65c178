/**
 * Autodiscover as Exchange 2013–2019 answers it: POX (Outlook response schema 2006a) and the SOAP
 * GetUserSettings service. URLs in answers use the base the client called.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Org, Person } from './org/types';

export const POX_RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
export const POX_OUTLOOK_NS =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
export const AUTODISCOVER_SOAP_NS = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';
const WSA_NS = 'http://www.w3.org/2005/08/addressing';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Exchange 2016 CU build, as CasVersion and ServerVersion report it. */
export const CAS_VERSION = { major: 15, minor: 1, build: 2507, revision: 6 };
const DEPLOYMENT_ID = '8b5d3f0a-6c1e-4f7a-9d2b-3e4f5a6b7c8d';

export interface XmlAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function xmlEscape(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => ['User', 'Setting'].includes(name),
});

type Lookup = { kind: 'person'; person: Person } | { kind: 'redirect'; to: string } | { kind: 'unknown' };

/** An address's owner, or where an address in a secondary domain should be redirected to. */
export function lookupAddress(org: Org, address: string): Lookup {
  const a = address.trim().toLowerCase();
  const domain = a.split('@')[1] ?? '';
  const person = org.people.find(
    (p) => p.smtp.toLowerCase() === a || p.aliases.some((x) => x.toLowerCase() === a),
  );
  if (domain === org.domain.toLowerCase()) return person ? { kind: 'person', person } : { kind: 'unknown' };
  if (org.secondaryDomains.some((d) => d.toLowerCase() === domain)) {
    return person ? { kind: 'redirect', to: person.smtp } : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

export function legacyDn(org: Org, person: Person): string {
  const org0 = org.netbiosDomain.charAt(0) + org.netbiosDomain.slice(1).toLowerCase();
  return `/o=${org0}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${person.id.replace(/[^a-z0-9]/gi, '')}-${(person.smtp.split('@')[0] ?? '').replace(/[^a-z0-9]/gi, '')}`;
}

function urls(baseUrl: string): Record<string, string> {
  return {
    ASUrl: `${baseUrl}/EWS/Exchange.asmx`,
    EwsUrl: `${baseUrl}/EWS/Exchange.asmx`,
    EmwsUrl: `${baseUrl}/EWS/Exchange.asmx`,
    EcpUrl: `${baseUrl}/ecp/`,
    OOFUrl: `${baseUrl}/EWS/Exchange.asmx`,
    UMUrl: `${baseUrl}/EWS/UM2007Legacy.asmx`,
    OABUrl: `${baseUrl}/OAB/`,
  };
}

const xmlHeaders = { 'content-type': 'text/xml; charset=utf-8' };

function poxError(code: number, message: string): XmlAnswer {
  const now = new Date();
  const body = `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${POX_RESPONSE_NS}">
  <Response>
    <Error Time="${now.toISOString().slice(11, 23)}" Id="${(now.getTime() % 4_000_000_000).toString()}">
      <ErrorCode>${code}</ErrorCode>
      <Message>${xmlEscape(message)}</Message>
      <DebugData />
    </Error>
  </Response>
</Autodiscover>`;
  return { status: 200, headers: xmlHeaders, body };
}

/** POST /autodiscover/autodiscover.xml (the caller is already authenticated). */
export function handlePoxAutodiscover(org: Org, body: string, baseUrl: string): XmlAnswer {
  let email: string;
  let schema: string;
  try {
    const doc = parser.parse(body) as {
      Autodiscover?: { Request?: { EMailAddress?: unknown; AcceptableResponseSchema?: unknown } };
    };
    const req = doc.Autodiscover?.Request;
    email = typeof req?.EMailAddress === 'string' ? req.EMailAddress.trim() : '';
    schema = typeof req?.AcceptableResponseSchema === 'string' ? req.AcceptableResponseSchema.trim() : '';
  } catch {
    return poxError(600, 'Invalid Request');
  }
  if (!email) return poxError(600, 'Invalid Request');
  if (schema && schema !== POX_OUTLOOK_NS)
    return poxError(601, 'Provider is not available for the requested schema.');
  const found = lookupAddress(org, email);
  if (found.kind === 'unknown') return poxError(500, 'The e-mail address cannot be found.');
  if (found.kind === 'redirect') {
    return {
      status: 200,
      headers: xmlHeaders,
      body: `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${POX_RESPONSE_NS}">
  <Response xmlns="${POX_OUTLOOK_NS}">
    <Account>
      <AccountType>email</AccountType>
      <Action>redirectAddr</Action>
      <RedirectAddr>${xmlEscape(found.to)}</RedirectAddr>
    </Account>
  </Response>
</Autodiscover>`,
    };
  }
  const p = found.person;
  const u = urls(baseUrl);
  const host = new URL(baseUrl).hostname;
  const serverVersion =
    ((CAS_VERSION.major << 28) | (CAS_VERSION.minor << 22) | (1 << 15) | CAS_VERSION.build) >>> 0;
  const protocolUrls = Object.entries(u)
    .map(([k, v]) => `        <${k}>${xmlEscape(v)}</${k}>`)
    .join('\n');
  const body2 = `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${POX_RESPONSE_NS}">
  <Response xmlns="${POX_OUTLOOK_NS}">
    <User>
      <DisplayName>${xmlEscape(p.displayName)}</DisplayName>
      <LegacyDN>${xmlEscape(legacyDn(org, p))}</LegacyDN>
      <AutoDiscoverSMTPAddress>${xmlEscape(p.smtp)}</AutoDiscoverSMTPAddress>
      <DeploymentId>${DEPLOYMENT_ID}</DeploymentId>
    </User>
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <MicrosoftOnline>False</MicrosoftOnline>
      <Protocol>
        <Type>EXCH</Type>
        <Server>${xmlEscape(`${p.id}@${org.domain}`)}</Server>
        <ServerDN>${xmlEscape(`/o=${org.netbiosDomain}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=${p.id}@${org.domain}`)}</ServerDN>
        <ServerVersion>${serverVersion.toString(16).toUpperCase()}</ServerVersion>
        <AuthPackage>Anonymous</AuthPackage>
        <PublicFolderServer>${xmlEscape(host)}</PublicFolderServer>
        <AD>dc1.${xmlEscape(org.domain)}</AD>
${protocolUrls}
        <ServerExclusiveConnect>off</ServerExclusiveConnect>
      </Protocol>
      <Protocol>
        <Type>EXPR</Type>
        <Server>${xmlEscape(host)}</Server>
        <SSL>${baseUrl.startsWith('https:') ? 'On' : 'Off'}</SSL>
        <AuthPackage>Ntlm</AuthPackage>
${protocolUrls}
        <ServerExclusiveConnect>on</ServerExclusiveConnect>
        <CertPrincipalName>None</CertPrincipalName>
        <GroupingInformation>Default-First-Site-Name</GroupingInformation>
      </Protocol>
    </Account>
  </Response>
</Autodiscover>`;
  return { status: 200, headers: xmlHeaders, body: body2 };
}

const SUPPORTED_SETTINGS = [
  'UserDisplayName',
  'UserDN',
  'UserDeploymentId',
  'InternalEwsUrl',
  'ExternalEwsUrl',
  'EwsSupportedSchemas',
  'CasVersion',
  'AutoDiscoverSMTPAddress',
  'InternalMailboxServer',
  'ExternalMailboxServer',
  'MailboxDN',
] as const;

function settingValue(name: string, org: Org, p: Person, baseUrl: string): string | undefined {
  const ews = `${baseUrl}/EWS/Exchange.asmx`;
  const host = new URL(baseUrl).hostname;
  switch (name) {
    case 'UserDisplayName':
      return p.displayName;
    case 'UserDN':
      return legacyDn(org, p);
    case 'UserDeploymentId':
      return DEPLOYMENT_ID;
    case 'InternalEwsUrl':
    case 'ExternalEwsUrl':
      return ews;
    case 'EwsSupportedSchemas':
      return 'Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2015, Exchange2016';
    case 'CasVersion':
      return `${CAS_VERSION.major}.${CAS_VERSION.minor}.${CAS_VERSION.build}.${CAS_VERSION.revision}`;
    case 'AutoDiscoverSMTPAddress':
      return p.smtp;
    case 'InternalMailboxServer':
    case 'ExternalMailboxServer':
      return host;
    case 'MailboxDN':
      return `${legacyDn(org, p)}/cn=mailbox`;
    default:
      return undefined;
  }
}

function soapEnvelope(action: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="${SOAP_NS}" xmlns:a="${WSA_NS}">
  <s:Header>
    <a:Action s:mustUnderstand="1">${action}</a:Action>
    <h:ServerVersionInfo xmlns:h="${AUTODISCOVER_SOAP_NS}" xmlns:i="${XSI_NS}">
      <h:MajorVersion>${CAS_VERSION.major}</h:MajorVersion>
      <h:MinorVersion>${CAS_VERSION.minor}</h:MinorVersion>
      <h:MajorBuildNumber>${CAS_VERSION.build}</h:MajorBuildNumber>
      <h:MinorBuildNumber>${CAS_VERSION.revision}</h:MinorBuildNumber>
      <h:Version>Exchange2015</h:Version>
    </h:ServerVersionInfo>
  </s:Header>
  <s:Body>
${body}
  </s:Body>
</s:Envelope>`;
}

function soapFault(code: string, text: string): XmlAnswer {
  return {
    status: 500,
    headers: xmlHeaders,
    body: `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="${SOAP_NS}"><s:Body><s:Fault><faultcode>s:${code}</faultcode><faultstring xml:lang="en-US">${xmlEscape(text)}</faultstring></s:Fault></s:Body></s:Envelope>`,
  };
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** POST /autodiscover/autodiscover.svc: GetUserSettings (the only operation Roster uses). */
export function handleSoapAutodiscover(org: Org, body: string, baseUrl: string): XmlAnswer {
  let envelope: Record<string, unknown>;
  try {
    const parsed = parser.parse(body) as { Envelope?: Record<string, unknown> };
    if (!parsed.Envelope) return soapFault('Client', 'The request is not a SOAP envelope.');
    envelope = parsed.Envelope;
  } catch {
    return soapFault('Client', 'The request is not well-formed XML.');
  }
  const header = (envelope.Header ?? {}) as Record<string, unknown>;
  const soapBody = (envelope.Body ?? {}) as Record<string, unknown>;
  const action = text(header.Action);
  const req = soapBody.GetUserSettingsRequestMessage as Record<string, unknown> | undefined;
  if (!req || (action && !action.endsWith('/GetUserSettings'))) {
    return soapFault(
      'Client',
      `The operation is not supported: ${action || Object.keys(soapBody)[0] || 'none'}.`,
    );
  }
  const request = (req.Request ?? {}) as Record<string, unknown>;
  const users = asArray((request.Users as Record<string, unknown> | undefined)?.User).map((u) =>
    text((u as Record<string, unknown>).Mailbox),
  );
  const settings = asArray((request.RequestedSettings as Record<string, unknown> | undefined)?.Setting)
    .map(text)
    .filter(Boolean);

  const responses = users.map((mailbox) => {
    const found = lookupAddress(org, mailbox);
    if (found.kind === 'unknown' || !mailbox) {
      return `        <UserResponse>
          <ErrorCode>InvalidUser</ErrorCode>
          <ErrorMessage>Invalid user: '${xmlEscape(mailbox)}'</ErrorMessage>
          <RedirectTarget i:nil="true" />
          <UserSettingErrors />
          <UserSettings />
        </UserResponse>`;
    }
    if (found.kind === 'redirect') {
      return `        <UserResponse>
          <ErrorCode>RedirectAddress</ErrorCode>
          <ErrorMessage>Redirection address.</ErrorMessage>
          <RedirectTarget>${xmlEscape(found.to)}</RedirectTarget>
          <UserSettingErrors />
          <UserSettings />
        </UserResponse>`;
    }
    const errors: string[] = [];
    const values: string[] = [];
    for (const name of settings) {
      const value = (SUPPORTED_SETTINGS as readonly string[]).includes(name)
        ? settingValue(name, org, found.person, baseUrl)
        : undefined;
      if (value === undefined) {
        errors.push(`            <UserSettingError>
              <ErrorCode>InvalidSetting</ErrorCode>
              <ErrorMessage>The requested setting is invalid.</ErrorMessage>
              <SettingName>${xmlEscape(name)}</SettingName>
            </UserSettingError>`);
      } else {
        values.push(`            <UserSetting i:type="StringSetting">
              <Name>${xmlEscape(name)}</Name>
              <Value>${xmlEscape(value)}</Value>
            </UserSetting>`);
      }
    }
    return `        <UserResponse>
          <ErrorCode>NoError</ErrorCode>
          <ErrorMessage>No error.</ErrorMessage>
          <RedirectTarget i:nil="true" />
          <UserSettingErrors>${errors.length ? `\n${errors.join('\n')}\n          ` : ''}</UserSettingErrors>
          <UserSettings>${values.length ? `\n${values.join('\n')}\n          ` : ''}</UserSettings>
        </UserResponse>`;
  });
  const msg = `    <GetUserSettingsResponseMessage xmlns="${AUTODISCOVER_SOAP_NS}">
      <Response xmlns:i="${XSI_NS}">
        <ErrorCode>NoError</ErrorCode>
        <ErrorMessage />
        <UserResponses>
${responses.join('\n')}
        </UserResponses>
      </Response>
    </GetUserSettingsResponseMessage>`;
  return {
    status: 200,
    headers: xmlHeaders,
    body: soapEnvelope(`${AUTODISCOVER_SOAP_NS}/Autodiscover/GetUserSettingsResponse`, msg),
  };
}
