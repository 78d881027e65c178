/**
 * Seam between the simulator's HTTP server and its EWS operation handlers.
 * The server authenticates the caller, applies transport-level faults, and hands over.
 *
 * Modules: xml (strict saxes tree, no DTD; escaping writers), soap (envelope, ServerVersionInfo,
 * response messages, faults, RequestServerVersion, ExchangeImpersonation), ids (opaque ids and
 * change keys), tz (legacy/Windows time zones ↔ IANA), persona, folders, directory, availability,
 * calendar, ucs, photo. Requests Exchange refuses before running an operation (malformed XML,
 * unknown operation or version, impersonation) are HTTP 500 SOAP faults, as Exchange sends them;
 * everything else is a response message with its own ResponseClass and ResponseCode.
 */
import { convertId } from './convert';
import { findFolder, getFolder } from './folders';
import { getServerTimeZones } from './timezones';
import { getMailTips, getUserAvailability, getUserOofSettings } from './availability';
import { createItem, deleteItem, findItem, getItem } from './calendar';
import { updateItem } from './update';
import { expandDl, findPeople, resolveNames } from './directory';
import { getAttachment, withMailItems } from './mail';
import { getUserPhoto, restPhoto } from './photo';
import { syncFolderHierarchy, syncFolderItems } from './sync';
import { EwsFault, faultResponse, requestContext, soapResponse, type RequestContext } from './soap';
import type { EwsCall, EwsHttpResponse } from './types';
import {
  addDistributionGroupToImList,
  addImContactToGroup,
  addImGroup,
  addNewImContactToGroup,
  addNewTelUriContactToGroup,
  getImItemList,
  getImItems,
  removeContactFromImList,
  removeDistributionGroupFromImList,
  removeImContactFromGroup,
  removeImGroup,
  setImGroup,
  setImListMigrationCompleted,
} from './ucs';
import { NS, XmlSyntaxError, child, esc, parseXml, type XNode } from './xml';
import { messagesXsd, servicesWsdl, typesXsd, wsdlOperations } from './wsdl';

export type { EwsCall, EwsHttpResponse } from './types';

type Handler = (
  ctx: RequestContext,
  req: XNode,
) => string | Promise<string> | Promise<{ body: string; headers: Record<string, string> }>;

const OPERATIONS: Record<string, Handler> = {
  // Unified Contact Store
  GetImItemList: getImItemList,
  GetImItems: getImItems,
  AddImGroup: addImGroup,
  SetImGroup: setImGroup,
  RemoveImGroup: removeImGroup,
  AddNewImContactToGroup: addNewImContactToGroup,
  AddNewTelUriContactToGroup: addNewTelUriContactToGroup,
  AddImContactToGroup: addImContactToGroup,
  RemoveImContactFromGroup: removeImContactFromGroup,
  RemoveContactFromImList: removeContactFromImList,
  AddDistributionGroupToImList: addDistributionGroupToImList,
  RemoveDistributionGroupFromImList: removeDistributionGroupFromImList,
  SetImListMigrationCompleted: setImListMigrationCompleted,
  // Ids and time zones
  ConvertId: convertId,
  GetServerTimeZones: getServerTimeZones,
  // Folders
  GetFolder: getFolder,
  FindFolder: findFolder,
  // Photos
  GetUserPhoto: getUserPhoto,
  // Availability
  GetUserAvailabilityRequest: getUserAvailability,
  GetUserOofSettingsRequest: getUserOofSettings,
  GetMailTips: getMailTips,
  // Directory
  ResolveNames: resolveNames,
  FindPeople: findPeople,
  ExpandDL: expandDl,
  // Calendar
  CreateItem: createItem,
  FindItem: withMailItems('FindItem', findItem),
  GetItem: withMailItems('GetItem', getItem),
  DeleteItem: withMailItems('DeleteItem', deleteItem),
  // Calendar items and contacts (update.ts); messages of Conversation History and voice mail (mail.ts)
  UpdateItem: withMailItems('UpdateItem', updateItem),
  GetAttachment: getAttachment,
  // Offline clients' synchronisation (sync.ts)
  SyncFolderItems: syncFolderItems,
  SyncFolderHierarchy: syncFolderHierarchy,
};

