/**
 * SyncFolderItems and SyncFolderHierarchy, which offline clients use: a first call without a
 * SyncState gets everything as Create changes (SyncFolderItems in pages of MaxChangesReturned,
 * 1–512), later calls with the returned SyncState get what changed since (Create, Update, Delete,
 * ReadFlagChange), IncludesLastItemInRange saying whether more wait.
 *
 * Each mailbox has a change journal per sync scope (journal.ts), kept for the server's run and
 * written by looking at the folder at each sync: CreateItem, UpdateItem, DeleteItem and the UCS
 * operations need not call anything, their changes show in the next sync through change keys and
 * content. The SyncState (sync-state.ts) is sealed with a key drawn per organisation object, so it
 * is stable for a run and a garbage, forged or last-run state is ErrorInvalidSyncStateData.
 *
 * Items are rendered as GetItem renders them with the request's ItemShape; folders as GetFolder
 * does with its FolderShape. SyncFolderHierarchy without SyncFolderId covers the IPM subtree
 * (msgfolderroot) and, as Exchange documents, reports no change when only counts change.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mailOf } from '../org/history';
import type { Org, Person } from '../org/types';
import { getItem, isOrganizerCopy } from './calendar';
import {
  folderDescendants,
  folderId,
  folderXml,
  readShape as readFolderShape,
  resolveFolder,
  type FolderRef,
} from './folders';
import { encodeChangeKey, encodeId } from './ids';
import { ChangeJournal, type Change, type Observed } from './journal';
import { inFolder, withMailItems } from './mail';
import {
  EwsError,
  EwsFault,
  batchResponse,
  errorMessage,
  responseMessage,
  type RequestContext,
} from './soap';
import { decodeSyncState, encodeSyncState } from './sync-state';
import { NS, child, children, el, leaf, textAt, type XNode } from './xml';

/** MaxSyncChangesReturnedType: 1–512. */
export const MAX_SYNC_CHANGES = 512;

interface SyncRegistry {
  key: Buffer;
  journals: Map<string, ChangeJournal>;
}

const REGISTRIES = new WeakMap<Org, SyncRegistry>();

function registry(org: Org): SyncRegistry {
  let r = REGISTRIES.get(org);
  if (!r) {
    r = { key: randomBytes(32), journals: new Map() };
    REGISTRIES.set(org, r);
  }
  return r;
}

function journalFor(org: Org, mailbox: Person, scope: string): ChangeJournal {
  const r = registry(org);
  const k = `${mailbox.id}\u0000${scope}`;
  let j = r.journals.get(k);
  if (!j) {
    j = new ChangeJournal();
    r.journals.set(k, j);
  }
  return j;
}

