/**
 * ConvertId: one response message per source id, each converted to the destination format or
 * an error of its own (ErrorInvalidIdMalformed for an id this server did not issue) inside a
 * normal 200 answer. Clients send a dummy id on purpose just to read ServerVersionInfo from the
 * header, so a bad id must never become a fault. No store lookup: conversion is format only.
 */
import { decodeIdAs, encodeIdAs, isIdFormat, type IdFormat } from './ids';
import {
  EwsError,
  EwsFault,
  batchResponse,
  errorMessage,
  responseMessage,
  type RequestContext,
} from './soap';
import { child, el, type XNode } from './xml';

function schemaFault(detail: string): EwsFault {
  return new EwsFault(
    'ErrorSchemaValidation',
    'The request failed schema validation.',
    undefined,
    `The request failed schema validation: ${detail}`,
  );
}

function convertOne(source: XNode, destination: IdFormat): string {
  if (source.local !== 'AlternateId') {
    // Public folder ids: this server has no public folders.
    return errorMessage('ConvertId', new EwsError('ErrorInvalidIdMalformed'));
  }
  const format = source.attrs.Format ?? '';
  const mailbox = source.attrs.Mailbox;
  if (!isIdFormat(format))
    throw schemaFault(`The 'Format' attribute is invalid - The value '${format}' is invalid.`);
  if (mailbox === undefined) throw schemaFault("The required attribute 'Mailbox' is missing.");
  const wire = source.attrs.Id ?? '';
  if (wire.trim() === '') return errorMessage('ConvertId', new EwsError('ErrorInvalidIdEmpty'));
  const decoded = decodeIdAs(format, wire);
  if (!decoded) return errorMessage('ConvertId', new EwsError('ErrorInvalidIdMalformed'));
  const converted = el('m:AlternateId', {
    'xsi:type': 't:AlternateIdType',
    Format: destination,
    Id: encodeIdAs(destination, decoded),
    Mailbox: mailbox,
  });
  return responseMessage('ConvertId', 'Success', 'NoError', converted);
}

export function convertId(_ctx: RequestContext, req: XNode): string {
  const destination = req.attrs.DestinationFormat ?? '';
  if (!isIdFormat(destination)) {
    throw schemaFault(
      `The 'DestinationFormat' attribute is invalid - The value '${destination}' is invalid.`,
    );
  }
  const sources = child(req, 'SourceIds')?.children ?? [];
  if (sources.length === 0) throw schemaFault("The element 'SourceIds' has incomplete content.");
  return batchResponse(
    'ConvertId',
    sources.map((s) => convertOne(s, destination)),
  );
}
