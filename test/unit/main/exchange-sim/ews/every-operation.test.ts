/**
 * Every operation of the table (issue 17): a 200 answer carries ServerVersionInfo in its SOAP
 * header and the operation's own response element; a refusal is a SOAP fault with an EWS code,
 * never the server tripping over a request it did not expect.
 */
import { describe, expect, it } from 'vitest';
import { EWS_OPERATION_ELEMENTS } from '../../../../../main/exchange-sim/ews/index';
import { SERVER_VERSION } from '../../../../../main/exchange-sim/ews/soap';
import { NS, at, child, makeCall, makeOrg, parseXml, send } from './helpers';

const bare = (op: string): string => `<m:${op}/>`;
/** A plausible minimal request per operation where a bare element is refused by the schema. */
const MINIMAL: Record<string, string> = {
  GetFolder:
    '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
  SyncFolderItems:
    '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:SyncFolderId><t:DistinguishedFolderId Id="calendar"/></m:SyncFolderId><m:MaxChangesReturned>5</m:MaxChangesReturned></m:SyncFolderItems>',
  SyncFolderHierarchy:
    '<m:SyncFolderHierarchy><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape></m:SyncFolderHierarchy>',
};

describe('every operation the server answers', () => {
  it('is listed (the table the WSDL is generated from)', () => {
    expect(EWS_OPERATION_ELEMENTS.length).toBeGreaterThan(25);
    expect(EWS_OPERATION_ELEMENTS).toContain('SyncFolderItems');
  });

  it.each(EWS_OPERATION_ELEMENTS)(
    '%s: ServerVersionInfo in a 200’s header, or an EWS fault, never an internal error',
    async (op) => {
      const call = makeCall(makeOrg(), 'alice@contoso.test');
      const answers = [];
      for (const body of [bare(op), MINIMAL[op] ?? bare(op)]) answers.push(await send(call, body));
      // One of the two, and nothing else: a 200 answer, or a SOAP fault (500).
      const ok = answers.filter((a) => a.status === 200);
      const faults = answers.filter((a) => a.status === 500);
      expect(ok.length + faults.length).toBe(answers.length);
      const name = op.endsWith('Request') ? op.slice(0, -7) : op;
      for (const a of ok) {
        const svi = at(parseXml(a.raw), 'Header', 'ServerVersionInfo');
        expect(svi.uri).toBe(NS.t);
        expect(svi.attrs.Version).toBe(SERVER_VERSION.Version);
        expect(svi.attrs.MajorVersion).toBe(String(SERVER_VERSION.MajorVersion));
        expect([a.body.uri, a.body.local]).toEqual([NS.m, `${name}Response`]);
      }
      for (const a of faults) {
        expect(a.body.local).toBe('Fault');
        const code = child(at(a.body, 'detail'), 'ResponseCode')?.text;
        expect(code).toMatch(/^Error/);
        expect(code).not.toBe('ErrorInternalServerError');
      }
    },
  );
});