function fingerprint(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

function schemaFault(detail: string): EwsFault {
  return new EwsFault(
    'ErrorSchemaValidation',
    'The request failed schema validation.',
    undefined,
    `The request failed schema validation: ${detail}`,
  );
}

/**
 * The sync state's position for this scope: seq 0 without a state, undefined for one this server
 * did not seal for this mailbox and scope.
 */
function startingPoint(
  org: Org,
  mailbox: Person,
  scope: string,
  journal: ChangeJournal,
  req: XNode,
): number | undefined {
  const wire = textAt(req, 'SyncState') ?? '';
  if (wire === '') return 0;
  const pos = decodeSyncState(registry(org).key, wire);
  if (!pos || pos.mailbox !== mailbox.id || pos.scope !== scope || pos.seq > journal.head) return undefined;
  return pos.seq;
}

function stateFor(org: Org, mailbox: Person, scope: string, seq: number): string {
  return encodeSyncState(registry(org).key, { mailbox: mailbox.id, scope, seq });
}

// ---------------------------------------------------------------- SyncFolderItems

/** What a folder holds now, by item id on the wire. */
function itemsOf(org: Org, ref: FolderRef): Map<string, Observed> {
  const { owner, def } = ref;
  const out = new Map<string, Observed>();
  if (def.name === 'calendar') {
    for (const c of owner.calendar) {
      if (c.isCancelled && isOrganizerCopy(owner, c)) continue;
      const { changeKey, ...rest } = c;
      out.set(encodeId('item', owner.id, c.id), { version: changeKey, content: fingerprint(rest) });
    }
  } else if (def.name === 'lynccontacts') {
    for (const p of owner.imList.personas) {
      const { changeKey, ...rest } = p;
      const groups = owner.imList.groups.filter((g) => g.memberIds.includes(p.id)).map((g) => g.id);
      out.set(encodeId('contact', owner.id, p.id), {
        version: changeKey ?? '1',
        content: fingerprint({ ...rest, groups }),
      });
    }
  } else if (['conversationhistory', 'inbox', 'deleteditems', 'voicemail'].includes(def.name)) {
    for (const m of mailOf(org, owner)) {
      if (!inFolder(m, def.name)) continue;
      const { changeKey, isRead, ...rest } = m;
      out.set(encodeId('item', owner.id, m.id), { version: changeKey, content: fingerprint(rest), isRead });
    }
  }
  return out;
}

const getAnyItem = withMailItems('GetItem', getItem);
const MESSAGE =
  /<m:GetItemResponseMessage ResponseClass="(\w+)"[^>]*>([\s\S]*?)<\/m:GetItemResponseMessage>/g;
const ITEMS = /<m:Items>([\s\S]*)<\/m:Items>/;

/** Each id's item as GetItem renders it with this shape, or the error GetItem answers for it. */
function renderItems(ctx: RequestContext, shape: XNode, ids: string[]): (string | EwsError)[] {
  if (ids.length === 0) return [];
  const req: XNode = {
    local: 'GetItem',
    uri: NS.m,
    attrs: {},
    text: '',
    children: [
      shape,
      {
        local: 'ItemIds',
        uri: NS.m,
        attrs: {},
        text: '',
        children: ids.map((Id) => ({ local: 'ItemId', uri: NS.t, attrs: { Id }, children: [], text: '' })),
      },
    ],
  };
  const xml = getAnyItem(ctx, req);
  return [...xml.matchAll(MESSAGE)].map(([, cls, inner = '']) => {
    if (cls === 'Success') return ITEMS.exec(inner)?.[1] ?? '';
    const code = /<m:ResponseCode>(\w+)<\/m:ResponseCode>/.exec(inner)?.[1] ?? 'ErrorInternalServerError';
    return new EwsError(code);
  });
}

function readMax(req: XNode): number {
  const text = textAt(req, 'MaxChangesReturned');
  if (text === undefined)
    throw schemaFault(
      "The element 'SyncFolderItems' has incomplete content: 'MaxChangesReturned' is missing.",
    );
  const max = /^\s*\d{1,4}\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(max >= 1 && max <= MAX_SYNC_CHANGES))
    throw schemaFault(
      `The 'MaxChangesReturned' element is invalid - The value '${text}' is invalid according to its datatype (1 to ${MAX_SYNC_CHANGES}).`,
    );
  return max;
}

function changeXml(change: Change, item: string | undefined, now: Observed | undefined): string {
  if (change.type === 'Delete') return el('t:Delete', undefined, el('t:ItemId', { Id: change.id }));
  if (change.type === 'ReadFlagChange')
    return el(
      't:ReadFlagChange',
      undefined,
      el('t:ItemId', { Id: change.id, ChangeKey: encodeChangeKey('item', now?.version ?? '1') }),
      leaf('t:IsRead', now?.isRead ?? false),
    );
  return el(`t:${change.type}`, undefined, item ?? '');
}

