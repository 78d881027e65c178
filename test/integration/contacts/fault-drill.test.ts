/**
 * The fault drill (issue 16): sign in, load the list and make 63 mixed edits against the built-in
 * Exchange while it answers 30 % of requests ErrorServerBusy and drops 5 % of its answers half-way
 * (after it has applied the request). Seeded, so a failure replays exactly.
 *
 * After every edit the server's list (read in-process from the simulator, not through the faults)
 * must be exactly what the user was told: a success means the edit is on the server, an error means
 * it is not, and "only part of it was made" names the part that is. At the end the list the app
 * shows equals the server's, which equals the intended list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactList } from '../../../preload/contract';
import { signIn, type ExchangeClient } from '../../../main/exchange/client';
import { mulberry32, type Rng } from '../../../main/exchange-sim/org/random';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { createLogger } from '../../../main/log/logger';
import { createContactsService, type ContactsService } from '../../../main/services/contacts';
import { openContactsSnapshot } from '../../../main/store/contacts-snapshot';
import { ALICE, startSim } from './helpers';

const SEED = 16;
const EDITS = 63;
const FAULTS = { seed: SEED, serverBusyRate: 0.3, serverBusyBackOffMs: 5, dropRate: 0.05 };

/** The list as names: group name → kind, and contact key → the names of its groups. */
interface Shape {
  groups: Map<string, string>;
  members: Map<string, Set<string>>;
}

const bare = (a: string): string => a.trim().toLowerCase().replace(/^sip:/, '');

/** The simulator's own copy of Alice's list (no network, no faults). */
function serverShape(sim: ExchangeSimHandle): Shape {
  const im = sim.control.person(ALICE.smtp)?.imList;
  if (!im) throw new Error('no list for Alice');
  const kinds: Record<string, string> = {
    Favorites: 'favorites',
    OtherContacts: 'other',
    Normal: 'user',
    DistributionGroup: 'distribution',
  };
  const keyOf = new Map(im.personas.map((p) => [p.id, bare(p.smtp ?? p.imAddress ?? p.telUri ?? p.id)]));
  const members = new Map<string, Set<string>>();
  for (const p of im.personas) members.set(keyOf.get(p.id) ?? p.id, new Set());
  for (const g of im.groups)
    for (const id of g.memberIds) members.get(keyOf.get(id) ?? id)?.add(g.displayName);
  return { groups: new Map(im.groups.map((g) => [g.displayName, kinds[g.type] ?? g.type])), members };
}

const contactKey = (c: Contact): string =>
  c.telephoneOnly
    ? `tel:${(c.phones[0]?.number ?? c.id).replace(/[^0-9+]/g, '')}`
    : bare(c.email ?? c.imAddress ?? c.id);

/** The list the app shows, as names. */
function listShape(l: ContactList): Shape {
  const name = new Map(l.groups.map((g) => [g.id, g.name]));
  return {
    groups: new Map(l.groups.map((g) => [g.name, g.kind])),
    members: new Map(
      l.contacts.map((c) => [contactKey(c), new Set(c.groupIds.map((id) => name.get(id) ?? id))]),
    ),
  };
}

/** Comparable form: sorted entries. */
const plain = (s: Shape): unknown => ({
  groups: [...s.groups].sort(),
  members: [...s.members].map(([k, v]) => [k, [...v].sort()]).sort(),
});

/** The intended list, kept by the drill from what each edit was reported to have done. */
class Intended {
  constructor(
    readonly shape: Shape,
    private readonly other: string,
  ) {}

  private rehome(key: string): void {
    const groups = this.shape.members.get(key);
    if (groups && groups.size === 0) groups.add(this.other);
  }
  createGroup(name: string): void {
    this.shape.groups.set(name, 'user');
  }
  renameGroup(from: string, to: string): void {
    this.shape.groups.set(to, this.shape.groups.get(from) ?? 'user');
    this.shape.groups.delete(from);
    for (const g of this.shape.members.values()) if (g.delete(from)) g.add(to);
  }
  deleteGroup(name: string): void {
    this.shape.groups.delete(name);
    for (const [key, g] of this.shape.members) if (g.delete(name)) this.rehome(key);
  }
  addContact(key: string, group: string | undefined): void {
    this.shape.members.set(key, new Set([group ?? this.other]));
  }
  removeContact(key: string): void {
    this.shape.members.delete(key);
  }
  addToGroup(key: string, group: string): void {
    this.shape.members.get(key)?.add(group);
  }
  removeFromGroup(key: string, group: string): void {
    this.shape.members.get(key)?.delete(group);
    this.rehome(key);
  }
}

