/** The service description's pure parts (wsdl.ts): operation naming, and documents that hold together. */
import { describe, expect, it } from 'vitest';
import {
  messagesXsd,
  servicesWsdl,
  typesXsd,
  wsdlOperations,
} from '../../../../../main/exchange-sim/ews/wsdl';
import { REQUEST_VERSIONS } from '../../../../../main/exchange-sim/ews/soap';
import { NS, children, parseXml, type XNode } from './helpers';

function all(node: XNode, local: string): XNode[] {
  return [...(node.local === local ? [node] : []), ...node.children.flatMap((c) => all(c, local))];
}

describe('wsdlOperations', () => {
  it.each<[string[], [string, string, string][]]>([
    [['GetFolder'], [['GetFolder', 'GetFolder', 'GetFolderResponse']]],
    [
      ['GetUserAvailabilityRequest'],
      [['GetUserAvailability', 'GetUserAvailabilityRequest', 'GetUserAvailabilityResponse']],
    ],
    [
      ['SyncFolderItems', 'ConvertId', 'ConvertId'],
      [
        ['ConvertId', 'ConvertId', 'ConvertIdResponse'],
        ['SyncFolderItems', 'SyncFolderItems', 'SyncFolderItemsResponse'],
      ],
    ],
    [['Request'], [['Request', 'Request', 'RequestResponse']]],
    [[], []],
  ])('%j', (elements, expected) => {
    expect(wsdlOperations(elements).map((o) => [o.name, o.request, o.response])).toEqual(expected);
  });
});

describe('the documents', () => {
  const ops = wsdlOperations(['GetFolder', 'GetUserOofSettingsRequest', 'SyncFolderHierarchy']);
  const wsdl = parseXml(servicesWsdl(ops, 'https://mail.contoso.test/EWS/Exchange.asmx'));
  const messages = parseXml(messagesXsd(ops));
  const types = parseXml(typesXsd());
  const declared = (schema: XNode): string[] => children(schema, 'element').map((e) => e.attrs.name ?? '');

  it('the WSDL names each operation once in its port type and binding, with EWS soap actions', () => {
    expect(wsdl.local).toBe('definitions');
    expect(wsdl.attrs.targetNamespace).toBe(NS.m);
    const names = ['GetFolder', 'GetUserOofSettings', 'SyncFolderHierarchy'];
    for (const parent of ['portType', 'binding']) {
      const p = all(wsdl, parent)[0];
      expect(children(p, 'operation').map((o) => o.attrs.name)).toEqual(names);
    }
    expect(all(wsdl, 'operation').flatMap((o) => (o.attrs.soapAction ? [o.attrs.soapAction] : []))).toEqual(
      names.map((n) => `${NS.m}/${n}`),
    );
    expect(all(wsdl, 'address')[0]?.attrs.location).toBe('https://mail.contoso.test/EWS/Exchange.asmx');
    expect(all(wsdl, 'binding').find((b) => b.uri !== NS.m && b.attrs.style)?.attrs.style).toBe('document');
  });

  it('every part the WSDL names is declared by the schema of its namespace', () => {
    const parts = all(wsdl, 'part').map((p) => p.attrs.element ?? '');
    expect(parts.length).toBe(ops.length * 5);
    for (const ref of parts) {
      const [prefix, name] = ref.split(':');
      expect(declared(prefix === 'tns' ? messages : types), ref).toContain(name);
    }
    expect(all(wsdl, 'import')[0]?.attrs).toMatchObject({ namespace: NS.m, schemaLocation: 'messages.xsd' });
    expect(children(messages, 'import')[0]?.attrs).toMatchObject({
      namespace: NS.t,
      schemaLocation: 'types.xsd',
    });
  });

  it('types.xsd lists exactly the request versions the server accepts', () => {
    expect(all(types, 'enumeration').map((e) => e.attrs.value)).toEqual([...REQUEST_VERSIONS]);
  });
});
