import { describe, expect, it, vi } from 'vitest';
import type { ContactList } from '../../../../preload/contract';
import type { ExchangeClient } from '../../../../main/exchange/client';
import { EwsError } from '../../../../main/exchange/errors';
import type { ImListLike } from '../../../../main/services/contacts-map';
import { createContactsService } from '../../../../main/services/contacts';
import { createLogger } from '../../../../main/log/logger';
import { openContactsSnapshot } from '../../../../main/store/contacts-snapshot';

const log = createLogger({ level: 'error' });

const listWith = (groupNames: string[]): ImListLike => ({
  groups: groupNames.map((name, i) => ({
    id: `g${i}`,
    name,
    type: i === 0 ? 'Favorites' : 'Normal',
    memberIds: [],
  })),
  personas: [],
});

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(reads: Array<Promise<ImListLike>>) {
  const addImGroup = vi.fn((_name: string) =>
    Promise.resolve({ id: 'new', name: 'x', type: 'Normal', memberIds: [], memberPersonaIds: [] }),
  );
  const setImGroup = vi.fn((_id: string, _name: string) => Promise.resolve());
  const client = { email: 'Me@Contoso.test', addImGroup, setImGroup } as unknown as ExchangeClient;
  const events: ContactList[] = [];
  let n = 0;
  const service = createContactsService({
    client: () => client,
    snapshots: openContactsSnapshot(null),
    emit: (l) => events.push(l),
    log,
    readList: () => reads[n++] ?? Promise.reject(new Error('no more reads')),
  });
  return { service, client, events, addImGroup, setImGroup };
}

