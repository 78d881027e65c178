import type { CallOptions, EwsCaller } from '../../../../main/exchange/caller';
import type { HttpResponse } from '../../../../main/exchange/transport';
import {
  parseSoapResponse,
  parseXml,
  type SoapResponse,
  type XElement,
  type XmlFragment,
} from '../../../../main/exchange/soap';

/** An EwsCaller answering SOAP calls from fixture text; records each request. */
export function fakeCaller(answer: string | ((action: string) => string), smtp = 'adele.vance@contoso.test') {
  const calls: Array<{ action: string; body: XElement; options?: CallOptions }> = [];
  const caller: EwsCaller = {
    ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
    smtp,
    soap(action: string, body: XmlFragment, options?: CallOptions): Promise<SoapResponse> {
      calls.push({ action, body: parseXml(body.xml), ...(options ? { options } : {}) });
      const text = typeof answer === 'string' ? answer : answer(action);
      return Promise.resolve().then(() => parseSoapResponse(text));
    },
    get(): Promise<HttpResponse> {
      return Promise.reject(new Error('not used'));
    },
  };
  return { caller, calls };
}
