/** A SOAP answer with one response message, for the operation tests (inner: the message's content). */
export const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';

export function envelope(op: string, inner: string, cls = 'Success', code = 'NoError'): string {
  return (
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<m:${op}Response xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>` +
    `<m:${op}ResponseMessage ResponseClass="${cls}"><m:ResponseCode>${code}</m:ResponseCode>${inner}</m:${op}ResponseMessage>` +
    `</m:ResponseMessages></m:${op}Response></s:Body></s:Envelope>`
  );
}