export function syncFolderItems(ctx: RequestContext, req: XNode): string {
  const op = 'SyncFolderItems';
  const shape = child(req, 'ItemShape');
  if (!shape)
    throw schemaFault("The element 'SyncFolderItems' has incomplete content: 'ItemShape' is missing.");
  const folderNode = children(child(req, 'SyncFolderId'))[0];
  if (!folderNode)
    throw schemaFault("The element 'SyncFolderItems' has incomplete content: 'SyncFolderId' is missing.");
  const max = readMax(req);
  const scopeText = textAt(req, 'SyncScope') ?? 'NormalItems';
  if (scopeText !== 'NormalItems' && scopeText !== 'NormalAndAssociatedItems')
    throw schemaFault(`The 'SyncScope' element is invalid - The value '${scopeText}' is invalid.`);

  const ref = resolveFolder(ctx, folderNode);
  if (ref instanceof EwsError) return batchResponse(op, [errorMessage(op, ref)]);
  const org = ctx.call.org;
  const scope = `items:${ref.def.name}`;
  const journal = journalFor(org, ref.owner, scope);
  const from = startingPoint(org, ref.owner, scope, journal, req);
  if (from === undefined)
    return batchResponse(op, [errorMessage(op, new EwsError('ErrorInvalidSyncStateData'))]);

  const now = itemsOf(org, ref);
  journal.observe(now);
  const ignore = new Set(
    children(child(req, 'Ignore'), 'ItemId').flatMap((n) => (n.attrs.Id ? [n.attrs.Id] : [])),
  );
  const page = journal.changesSince(from, max, ignore);
  if (!page) return batchResponse(op, [errorMessage(op, new EwsError('ErrorInvalidSyncStateData'))]);

  const toRender = page.changes.filter((c) => c.type === 'Create' || c.type === 'Update').map((c) => c.id);
  const rendered = renderItems(ctx, shape, toRender);
  const firstError = rendered.find(
    (r): r is EwsError => r instanceof EwsError && r.code !== 'ErrorItemNotFound',
  );
  if (firstError) return batchResponse(op, [errorMessage(op, firstError)]);
  const byId = new Map(toRender.map((id, i) => [id, rendered[i]]));
  const changes = page.changes.flatMap((c) => {
    const item = byId.get(c.id);
    if (item instanceof EwsError) return [];
    return [changeXml(c, item, now.get(c.id))];
  });
  const payload =
    leaf('m:SyncState', stateFor(org, ref.owner, scope, page.next)) +
    leaf('m:IncludesLastItemInRange', page.includesLast) +
    el('m:Changes', undefined, ...changes);
  return batchResponse(op, [responseMessage(op, 'Success', 'NoError', payload)]);
}

// ---------------------------------------------------------------- SyncFolderHierarchy

function foldersOf(root: FolderRef): Map<string, { ref: FolderRef; obs: Observed }> {
  const out = new Map<string, { ref: FolderRef; obs: Observed }>();
  for (const ref of folderDescendants(root)) {
    const { def } = ref;
    out.set(folderId(ref.owner, def.name), {
      ref,
      obs: {
        version: '1',
        content: fingerprint([def.displayName, def.folderClass ?? '', def.parent ?? '', def.element]),
      },
    });
  }
  return out;
}

export function syncFolderHierarchy(ctx: RequestContext, req: XNode): string {
  const op = 'SyncFolderHierarchy';
  const shape = readFolderShape(req);
  if (!child(req, 'FolderShape'))
    throw schemaFault("The element 'SyncFolderHierarchy' has incomplete content: 'FolderShape' is missing.");
  if (shape instanceof EwsError) return batchResponse(op, [errorMessage(op, shape)]);
  const folderNode = children(child(req, 'SyncFolderId'))[0];
  const rootNode: XNode = folderNode ?? {
    local: 'DistinguishedFolderId',
    uri: NS.t,
    attrs: { Id: 'msgfolderroot' },
    children: [],
    text: '',
  };
  const root = resolveFolder(ctx, rootNode);
  if (root instanceof EwsError) return batchResponse(op, [errorMessage(op, root)]);
  const org = ctx.call.org;
  const scope = `hierarchy:${root.def.name}`;
  const journal = journalFor(org, root.owner, scope);
  const from = startingPoint(org, root.owner, scope, journal, req);
  if (from === undefined)
    return batchResponse(op, [errorMessage(op, new EwsError('ErrorInvalidSyncStateData'))]);

  const now = foldersOf(root);
  journal.observe(new Map([...now].map(([id, v]) => [id, v.obs])));
  const page = journal.changesSince(from, Number.MAX_SAFE_INTEGER);
  if (!page) return batchResponse(op, [errorMessage(op, new EwsError('ErrorInvalidSyncStateData'))]);
  const changes = page.changes.map((c) => {
    const f = now.get(c.id);
    if (c.type === 'Delete' || !f) return el('t:Delete', undefined, el('t:FolderId', { Id: c.id }));
    return el(`t:${c.type === 'Create' ? 'Create' : 'Update'}`, undefined, folderXml(f.ref, shape));
  });
  const payload =
    leaf('m:SyncState', stateFor(org, root.owner, scope, page.next)) +
    leaf('m:IncludesLastFolderInRange', true) +
    el('m:Changes', undefined, ...changes);
  return batchResponse(op, [responseMessage(op, 'Success', 'NoError', payload)]);
}
