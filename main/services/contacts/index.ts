/**
 * The contact list (the Unified Contact Store's IM list) and the directory search.
 *
 * - Loaded with GetImItemList in one round trip and mapped to the contract's ContactList.
 * - At sign-in the account's disk snapshot is shown at once (fromCache) and a refresh follows in
 *   the background (contactsChanged). Without network the snapshot stays, marked offline, and
 *   edits are refused until a refresh succeeds.
 * - Every edit is EWS calls, then the list is read again from the server (what the UI shows after
 *   an edit is what the server has), announced with contactsChanged and saved as the snapshot.
 *   Edits run one at a time. Errors keep their kind; the renderer rolls back its optimistic update.
 * - An edit whose answer was lost (the client's OutcomeUnknown: the connection dropped after the
 *   request went out) is settled by reading the list and comparing it with the edit's intended
 *   result (reconcile.ts): done → success with the server's list; not done or half done → an
 *   error that says so, with the server's list shown. Never by sending the write again.
 * - Directory search: ResolveNames; a newer search aborts the previous one, which answers cancelled.
 *
 * Every dependency is handed in; no Electron, no shell, no simulator.
 */
import type { AddContactRequest, ContactList, DirectoryEntry } from '../../../preload/contract';
import type { CallOptions } from '../../exchange/caller';
import type { ExchangeClient } from '../../exchange/client';
import { isOutcomeUnknown } from '../../exchange/retry';
import { AppError } from '../../errors';
import type { Logger } from '../../log/logger';
import type { ContactsSnapshotStore } from '../../store/contacts-snapshot';
import {
  CONTACT_LIMIT,
  contactIndex,
  mailboxToEntry,
  resolutionToEntry,
  stripScheme,
  toContactList,
  type ImListLike,
} from '../contacts-map';
import { isLyncContactsFolder, listStorage } from '../helpdesk/verdicts';
import { outcomeError, reconcile, type EditIntent } from './reconcile';
import { fullListError, sameGroupError, specialGroupError, targetGroupError } from './rules';

export interface ContactsDeps {
  /** The signed-in client, or null (session.client). */
  client: () => ExchangeClient | null;
  snapshots: ContactsSnapshotStore;
  /** contactsChanged. */
  emit: (list: ContactList) => void;
  log: Logger;
  now?: () => Date;
  /** The list's cap; 1,000 on Lync / UCS. */
  limit?: number;
  /** Try to connect again (after an offline start); the session's reconnect. */
  reconnect?: () => Promise<void>;
  /** Reads the IM list (one GetImItemList); replaceable for tests and benchmarks. */
  readList?: (client: ExchangeClient, options?: CallOptions) => Promise<ImListLike>;
  /** Lists the Contacts folder's subfolders (one FindFolder), asked only when the list is empty. */
  readFolders?: (
    client: ExchangeClient,
    options?: CallOptions,
  ) => Promise<Array<{ displayName: string; folderClass?: string }>>;
}

export interface SearchAnswer {
  query: string;
  results: DirectoryEntry[];
  cancelled: boolean;
}

export interface ContactsService {
  /** At sign-in: the account's snapshot at once, then a refresh (awaited only when there is no snapshot). */
  start(client: ExchangeClient): Promise<void>;
  /** At start, before the connection is made: the account's snapshot, read-only until start(). */
  showCached(email: string): Promise<void>;
  /** The connection could not be made: keep the snapshot, read-only. */
  setOffline(): void;
  /** At sign-out: forgets the list and deletes the account's snapshot; returns the account it was for. */
  clear(): Promise<string | null>;
  /** The account the list belongs to (lower case), or null. */
  account(): string | null;
  /** The list as last shown (snapshot or server's), or null: none yet, or signed out. */
  shown(): ContactList | null;