describe('ContactsService ordering and failures', () => {
  it('an older refresh answering after an edit never replaces the edited list', async () => {
    const first = deferred<ImListLike>();
    const slowRefresh = deferred<ImListLike>();
    const { service, events } = setup([
      first.promise,
      slowRefresh.promise,
      Promise.resolve(listWith(['Favorites', 'New'])),
    ]);
    const started = service.start({ email: 'me@contoso.test' } as ExchangeClient);
    first.resolve(listWith(['Favorites']));
    await started;
    const refresh = service.refreshContactList(); // sent before the edit
    const edited = await service.createGroup({ name: 'New' }); // its re-read is sent after
    expect(edited.groups.map((g) => g.name)).toEqual(['Favorites', 'New']);
    slowRefresh.resolve(listWith(['Favorites'])); // stale
    expect((await refresh).groups.map((g) => g.name)).toEqual(['Favorites', 'New']);
    expect((await service.getContactList()).groups.map((g) => g.name)).toEqual(['Favorites', 'New']);
    expect(events.at(-1)?.groups.map((g) => g.name)).toEqual(['Favorites', 'New']);
  });

  it('a failed edit keeps its kind and does not re-read', async () => {
    const { service, client, setImGroup } = setup([Promise.resolve(listWith(['Favorites', 'Team']))]);
    await service.start(client);
    setImGroup.mockRejectedValueOnce(
      new EwsError('throttled', 'Exchange is busy.', { code: 'ErrorServerBusy', retryAfterMs: 2000 }),
    );
    await expect(service.renameGroup({ groupId: 'g1', name: 'Other name' })).rejects.toMatchObject({
      kind: 'throttled',
      code: 'ErrorServerBusy',
      retryAfterMs: 2000,
    });
    // The read queue had only the first list: a re-read would have failed with "no more reads".
    expect((await service.getContactList()).groups).toHaveLength(2);
  });

  it('refuses edits while signed out, and the list too', async () => {
    const { service } = setup([]);
    await expect(service.createGroup({ name: 'x' })).rejects.toMatchObject({ kind: 'auth' });
    await expect(service.getContactList()).rejects.toMatchObject({ kind: 'auth' });
    await expect(service.searchDirectory({ query: 'x' })).rejects.toMatchObject({ kind: 'auth' });
  });

  it('a re-read that fails after a successful edit answers the list it has', async () => {
    const { service, client, addImGroup } = setup([
      Promise.resolve(listWith(['Favorites'])),
      Promise.reject(new EwsError('server', 'Exchange answered with an error.')),
    ]);
    await service.start(client);
    const answer = await service.createGroup({ name: 'New' });
    expect(addImGroup).toHaveBeenCalledWith('New');
    expect(answer.groups.map((g) => g.name)).toEqual(['Favorites']);
  });

  const lost = (): EwsError =>
    new EwsError('network', 'The connection was lost.', { code: 'OutcomeUnknown' });

  it('an edit that lost its answer and was not made says so, shows the server’s list, stays editable', async () => {
    const { service, client, addImGroup, events } = setup([
      Promise.resolve(listWith(['Favorites'])),
      Promise.resolve(listWith(['Favorites'])), // read back: no new group
    ]);
    await service.start(client);
    addImGroup.mockRejectedValueOnce(lost());
    await expect(service.createGroup({ name: 'New' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EditNotApplied',
    });
    expect(addImGroup).toHaveBeenCalledTimes(1); // never sent again blindly
    expect(events).toHaveLength(2);
    expect(events.at(-1)?.offline).toBe(false);
    expect((await service.getContactList()).offline).toBe(false);
  });

  it('an edit that lost its answer is reported done when the list read back shows it', async () => {
    const { service, client, addImGroup } = setup([
      Promise.resolve(listWith(['Favorites'])),
      Promise.resolve(listWith(['Favorites', 'New'])),
    ]);
    await service.start(client);
    addImGroup.mockRejectedValueOnce(lost());
    const answer = await service.createGroup({ name: 'New' });
    expect(answer.groups.map((g) => g.name)).toEqual(['Favorites', 'New']);
  });

  it('when the list cannot be read to check, the outcome is reported unknown and the list read-only', async () => {
    const { service, client, setImGroup } = setup([
      Promise.resolve(listWith(['Favorites', 'Team'])),
      Promise.reject(new EwsError('network', 'The connection was dropped.', { code: 'ECONNRESET' })),
    ]);
    await service.start(client);
    setImGroup.mockRejectedValueOnce(lost());
    await expect(service.renameGroup({ groupId: 'g1', name: 'Crew' })).rejects.toMatchObject({
      kind: 'network',
      code: 'EditOutcomeUnknown',
    });
    expect((await service.getContactList()).offline).toBe(true);
  });
});

describe('ContactsService: an empty list says whether it is in Exchange', () => {
  const person: ImListLike['personas'][number] = {
    id: 'p1',
    displayName: 'Ann Lee',
    emails: [],
    imAddress: 'ann@contoso.test',
    phones: [],
    contactIds: [],
  };
  function withFolders(
    im: ImListLike,
    folders: () => Promise<Array<{ displayName: string; folderClass?: string }>>,
  ) {
    const readFolders = vi.fn(folders);
    const client = { email: 'me@contoso.test' } as ExchangeClient;
    const service = createContactsService({
      client: () => client,
      snapshots: openContactsSnapshot(null),
      emit: () => undefined,
      log,
      readList: () => Promise.resolve(im),
      readFolders,
    });
    return { service, client, readFolders };
  }

  it.each<[string, Array<{ displayName: string; folderClass?: string }>, string]>([
    ['no Lync Contacts folder', [{ displayName: 'Recipient Cache' }], 'not-migrated'],
    ['a Lync Contacts folder', [{ displayName: 'Lync Contacts' }], 'ucs'],
    [
      'the folder by its class, in another language',
      [{ displayName: 'Contacts Lync', folderClass: 'IPF.Contact.MOC.QuickContacts' }],
      'ucs',
    ],
  ])('an empty list with %s → %s', async (_, folders, storage) => {
    const { service, client } = withFolders(listWith(['Favorites', 'Other Contacts']), () =>
      Promise.resolve(folders),
    );
    await service.start(client);
    expect((await service.getContactList()).storage).toBe(storage);
  });

  it('folders that cannot be read leave it unknown, and the list still loads', async () => {
    const { service, client } = withFolders(listWith(['Favorites']), () =>
      Promise.reject(new EwsError('server', 'Internal error.', { code: 'ErrorInternalServerError' })),
    );
    await service.start(client);
    const l = await service.getContactList();
    expect(l.storage).toBe('unknown');
    expect(l.groups.map((g) => g.name)).toEqual(['Favorites']);
  });

  it('a list with contacts is in Exchange without asking for the folders', async () => {
    const im: ImListLike = {
      groups: [{ id: 'g0', name: 'Favorites', type: 'Favorites', memberIds: ['p1'] }],
      personas: [person],
    };
    const { service, client, readFolders } = withFolders(im, () => Promise.resolve([]));
    await service.start(client);
    expect((await service.getContactList()).storage).toBe('ucs');
    expect(readFolders).not.toHaveBeenCalled();
  });
});
