/**
 * Fidelity: the service description a client may fetch before anything else (issue 17):
 * /EWS/Services.wsdl (any case, as IIS matches paths), authenticated as Exchange.asmx is, our own
 * WSDL naming every operation this server answers with its soap:address this server's EWS URL, and
 * the messages.xsd / types.xsd it imports.
 */
import { describe, expect, it } from 'vitest';
import { EWS_OPERATION_ELEMENTS } from '../../../main/exchange-sim/ews/index';
import { NS, children, parseXml, type XNode } from '../../unit/main/exchange-sim/ews/helpers';
import { useFidelitySim } from './fidelity-sim';

const fx = useFidelitySim();
const ALICE = 'alice@contoso.test';
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';

function all(node: XNode, local: string): XNode[] {
  return [...(node.local === local ? [node] : []), ...node.children.flatMap((c) => all(c, local))];
}

function get(path: string, auth = true, method = 'GET'): Promise<Response> {
  const password = fx.who(ALICE).password;
  return fetch(`${fx.sim.httpUrl ?? ''}${path}`, {
    method,
    headers: auth ? { authorization: `Basic ${Buffer.from(`${ALICE}:${password}`).toString('base64')}` } : {},
  });
}

describe('/EWS/Services.wsdl', () => {
  it('asks for credentials, as the EWS virtual directory does, and refuses other methods', async () => {
    for (const path of ['/EWS/Services.wsdl', '/EWS/messages.xsd', '/EWS/types.xsd']) {
      const res = await get(path, false);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toMatch(/^Basic/);
    }
    expect((await get('/EWS/Services.wsdl', true, 'POST')).status).toBe(405);
  });

  it('is a WSDL naming every operation of the table, bound to this server’s Exchange.asmx', async () => {
    const res = await get('/EWS/Services.wsdl');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const wsdl = parseXml(await res.text());
    expect([wsdl.uri, wsdl.local]).toEqual([WSDL_NS, 'definitions']);
    const expected = EWS_OPERATION_ELEMENTS.map((e) => (e.endsWith('Request') ? e.slice(0, -7) : e)).sort();
    expect(expected).toEqual(expect.arrayContaining(['SyncFolderItems', 'GetUserAvailability', 'ConvertId']));
    for (const parent of ['portType', 'binding']) {
      const node = all(wsdl, parent).find((n) => n.uri === WSDL_NS);
      expect(
        children(node, 'operation').map((o) => o.attrs.name),
        parent,
      ).toEqual(expected);
    }
    const address = all(wsdl, 'address')[0];
    expect(address?.attrs.location).toBe(`${fx.sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
    expect(all(wsdl, 'import')[0]?.attrs).toMatchObject({ namespace: NS.m, schemaLocation: 'messages.xsd' });
  });

  it('answers the same document whatever the path’s case', async () => {
    const a = await (await get('/EWS/Services.wsdl')).text();
    expect(await (await get('/ews/services.WSDL')).text()).toBe(a);
  });

  it('messages.xsd and types.xsd, next to it, declare every element its parts name', async () => {
    const wsdl = parseXml(await (await get('/EWS/Services.wsdl')).text());
    const messages = parseXml(await (await get('/EWS/messages.xsd')).text());
    const types = parseXml(await (await get('/EWS/Types.xsd')).text());
    for (const schema of [messages, types]) expect([schema.uri, schema.local]).toEqual([NS.xsd, 'schema']);
    expect(messages.attrs.targetNamespace).toBe(NS.m);
    expect(types.attrs.targetNamespace).toBe(NS.t);
    const declared = (s: XNode): string[] => children(s, 'element').map((e) => e.attrs.name ?? '');
    for (const part of all(wsdl, 'part')) {
      const [prefix, name] = (part.attrs.element ?? '').split(':');
      expect(declared(prefix === 'tns' ? messages : types), part.attrs.element).toContain(name);
    }
    for (const request of EWS_OPERATION_ELEMENTS) expect(declared(messages)).toContain(request);
  });
});