  getContactList(): Promise<ContactList>;
  refreshContactList(): Promise<ContactList>;
  addContact(request: AddContactRequest): Promise<ContactList>;
  removeContactFromGroup(request: { contactId: string; groupId: string }): Promise<ContactList>;
  removeContact(request: { contactId: string }): Promise<ContactList>;
  moveContact(request: {
    contactId: string;
    fromGroupId: string;
    toGroupId: string;
    copy: boolean;
  }): Promise<ContactList>;
  createGroup(request: { name: string }): Promise<ContactList>;
  renameGroup(request: { groupId: string; name: string }): Promise<ContactList>;
  deleteGroup(request: { groupId: string }): Promise<ContactList>;
  addDistributionGroup(request: { email: string; displayName?: string }): Promise<ContactList>;
  expandGroup(request: { groupId: string }): Promise<{ members: DirectoryEntry[] }>;
  searchDirectory(request: { query: string }): Promise<SearchAnswer>;
}

const kindOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { kind?: unknown }).kind === 'string'
    ? (err as { kind: string }).kind
    : undefined;

const signedOut = (): AppError =>
  new AppError('auth', 'Sign in to see your contacts.', { code: 'SignedOut' });

const offlineError = (): AppError =>
  new AppError(
    'network',
    'Exchange cannot be reached, so the contact list is read-only for now. Check the connection, then refresh the list.',
    { code: 'ContactListOffline' },
  );

function telUri(number: string): string {
  const digits = number.replace(/[^0-9+]/g, '');
  return `tel:${digits}`;
}