/** EWS operations Exchange has that this simulator does not answer (a clear fault, not a schema error). */
const KNOWN_UNIMPLEMENTED = new Set([
  'SendItem',
  'MoveItem',
  'CopyItem',
  'Subscribe',
  'GetStreamingEvents',
  'GetEvents',
  'SetUserOofSettingsRequest',
  'GetRoomLists',
  'GetRooms',
  'GetPersona',
  'CreateFolder',
  'DeleteFolder',
  'UpdateFolder',
  'GetDelegate',
]);

function schemaFault(err: XmlSyntaxError): EwsHttpResponse {
  const violation = `${err.message} Line ${err.line}, position ${err.column}.`;
  return faultResponse(
    new EwsFault(
      'ErrorSchemaValidation',
      'The request failed schema validation.',
      `<t:LineNumber>${err.line}</t:LineNumber><t:LinePosition>${err.column}</t:LinePosition><t:Violation>${esc(violation)}</t:Violation>`,
      `The request failed schema validation: ${violation}`,
    ),
  );
}

/** POST /EWS/Exchange.asmx: a SOAP 1.1 request body → a SOAP response. */
export async function handleEwsSoap(call: EwsCall, body: string): Promise<EwsHttpResponse> {
  let envelope: XNode;
  try {
    envelope = parseXml(body);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return schemaFault(err);
    throw err;
  }
  try {
    if (envelope.local !== 'Envelope' || envelope.uri !== NS.soap) {
      throw new EwsFault('ErrorInvalidRequest', 'The request is not a SOAP 1.1 envelope.');
    }
    const header = child(envelope, 'Header');
    const soapBody = child(envelope, 'Body');
    const op = soapBody?.children[0];
    if (!op) throw new EwsFault('ErrorInvalidRequest', 'The SOAP body is empty.');
    const handler = op.uri === NS.m ? OPERATIONS[op.local] : undefined;
    if (!handler) {
      if (op.uri === NS.m && KNOWN_UNIMPLEMENTED.has(op.local)) {
        throw new EwsFault(
          'ErrorInvalidRequest',
          `The operation ${op.local} is not supported by this server.`,
        );
      }
      throw new EwsFault(
        'ErrorSchemaValidation',
        'The request failed schema validation.',
        undefined,
        `The request failed schema validation: The element 'Body' in namespace '${NS.soap}' has invalid child element '${op.local}' in namespace '${op.uri}'.`,
      );
    }
    const ctx = requestContext(call, header);
    const result = await handler(ctx, op);
    if (typeof result === 'string') return soapResponse(result);
    const res = soapResponse(result.body);
    return { ...res, headers: { ...res.headers, ...result.headers } };
  } catch (err) {
    if (err instanceof EwsFault) return faultResponse(err);
    const message = err instanceof Error ? err.message : String(err);
    return faultResponse(
      new EwsFault(
        'ErrorInternalServerError',
        `An internal server error occurred. The operation failed., ${message}`,
      ),
    );
  }
}

/** The operations this server answers, by request element (the WSDL's source, so it never drifts). */
export const EWS_OPERATION_ELEMENTS: readonly string[] = Object.keys(OPERATIONS);

/**
 * GET /EWS/Services.wsdl, /EWS/messages.xsd, /EWS/types.xsd (`lowerPath` lower-cased, as IIS
 * matches): our own service description (wsdl.ts); undefined for any other path.
 */
export function serviceDocument(lowerPath: string, baseUrl: string): EwsHttpResponse | undefined {
  const ops = wsdlOperations(EWS_OPERATION_ELEMENTS);
  const body =
    lowerPath === '/ews/services.wsdl'
      ? servicesWsdl(ops, `${baseUrl}/EWS/Exchange.asmx`)
      : lowerPath === '/ews/messages.xsd'
        ? messagesXsd(ops)
        : lowerPath === '/ews/types.xsd'
          ? typesXsd()
          : undefined;
  if (body === undefined) return undefined;
  return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}

/** GET /EWS/Exchange.asmx/s/GetUserPhoto?email=…&size=HR… (REST form, ETag/If-None-Match). */
export function handleRestPhoto(call: EwsCall, query: URLSearchParams): Promise<EwsHttpResponse> {
  return restPhoto(call, query);
}

/** A complete ErrorServerBusy SOAP response (for the server's fault injection): HTTP 500 fault as Exchange throttles. */
export function serverBusyResponse(backOffMs: number): EwsHttpResponse {
  const ms = Math.max(0, Math.round(backOffMs));
  return faultResponse(
    new EwsFault('ErrorServerBusy', undefined, `<t:Value Name="BackOffMilliseconds">${ms}</t:Value>`),
  );
}
