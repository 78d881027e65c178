/**
 * Edits whose answer is lost after Exchange applied them (the connection drops mid-response): the
 * user must be told what actually happened, and the list must stay usable. The drop is placed on
 * one exact request by choosing the fault seed whose decision stream drops it and nothing else.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContactList, Group } from '../../../preload/contract';
import type { ExchangeClient } from '../../../main/exchange/client';
import { Faults, type FaultPlan } from '../../../main/exchange-sim/faults';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import { ALICE, makeService, operations, signInAlice, startSim, type Harness } from './helpers';

let sim: ExchangeSimHandle;
let client: ExchangeClient;
let h: Harness;

const DROP_RATE = 0.3;

/**
 * The first fault seed whose stream answers the first `pattern.length` EWS requests as given
 * ('drop' or 'none'), then leaves the next 8 alone (room for a reconnect and the re-read).
 */
function seedFor(pattern: Array<FaultPlan['response']>): number {
  const want = [...pattern, ...Array<FaultPlan['response']>(8).fill('none')];
  for (let seed = 1; seed < 1_000_000; seed++) {
    const f = new Faults({ seed, dropRate: DROP_RATE });
    if (want.every((w) => f.planEws().response === w)) return seed;
  }
  throw new Error('no seed found');
}

/** Runs `edit` with the server dropping its answers as `pattern` says, then no faults. */
async function withDrops<T>(pattern: Array<FaultPlan['response']>, edit: () => Promise<T>): Promise<T> {
  sim.control.setFaults({ seed: seedFor(pattern), dropRate: DROP_RATE });
  sim.control.clearRequestLog();
  try {
    return await edit();
  } finally {
    sim.control.resetFaults();
  }
}

const dropped = (): string[] =>
  sim.control
    .requestLog()
    .filter((e) => e.fault === 'drop')
    .map((e) => e.operation ?? '');

const groupNamed = (l: ContactList, name: string): Group | undefined => l.groups.find((x) => x.name === name);

beforeAll(async () => {
  sim = await startSim(60);
  client = await signInAlice(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(async () => {
  h = makeService(client);
  await h.service.start(client);
});

describe('an edit whose answer was lost after the server applied it', () => {
  it('RemoveContactFromImList: reported done, the contact is gone, and adding it back works', async () => {
    const list = await h.service.getContactList();
    const victim = list.contacts.find((c) => c.email !== undefined);
    if (!victim?.email) throw new Error('no directory contact in the list');

    const after = await withDrops(['drop'], () => h.service.removeContact({ contactId: victim.id }));
    expect(dropped()).toEqual(['RemoveContactFromImList']);
    // Sent once: a write whose outcome is unknown is never sent again blindly.
    expect(operations(sim).filter((o) => o === 'RemoveContactFromImList')).toHaveLength(1);
    expect(after.contacts.some((c) => c.id === victim.id)).toBe(false);
    expect(after.offline).toBe(false);
    expect(h.events.at(-1)?.contacts.some((c) => c.id === victim.id)).toBe(false);
    expect(sim.control.person(ALICE.smtp)?.imList.personas.some((p) => p.id === victim.id)).toBe(false);

    const back = await h.service.addContact({ source: { kind: 'directory', email: victim.email } });
    expect(back.contacts.some((c) => c.email === victim.email)).toBe(true);
  });

  it('AddImGroup: reported done with the server’s list, which stays editable', async () => {
    const after = await withDrops(['drop'], () => h.service.createGroup({ name: 'Lost answer' }));
    expect(dropped()).toEqual(['AddImGroup']);
    const g = groupNamed(after, 'Lost answer');
    expect(g?.kind).toBe('user');
    expect(after.offline).toBe(false);
    expect(
      sim.control.person(ALICE.smtp)?.imList.groups.filter((x) => x.displayName === 'Lost answer'),
    ).toHaveLength(1);
    const renamed = await h.service.renameGroup({ groupId: g?.id ?? '', name: 'Found answer' });
    expect(groupNamed(renamed, 'Found answer')?.id).toBe(g?.id);
  });

  it('AddNewImContactToGroup: reported done, the contact is in the group once', async () => {
    const g = groupNamed(await h.service.createGroup({ name: 'Lost partners' }), 'Lost partners');
    const after = await withDrops(['drop'], () =>
      h.service.addContact({
        groupId: g?.id,
        source: { kind: 'im', imAddress: 'sip:lost@fabrikam.example' },
      }),
    );
    expect(dropped()).toEqual(['AddNewImContactToGroup']);
    const added = after.contacts.filter((c) => c.imAddress === 'lost@fabrikam.example');
    expect(added).toHaveLength(1);
    expect(added[0]?.groupIds).toEqual([g?.id]);
    expect(after.offline).toBe(false);
  });

  it('a move whose second step (out of the source group) lost its answer is reported done', async () => {
    const list = await h.service.createGroup({ name: 'Move here' });
    const to = groupNamed(list, 'Move here');
    const from = list.groups.find((x) => x.kind === 'user' && x.memberIds.length > 0 && x.id !== to?.id);
    const contactId = from?.memberIds[0] ?? '';
    const after = await withDrops(['none', 'drop'], () =>
      h.service.moveContact({ contactId, fromGroupId: from?.id ?? '', toGroupId: to?.id ?? '', copy: false }),
    );
    expect(dropped()).toEqual(['RemoveImContactFromGroup']);
    const groupIds = after.contacts.find((c) => c.id === contactId)?.groupIds ?? [];
    expect(groupIds).toContain(to?.id);
    expect(groupIds).not.toContain(from?.id);
  });

  it('a move whose first step lost its answer says which part was done', async () => {
    const list = await h.service.createGroup({ name: 'Half way' });
    const to = groupNamed(list, 'Half way');
    const from = list.groups.find((x) => x.kind === 'user' && x.memberIds.length > 0 && x.id !== to?.id);
    const contactId = from?.memberIds[0] ?? '';
    await expect(
      withDrops(['drop'], () =>
        h.service.moveContact({
          contactId,
          fromGroupId: from?.id ?? '',
          toGroupId: to?.id ?? '',
          copy: false,
        }),
      ),
    ).rejects.toMatchObject({ kind: 'network', code: 'EditPartlyApplied' });
    // The list shown is the server's: the contact is in both groups, as the message says.
    const shown = h.events.at(-1);
    expect(shown?.contacts.find((c) => c.id === contactId)?.groupIds).toEqual(
      expect.arrayContaining([from?.id, to?.id]),
    );
    expect(shown?.offline).toBe(false);
  });
});