export function createContactsService(deps: ContactsDeps): ContactsService {
  const log = deps.log;
  const now = deps.now ?? (() => new Date());
  const limit = deps.limit ?? CONTACT_LIMIT;
  const readList = deps.readList ?? ((c, o) => c.getImItemList(o));
  const readFolders = deps.readFolders ?? ((c, o) => c.findFolders('contacts', o));

  let account: string | null = null;
  let list: ContactList | null = null;
  /** Bumped at every sign-in and sign-out: answers for an older generation are dropped. */
  let gen = 0;
  let refreshing: Promise<ContactList> | null = null;
  let edits: Promise<unknown> = Promise.resolve();
  let search: AbortController | null = null;
  /** IM addresses seen in directory answers, by e-mail (lower case), for adding by e-mail. */
  const imByEmail = new Map<string, string>();

  const requireClient = (): ExchangeClient => {
    const c = deps.client();
    if (account === null) throw signedOut();
    // Opened from the snapshot while the connection is (re)made or the network is down.
    if (!c) throw offlineError();
    return c;
  };

  /** Reads are numbered when sent: an answer older than the list shown never replaces it. */
  let sent = 0;
  let shown = 0;
  let saving: Promise<void> = Promise.resolve();
  const seqOf = new WeakMap<ContactList, number>();

  async function load(c: ExchangeClient): Promise<ContactList> {
    const seq = ++sent;
    const im = await readList(c);
    if (im.duplicatePersonaIds?.length) {
      // Shown once each; reported so a person missing from the list can be traced to the server.
      log.warn('the server sent the same contact more than once', {
        count: im.duplicatePersonaIds.length,
      });
    }
    const mapped = toContactList(im, { fetchedAt: now().toISOString(), limit });
    const fresh: ContactList = { ...mapped, storage: await storageOf(c, mapped) };
    seqOf.set(fresh, seq);
    return fresh;
  }

  /**
   * An empty list may be a list still on Lync Server: the help desk's rule tells them apart by
   * the Lync Contacts folder. One FindFolder, only while the list holds no contact.
   */
  async function storageOf(c: ExchangeClient, l: ContactList): Promise<ContactList['storage']> {
    if (l.contacts.length > 0) return listStorage({ folder: true, ucsContacts: l.contacts.length });
    try {
      const folders = await readFolders(c);
      return listStorage({ folder: folders.some(isLyncContactsFolder), ucsContacts: 0 });
    } catch (err) {
      log.warn('reading the mailbox folders to place an empty contact list failed', { err });
      return listStorage({ folder: undefined, ucsContacts: 0 });
    }
  }

  async function commit(fresh: ContactList, forAccount: string): Promise<void> {
    const seq = seqOf.get(fresh) ?? 0;
    if (seq < shown) return; // a read sent before the one shown (e.g. a refresh overtaken by an edit)
    shown = seq;
    list = fresh;
    deps.emit(fresh);
    const myGen = gen;
    // Saves run one after the other, and never after a sign-out (clear waits for the one running).
    saving = saving
      .then(() => (myGen === gen ? deps.snapshots.save(forAccount, fresh) : undefined))
      .catch((err: unknown) => log.warn('saving the contact list snapshot failed', { err }));
    await saving;
  }

  function markOffline(): void {
    if (list && !list.offline) {
      list = { ...list, offline: true };
      deps.emit(list);
    }
  }

  function refresh(): Promise<ContactList> {
    if (refreshing) return refreshing;
    const c = requireClient();
    const myGen = gen;
    const forAccount = account ?? '';
    const p = (async (): Promise<ContactList> => {
      try {
        const fresh = await load(c);
        if (myGen !== gen) return fresh;
        await commit(fresh, forAccount);
        return list ?? fresh; // the newer list when this read was overtaken
      } catch (err) {
        if (myGen === gen && kindOf(err) === 'network' && list) {
          log.warn('refreshing the contact list failed for lack of network; showing the snapshot', {
            err,
          });
          markOffline();
          return list;
        }
        throw err;
      }
    })();
    const settled = p.finally(() => {
      if (refreshing === settled) refreshing = null;
    });
    refreshing = settled;
    return settled;
  }

  async function current(): Promise<ContactList> {
    if (list) return list;
    return refresh();
  }

  /**
   * An edit lost its answer: read the list, show it, and answer with what the edit actually did.
   * A list that cannot be read leaves the outcome unknown, and the user is told so.
   */
  async function settleLostAnswer(
    c: ExchangeClient,
    before: ContactList,
    intent: EditIntent,
    forAccount: string,
    myGen: number,
  ): Promise<ContactList> {
    let fresh: ContactList;
    try {
      fresh = await load(c);
    } catch (err) {
      log.warn('an edit lost its answer, and reading the list to check it failed', { err });
      if (kindOf(err) === 'network' && myGen === gen) markOffline();
      throw new AppError(
        'network',
        'The connection to Exchange was lost during the change, and the contact list could not be read to check whether it was made. Refresh the list when the connection is back.',
        { code: 'EditOutcomeUnknown' },
      );
    }
    if (myGen !== gen) return fresh;
    await commit(fresh, forAccount);
    const result = reconcile(intent, before, fresh);
    log.info('an edit lost its answer; the list read back says', { edit: intent.kind, ...result });
    const error = outcomeError(intent, result, before);
    if (error) throw error;
    return list ?? fresh;
  }

  /** One edit at a time: calls, then the list as the server has it. */
  function edit(
    intent: EditIntent,
    fn: (c: ExchangeClient, l: ContactList) => Promise<void>,
  ): Promise<ContactList> {
    const run = async (): Promise<ContactList> => {
      const c = requireClient();
      const l = await current();
      if (l.offline) throw offlineError();
      const myGen = gen;
      const forAccount = account ?? '';
      try {
        await fn(c, l);
      } catch (err) {
        if (isOutcomeUnknown(err) && myGen === gen) return settleLostAnswer(c, l, intent, forAccount, myGen);
        if (kindOf(err) === 'network' && myGen === gen) markOffline();
        throw err;
      }
      try {
        const fresh = await load(c);
        if (myGen !== gen) return fresh;
        await commit(fresh, forAccount);
        return list ?? fresh; // the newer list when this read was overtaken
      } catch (err) {
        // The edit itself went through: answer with what we have and let a refresh catch up.
        log.warn('reading the list after an edit failed', { err });
        if (kindOf(err) === 'network' && myGen === gen) markOffline();
        return list ?? l;
      }
    };
    const p = edits.then(run, run);
    edits = p.catch(() => undefined);
    return p;
  }

  function checkLimit(l: ContactList): void {
    const refused = fullListError(l);
    if (refused) throw refused;
  }

  function targetGroup(l: ContactList, groupId: string | undefined): void {
    const refused = targetGroupError(l, groupId);
    if (refused) throw refused;
  }

  return {
    async start(client) {
      gen++;
      const myGen = gen;
      search?.abort();
      account = client.email.trim().toLowerCase();
      list = null;
      refreshing = null;
      const snap = await deps.snapshots.load(account).catch((err: unknown) => {
        log.warn('reading the contact list snapshot failed', { err });
        return null;
      });
      if (myGen !== gen) return;
      if (snap) {
        list = snap;
        deps.emit(snap);
        void refresh().catch((err: unknown) => log.warn('refreshing the contact list failed', { err }));
        return;
      }
      await refresh().catch((err: unknown) => log.warn('loading the contact list failed', { err }));
    },

    async showCached(email) {
      gen++;
      const myGen = gen;
      account = email.trim().toLowerCase();
      list = null;
      refreshing = null;
      const snap = await deps.snapshots.load(account).catch(() => null);
      if (myGen === gen && snap && !list) {
        list = snap;
        deps.emit(snap);
      }
    },

    setOffline: () => markOffline(),

    async clear() {
      gen++;
      search?.abort();
      search = null;
      const was = account;
      account = null;
      list = null;
      refreshing = null;
      imByEmail.clear();
      await saving; // a save already running finishes first; queued ones see the new generation
      if (was)
        await deps.snapshots
          .remove(was)
          .catch((err: unknown) => log.warn('deleting the contact list snapshot failed', { err }));
      return was;
    },

    account: () => account,
    shown: () => list,

    async getContactList() {
      if (list && account !== null) return list; // the snapshot, even before the connection is made
      requireClient();
      return current();
    },

    async refreshContactList() {
      if (!deps.client() && list && account !== null && deps.reconnect) {
        await deps.reconnect(); // offline since start: try to connect again first
        if (!deps.client()) return list;
      }
      requireClient();
      return refresh();
    },

    addContact({ groupId, source }) {
      const keys =
        source.kind === 'phone'
          ? [telUri(source.number).slice(4)]
          : source.kind === 'im'
            ? [stripScheme(source.imAddress)]
            : [source.email, imByEmail.get(source.email.toLowerCase()) ?? source.email];
      return edit({ kind: 'add-contact', keys, ...(groupId ? { groupId } : {}) }, async (c, l) => {
        targetGroup(l, groupId);
        if (source.kind === 'phone') {
          const tel = telUri(source.number);
          const digits = tel.slice(4);
          const existing = l.contacts.find((x) =>
            x.phones.some((p) => p.number.replace(/[^0-9+]/g, '') === digits),
          );
          if (existing?.telephoneOnly) {
            await c.addImContactToGroup(existing.id, groupId);
            return;
          }
          checkLimit(l);
          await c.addNewTelUriContactToGroup({
            telUriAddress: tel,
            imContactSipUriAddress: tel,
            imTelephoneNumber: source.number.trim(),
            ...(groupId ? { groupId } : {}),
          });
          return;
        }
        const im =
          source.kind === 'directory'
            ? (imByEmail.get(source.email.toLowerCase()) ?? source.email)
            : stripScheme(source.imAddress);
        const keys = new Set([im.toLowerCase()]);
        if (source.kind === 'directory') keys.add(source.email.toLowerCase());
        const existing = l.contacts.find(
          (x) =>
            (x.email !== undefined && keys.has(x.email.toLowerCase())) ||
            (x.imAddress !== undefined && keys.has(x.imAddress.toLowerCase())),
        );
        if (existing) {
          // Already a persona in the list: into the group, no new contact.
          if (groupId && existing.groupIds.includes(groupId)) return;
          await c.addImContactToGroup(existing.id, groupId);
          return;
        }
        checkLimit(l);
        await c.addNewImContactToGroup({
          imAddress: `sip:${im}`,
          ...(source.displayName ? { displayName: source.displayName } : {}),
          ...(groupId ? { groupId } : {}),
        });
      });
    },

    removeContactFromGroup({ contactId, groupId }) {
      return edit({ kind: 'remove-from-group', contactId, groupId }, (c) =>
        c.removeImContactFromGroup(contactId, groupId),
      );
    },

    removeContact({ contactId }) {
      return edit({ kind: 'remove-contact', contactId }, (c) => c.removeContactFromImList(contactId));
    },

    moveContact({ contactId, fromGroupId, toGroupId, copy }) {
      const intent: EditIntent = { kind: 'move-contact', contactId, fromGroupId, toGroupId, copy };
      return edit(intent, async (c, l) => {
        const same = sameGroupError(fromGroupId, toGroupId);
        if (same) throw same;
        targetGroup(l, toGroupId);
        const contact = l.contacts.find((x) => x.id === contactId);
        const alreadyThere = contact?.groupIds.includes(toGroupId) ?? false;
        if (!alreadyThere) await c.addImContactToGroup(contactId, toGroupId);
        if (copy) return;
        try {
          await c.removeImContactFromGroup(contactId, fromGroupId);
        } catch (err) {
          // Whether the removal was made is unknown: undoing the add could lose the contact.
          if (!alreadyThere && !isOutcomeUnknown(err)) {
            try {
              await c.removeImContactFromGroup(contactId, toGroupId);
            } catch (undo) {
              log.error('rolling back a failed move failed; the contact is in both groups', {
                err: undo,
              });
            }
          }
          throw err;
        }
      });
    },

    createGroup({ name }) {
      return edit({ kind: 'create-group', name }, async (c) => {
        await c.addImGroup(name.trim());
      });
    },

    renameGroup({ groupId, name }) {
      return edit({ kind: 'rename-group', groupId, name }, async (c, l) => {
        const refused = specialGroupError(l, groupId, 'renamed');
        if (refused) throw refused;
        await c.setImGroup(groupId, name.trim());
      });
    },

    deleteGroup({ groupId }) {
      return edit({ kind: 'delete-group', groupId }, async (c, l) => {
        const refused = specialGroupError(l, groupId, 'deleted');
        if (refused) throw refused;
        const g = l.groups.find((x) => x.id === groupId);
        if (g?.kind === 'distribution') await c.removeDistributionGroupFromImList(groupId);
        else await c.removeImGroup(groupId);
      });
    },

    addDistributionGroup({ email, displayName }) {
      return edit({ kind: 'add-distribution-group', smtp: email }, async (c) => {
        let name = displayName?.trim();
        if (!name) {
          const r = await c
            .resolveNames(email, { searchScope: 'ActiveDirectory', returnFullContactData: false })
            .catch(() => null);
          name = r?.resolutions.find((x) => x.mailbox.address.toLowerCase() === email.toLowerCase())?.mailbox
            .name;
        }
        await c.addDistributionGroupToImList({ smtpAddress: email, displayName: name ?? email });
      });
    },

    async expandGroup({ groupId }) {
      const c = requireClient();
      const l = await current();
      const g = l.groups.find((x) => x.id === groupId);
      if (!g)
        throw new AppError('not-found', 'That group is no longer in your contact list.', { code: 'NoGroup' });
      if (g.kind !== 'distribution' || !g.smtp) {
        throw new AppError('bad-input', 'Only distribution groups can be expanded.', {
          code: 'NotDistribution',
        });
      }
      const r = await c.expandDL(g.smtp);
      const index = contactIndex(list);
      const members = r.members
        .map((m) => mailboxToEntry(m, index))
        .filter((e): e is DirectoryEntry => e !== null);
      return { members };
    },

    async searchDirectory({ query }) {
      search?.abort();
      const ctrl = new AbortController();
      search = ctrl;
      const cancelled: SearchAnswer = { query, results: [], cancelled: true };
      try {
        const c = requireClient();
        const r = await c.resolveNames(query, {
          searchScope: 'ActiveDirectory',
          returnFullContactData: true,
          signal: ctrl.signal,
        });
        if (ctrl.signal.aborted) return cancelled;
        const index = contactIndex(list);
        const seen = new Set<string>();
        const results: DirectoryEntry[] = [];
        for (const res of r.resolutions) {
          const e = resolutionToEntry(res, index);
          if (!e || seen.has(e.email.toLowerCase())) continue;
          seen.add(e.email.toLowerCase());
          if (e.imAddress) imByEmail.set(e.email.toLowerCase(), e.imAddress);
          results.push(e);
        }
        return { query, results, cancelled: false };
      } catch (err) {
        if (ctrl.signal.aborted) return cancelled;
        throw err;
      } finally {
        if (search === ctrl) search = null;
      }
    },
  };
}