type Outcome = 'ok' | 'not-made' | 'partly-made';

let sim: ExchangeSimHandle;
let client: ExchangeClient;

beforeAll(async () => {
  sim = await startSim(60);
});
afterAll(async () => {
  await client?.close();
  await sim.close();
});

describe('fault drill: 30 % ErrorServerBusy, 5 % answers dropped after being applied', () => {
  it('every edit is reported as what the server did, and the lists agree at the end', async () => {
    const started = performance.now();
    sim.control.setFaults(FAULTS);
    sim.control.clearRequestLog();

    client = (
      await signIn({
        email: ALICE.smtp,
        password: ALICE.password,
        ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`,
        authMethod: 'ntlm',
        retry: { maxAttempts: 8, maxDelayMs: 50, baseDelayMs: 5 },
      })
    ).client;
    const events: ContactList[] = [];
    const service: ContactsService = createContactsService({
      client: () => client,
      snapshots: openContactsSnapshot(null),
      emit: (l) => events.push(l),
      log: createLogger({ level: 'error' }),
    });
    await service.start(client);

    /** The list as the user sees it; a user refreshes when it went read-only. */
    const shown = async (): Promise<ContactList> => {
      for (let i = 0; i < 10; i++) {
        const l = await service.getContactList().catch(() => null);
        if (l && !l.offline) return l;
        await service.refreshContactList().catch(() => undefined);
      }
      throw new Error('the list stayed unavailable after 10 refreshes');
    };

    const first = await shown();
    expect(plain(listShape(first))).toEqual(plain(serverShape(sim)));
    const other = first.groups.find((g) => g.kind === 'other')?.name ?? '';
    const intended = new Intended(serverShape(sim), other);

    const rng: Rng = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rng.next() * xs.length)];
    const kinds = [
      'create',
      'add',
      'move',
      'rename',
      'remove',
      'copy',
      'add-im',
      'delete',
      'out-of-group',
    ] as const;
    const outcomes: Record<Outcome, number> = { ok: 0, 'not-made': 0, 'partly-made': 0 };

    for (let i = 0; i < EDITS; i++) {
      const l = await shown();
      const userGroups = l.groups.filter((g) => g.kind === 'user');
      const drillGroups = userGroups.filter((g) => g.name.startsWith('Drill '));
      const inUserGroup = l.contacts.filter((c) =>
        c.groupIds.some((id) => userGroups.some((g) => g.id === id)),
      );
      let kind: (typeof kinds)[number] = kinds[i % kinds.length] ?? 'create';
      if ((kind === 'rename' || kind === 'delete') && drillGroups.length < 2) kind = 'create';
      if ((kind === 'move' || kind === 'copy' || kind === 'out-of-group') && inUserGroup.length === 0)
        kind = 'create';

      // Each step: the call, what success means for the intended list, and what "part of it" means.
      let call: () => Promise<ContactList>;
      let apply: () => void;
      let applyPart: (message: string) => void = () => {
        throw new Error(`edit ${i} (${kind}) cannot be partly made`);
      };
      const groupName = (id: string): string => l.groups.find((g) => g.id === id)?.name ?? id;
      switch (kind) {
        case 'create': {
          const name = `Drill ${i}`;
          call = () => service.createGroup({ name });
          apply = () => intended.createGroup(name);
          break;
        }
        case 'rename': {
          const g = pick(drillGroups);
          const name = `Drill ${i} (renamed)`;
          call = () => service.renameGroup({ groupId: g?.id ?? '', name });
          apply = () => intended.renameGroup(g?.name ?? '', name);
          break;
        }
        case 'delete': {
          const g = pick(drillGroups);
          call = () => service.deleteGroup({ groupId: g?.id ?? '' });
          apply = () => intended.deleteGroup(g?.name ?? '');
          break;
        }
        case 'add':
        case 'add-im': {
          const known = new Set(l.contacts.map(contactKey));
          const person = pick(sim.org.people.filter((p) => !known.has(bare(p.smtp))));
          const g = rng.next() < 0.7 ? pick(userGroups) : undefined;
          const key = kind === 'add' && person ? bare(person.smtp) : `drill${i}@fabrikam.example`;
          call = () =>
            service.addContact({
              ...(g ? { groupId: g.id } : {}),
              source:
                kind === 'add' && person
                  ? { kind: 'directory', email: person.smtp }
                  : { kind: 'im', imAddress: `sip:${key}` },
            });
          apply = () => intended.addContact(key, g?.name);
          break;
        }
        case 'remove': {
          const c = pick(l.contacts);
          call = () => service.removeContact({ contactId: c?.id ?? '' });
          apply = () => intended.removeContact(c ? contactKey(c) : '');
          break;
        }
        case 'out-of-group': {
          const c = pick(inUserGroup);
          const from = pick(userGroups.filter((g) => c?.groupIds.includes(g.id)));
          call = () => service.removeContactFromGroup({ contactId: c?.id ?? '', groupId: from?.id ?? '' });
          apply = () => intended.removeFromGroup(c ? contactKey(c) : '', from?.name ?? '');
          break;
        }
        case 'move':
        case 'copy': {
          const c = pick(inUserGroup);
          const from = pick(userGroups.filter((g) => c?.groupIds.includes(g.id)));
          const to = pick(userGroups.filter((g) => !c?.groupIds.includes(g.id)));
          if (!c || !from || !to) {
            const name = `Drill ${i}`;
            call = () => service.createGroup({ name });
            apply = () => intended.createGroup(name);
            break;
          }
          const key = contactKey(c);
          const copy = kind === 'copy';
          call = () => service.moveContact({ contactId: c.id, fromGroupId: from.id, toGroupId: to.id, copy });
          apply = () => {
            intended.addToGroup(key, to.name);
            if (!copy) intended.removeFromGroup(key, from.name);
          };
          // What the user is told is what the drill believes: the message names the part made.
          applyPart = (message) => {
            if (message.includes(`added to “${groupName(to.id)}” but is still in “${groupName(from.id)}”`))
              intended.addToGroup(key, to.name);
            else if (message.includes(`taken out of “${groupName(from.id)}” but not added to`))
              intended.removeFromGroup(key, from.name);
            else throw new Error(`edit ${i}: unexpected partial message: ${message}`);
          };
          break;
        }
      }

      let outcome: Outcome;
      let detail = '';
      try {
        await call();
        outcome = 'ok';
        apply();
      } catch (err) {
        const e = err as { code?: string; message?: string };
        detail = `${e.code ?? ''}: ${e.message ?? ''}`;
        if (e.code === 'EditPartlyApplied') {
          outcome = 'partly-made';
          applyPart(e.message ?? '');
        } else outcome = 'not-made';
      }
      outcomes[outcome]++;
      // The truth check, after every edit: the server holds exactly what the user was told.
      expect(plain(serverShape(sim)), `edit ${i} (${kind}) reported ${outcome} ${detail}`).toEqual(
        plain(intended.shape),
      );
    }

    // The end: faults off, the list the app shows is the server's, which is the intended one.
    const log = sim.control.requestLog();
    sim.control.resetFaults();
    const final = await service.refreshContactList();
    expect(final.offline).toBe(false);
    expect(plain(listShape(final))).toEqual(plain(serverShape(sim)));
    expect(plain(serverShape(sim))).toEqual(plain(intended.shape));

    const writes = /^(Add|Set|Remove)/;
    const busy = log.filter((e) => e.fault === 'serverBusy').length;
    const drops = log.filter((e) => e.fault === 'drop');
    const droppedWrites = drops.filter((e) => writes.test(e.operation ?? '')).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `fault drill: ${EDITS} edits (${outcomes.ok} done, ${outcomes['not-made']} not made, ` +
        `${outcomes['partly-made']} partly made), ${log.length} EWS requests, ${busy} ErrorServerBusy, ` +
        `${drops.length} dropped answers (${droppedWrites} of them writes already applied), ${seconds} s`,
    );
    // The drill is only worth something if the faults hit edits.
    expect(busy).toBeGreaterThan(20);
    expect(droppedWrites).toBeGreaterThan(0);
    expect(outcomes.ok).toBeGreaterThanOrEqual(EDITS * 0.8);
  }, 60_000);
});
