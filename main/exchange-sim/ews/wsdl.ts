/**
 * The service description documents a real Exchange serves beside Exchange.asmx, for clients that
 * fetch them before anything else: /EWS/Services.wsdl and the schemas its types import,
 * /EWS/messages.xsd and /EWS/types.xsd. These are the simulator's OWN documents (never Microsoft's
 * files): the WSDL is generated from the operation table handed in, so it names exactly the
 * operations this server answers, in the EWS namespaces, SOAP 1.1 document/literal, its address the
 * server's own Exchange.asmx URL. The schemas are deliberately open: they declare each operation's
 * request and response element and the SOAP headers (RequestServerVersion with the versions this
 * server accepts, ExchangeImpersonation, ServerVersionInfo), with open content inside.
 *
 * Pure: strings in, strings out.
 */
import { REQUEST_VERSIONS } from './soap';
import { NS, el, esc } from './xml';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/http';
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

/** One operation as the WSDL names it and the elements it carries. */
export interface WsdlOperation {
  /** The operation's name (GetUserAvailability). */
  name: string;
  /** The request element in the messages namespace (GetUserAvailabilityRequest). */
  request: string;
  /** The response element (GetUserAvailabilityResponse). */
  response: string;
}

/**
 * The operations of a table keyed by request element: the availability operations' elements end
 * in "Request" and their operation names do not, as in EWS; sorted by name, each once.
 */
export function wsdlOperations(requestElements: readonly string[]): WsdlOperation[] {
  const seen = new Set<string>();
  const out: WsdlOperation[] = [];
  for (const request of requestElements) {
    const name = request.endsWith('Request') && request !== 'Request' ? request.slice(0, -7) : request;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, request, response: `${name}Response` });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The WSDL for these operations, its address `ewsUrl` (the server's own /EWS/Exchange.asmx). */
export function servicesWsdl(ops: readonly WsdlOperation[], ewsUrl: string): string {
  const messages = ops.flatMap((op) => [
    el(
      'wsdl:message',
      { name: `${op.name}SoapIn` },
      el('wsdl:part', { name: 'request', element: `tns:${op.request}` }),
      el('wsdl:part', { name: 'Impersonation', element: 't:ExchangeImpersonation' }),
      el('wsdl:part', { name: 'RequestVersion', element: 't:RequestServerVersion' }),
    ),
    el(
      'wsdl:message',
      { name: `${op.name}SoapOut` },
      el('wsdl:part', { name: `${op.name}Result`, element: `tns:${op.response}` }),
      el('wsdl:part', { name: 'ServerVersion', element: 't:ServerVersionInfo' }),
    ),
  ]);
  const portOps = ops.map((op) =>
    el(
      'wsdl:operation',
      { name: op.name },
      el('wsdl:input', { message: `tns:${op.name}SoapIn` }),
      el('wsdl:output', { message: `tns:${op.name}SoapOut` }),
    ),
  );
  const bindingOps = ops.map((op) =>
    el(
      'wsdl:operation',
      { name: op.name },
      el('soap:operation', { soapAction: `${NS.m}/${op.name}` }),
      el(
        'wsdl:input',
        undefined,
        el('soap:header', { message: `tns:${op.name}SoapIn`, part: 'Impersonation', use: 'literal' }),
        el('soap:header', { message: `tns:${op.name}SoapIn`, part: 'RequestVersion', use: 'literal' }),
        el('soap:body', { parts: 'request', use: 'literal' }),
      ),
      el(
        'wsdl:output',
        undefined,
        el('soap:body', { parts: `${op.name}Result`, use: 'literal' }),
        el('soap:header', { message: `tns:${op.name}SoapOut`, part: 'ServerVersion', use: 'literal' }),
      ),
    ),
  );
  return (
    XML_DECL +
    el(
      'wsdl:definitions',
      {
        'xmlns:wsdl': WSDL_NS,
        'xmlns:soap': WSDL_SOAP_NS,
        'xmlns:xs': NS.xsd,
        'xmlns:tns': NS.m,
        'xmlns:t': NS.t,
        targetNamespace: NS.m,
      },
      el(
        'wsdl:types',
        undefined,
        el('xs:schema', undefined, el('xs:import', { namespace: NS.m, schemaLocation: 'messages.xsd' })),
      ),
      ...messages,
      el('wsdl:portType', { name: 'ExchangeServicePortType' }, ...portOps),
      el(
        'wsdl:binding',
        { name: 'ExchangeServiceBinding', type: 'tns:ExchangeServicePortType' },
        el('soap:binding', { style: 'document', transport: SOAP_HTTP }),
        ...bindingOps,
      ),
      el(
        'wsdl:service',
        { name: 'ExchangeServices' },
        el(
          'wsdl:port',
          { name: 'ExchangeServicePort', binding: 'tns:ExchangeServiceBinding' },
          el('soap:address', { location: ewsUrl }),
        ),
      ),
    )
  );
}

const OPEN_CONTENT =
  '<xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>' +
  '<xs:anyAttribute namespace="##any" processContents="lax"/>';

/** messages.xsd: each operation's request and response element, open inside. */
export function messagesXsd(ops: readonly WsdlOperation[]): string {
  const elements = ops.flatMap((op) => [
    el('xs:element', { name: op.request, type: 'm:OpenMessageType' }),
    el('xs:element', { name: op.response, type: 'm:OpenMessageType' }),
  ]);
  return (
    XML_DECL +
    el(
      'xs:schema',
      {
        'xmlns:xs': NS.xsd,
        'xmlns:m': NS.m,
        'xmlns:t': NS.t,
        targetNamespace: NS.m,
        elementFormDefault: 'qualified',
        version: 'roster-exchange-sim',
      },
      el('xs:import', { namespace: NS.t, schemaLocation: 'types.xsd' }),
      `<xs:complexType name="OpenMessageType">${OPEN_CONTENT}</xs:complexType>`,
      ...elements,
    )
  );
}

/** types.xsd: the SOAP headers this server reads and writes, open where it does not look. */
export function typesXsd(): string {
  const versions = REQUEST_VERSIONS.map((v) => `<xs:enumeration value="${esc(v)}"/>`).join('');
  return (
    XML_DECL +
    el(
      'xs:schema',
      {
        'xmlns:xs': NS.xsd,
        'xmlns:t': NS.t,
        targetNamespace: NS.t,
        elementFormDefault: 'qualified',
        version: 'roster-exchange-sim',
      },
      `<xs:simpleType name="ExchangeVersionType"><xs:restriction base="xs:string">${versions}</xs:restriction></xs:simpleType>`,
      '<xs:element name="RequestServerVersion"><xs:complexType>' +
        '<xs:attribute name="Version" type="t:ExchangeVersionType" use="required"/>' +
        '</xs:complexType></xs:element>',
      '<xs:element name="ServerVersionInfo"><xs:complexType>' +
        ['MajorVersion', 'MinorVersion', 'MajorBuildNumber', 'MinorBuildNumber']
          .map((a) => `<xs:attribute name="${a}" type="xs:int" use="optional"/>`)
          .join('') +
        '<xs:attribute name="Version" type="xs:string" use="optional"/>' +
        '</xs:complexType></xs:element>',
      `<xs:element name="ExchangeImpersonation"><xs:complexType>${OPEN_CONTENT}</xs:complexType></xs:element>`,
    )
  );
}
