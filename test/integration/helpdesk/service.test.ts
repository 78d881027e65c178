/**
 * The help-desk checks against built-in Exchange people in each state: migrated and complete
 * (alice, Hélène), not migrated (dave), partially migrated with losses (bob), near and over the
 * limit, no photo (helpdesk), and a signed-in account without the impersonation right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSimHandle } from '../../../main/exchange-sim/server';
import type { Transport } from '../../../main/exchange/transport';
import type {
  BatchReport,
  CheckId,
  CheckStatus,
  HelpdeskService,
  UserReport,
} from '../../../main/services/helpdesk';
import { alice, bob, dave, exportOf, helene, helpdesk, makeHelpdesk, startSim } from './helpers';

let sim: ExchangeSimHandle;
let service: HelpdeskService;
let transport: Transport;
let batch: BatchReport;

const statusOf = (r: UserReport | undefined, id: CheckId): CheckStatus | undefined =>
  r?.checks.find((c) => c.id === id)?.status;
const byUser = (smtp: string): UserReport | undefined => batch.users.find((u) => u.user === smtp);

beforeAll(async () => {
  sim = await startSim(60);
  ({ service, transport } = makeHelpdesk(sim));
  batch = await service.verify(
    { email: helpdesk.smtp, password: helpdesk.password },
    [alice, bob, dave, helpdesk, helene].map((a) => ({ email: a.smtp, export: exportOf(sim, a.smtp) })),
  );
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});

describe('verify-ucs service, one help-desk sign-in, users by impersonation', () => {
  it('lists every check once per user, in the documented order, with evidence', () => {
    for (const u of batch.users) {
      expect(u.schemaVersion).toBe(1);
      expect(u.checks.map((c) => c.id)).toEqual([
        'autodiscover',
        'ews-version',
        'sign-in',
        'mailbox-access',
        'lync-contacts-folder',
        'ucs-list',
        'contact-limit',
        'photo',
        'free-busy',
        'history-folder',
        'voicemail-folder',
        'migration',
        'comparison',
      ]);
      expect(u.checks.filter((c) => c.evidence === '')).toEqual([]);
      // A warning or a failure always says what to do next.
      expect(u.checks.filter((c) => c.status !== 'pass' && c.nextStep === '')).toEqual([]);
    }
    expect(batch.summary).toEqual({ total: 5, pass: 2, warn: 1, fail: 2 });
  });

  it('migrated and complete (alice): every check passes, nothing lost', () => {
    const a = byUser(alice.smtp);
    expect(a?.verdict).toBe('pass');
    expect(a?.displayName).toBe('Alice Martin');
    expect(a?.server.version).toMatch(/^15\./);
    expect(a?.comparison?.nothingLost).toBe(true);
    const person = sim.control.person(alice.smtp);
    expect(a?.counts?.contacts).toBe(person?.imList.personas.length);
    expect(a?.counts?.telephoneOnly).toBe(3);
    expect(a?.counts?.distributionGroups).toBe(2);
    expect(a?.checks.find((c) => c.id === 'photo')?.evidence).toContain('648×648 JPEG');
  });

  it('partially migrated (bob): the comparison fails and names exactly the lost contacts', () => {
    const b = byUser(bob.smtp);
    expect(b?.verdict).toBe('fail');
    expect(statusOf(b, 'migration')).toBe('pass');
    expect(statusOf(b, 'comparison')).toBe('fail');
    const person = sim.control.person(bob.smtp);
    const inUcs = new Set(
      person?.imList.personas.map((p) => (p.imAddress ?? p.telUri ?? '').replace(/^sip:/, '')),
    );
    const lost = person?.lync.contacts
      .map((c) => c.sipUri.replace(/^sip:/, ''))
      .filter((a) => !inUcs.has(a))
      .sort();
    expect(lost?.length).toBeGreaterThan(0);
    expect(b?.comparison?.missingContacts.map((c) => c.address.replace(/^tel:/, 'tel:')).sort()).toEqual(
      lost,
    );
    expect(b?.checks.find((c) => c.id === 'photo')?.evidence).toContain('648×480');
  });

  it('not migrated (dave): no Lync Contacts folder, empty UCS while the export has contacts', () => {
    const d = byUser(dave.smtp);
    expect(d?.verdict).toBe('fail');
    expect(statusOf(d, 'lync-contacts-folder')).toBe('fail');
    expect(statusOf(d, 'migration')).toBe('fail');
    expect(d?.checks.find((c) => c.id === 'migration')?.evidence).toContain('Not migrated');
    expect(d?.counts?.contacts).toBe(0);
    expect(statusOf(d, 'photo')).toBe('warn'); // 96×96
  });

  it('no photo (helpdesk): a warning, not a failure; own mailbox without impersonation', () => {
    const h = byUser(helpdesk.smtp);
    expect(h?.verdict).toBe('warn');
    expect(statusOf(h, 'photo')).toBe('warn');
    expect(h?.checks.find((c) => c.id === 'mailbox-access')?.evidence).toContain('Own mailbox');
  });

  it('without an export the comparison warns, and a not-migrated user still looks not migrated', async () => {
    const r = await service.verify({ email: helpdesk.smtp, password: helpdesk.password }, [
      { email: alice.smtp },
      { email: dave.smtp },
    ]);
    expect(r.users.map((u) => u.verdict)).toEqual(['warn', 'fail']);
    expect(statusOf(r.users[0], 'comparison')).toBe('warn');
    expect(r.users[1]?.checks.find((c) => c.id === 'migration')?.evidence).toContain('Looks not migrated');
  });

  it('an export for someone else, or a broken one, fails the comparison with a clear reason', async () => {
    const r = await service.verify({ email: helpdesk.smtp, password: helpdesk.password }, [
      { email: alice.smtp, export: exportOf(sim, bob.smtp) },
      { email: alice.smtp, export: { file: 'x.zip', bytes: new Uint8Array([1, 2, 3]) } },
    ]);
    expect(r.users[0]?.checks.find((c) => c.id === 'comparison')?.evidence).toContain(
      'not for alice@contoso.test',
    );
    expect(r.users[1]?.checks.find((c) => c.id === 'comparison')?.evidence).toContain('not a zip');
    expect(r.users.every((u) => statusOf(u, 'comparison') === 'fail')).toBe(true);
  });

  it('a signed-in account without the impersonation right: mailbox access fails, the rest is not claimed', async () => {
    const r = await service.verify({ email: bob.smtp, password: bob.password }, [{ email: alice.smtp }]);
    const u = r.users[0];
    expect(u?.verdict).toBe('fail');
    expect(statusOf(u, 'sign-in')).toBe('pass');
    const access = u?.checks.find((c) => c.id === 'mailbox-access');
    expect(access?.status).toBe('fail');
    expect(access?.evidence).toContain('ErrorImpersonateUserDenied');
    expect(access?.nextStep).toContain('ApplicationImpersonation');
    expect(statusOf(u, 'ucs-list')).toBe('fail');
    expect(u?.counts).toBeUndefined();
  });

  it('a wrong password fails sign-in for every user and nothing else is claimed', async () => {
    const r = await service.verify({ email: helpdesk.smtp, password: 'wrong' }, [
      { email: alice.smtp },
      { email: bob.smtp },
    ]);
    for (const u of r.users) {
      expect(statusOf(u, 'sign-in')).toBe('fail');
      expect(u.checks.filter((c) => c.status === 'pass')).toEqual([]);
      expect(JSON.stringify(u)).not.toContain('wrong');
    }
  });

  it('near the limit warns, over it fails', async () => {
    const pad = (count: number) =>
      sim.control.mutate((org) => {
        const p = org.people.find((x) => x.smtp === helene.smtp);
        if (!p) throw new Error('no helene');
        const other = p.imList.groups.find((g) => g.type === 'OtherContacts');
        while (p.imList.personas.length < count) {
          const id = `pad-${p.imList.personas.length}`;
          p.imList.personas.push({ id, displayName: `Pad ${id}`, imAddress: `sip:${id}@fabrikam.example` });
          other?.memberIds.push(id);
        }
      });
    pad(950);
    const near = await service.verify({ email: helpdesk.smtp, password: helpdesk.password }, [
      { email: helene.smtp },
    ]);
    expect(near.users[0]?.counts?.contacts).toBe(950);
    expect(statusOf(near.users[0], 'contact-limit')).toBe('warn');
    pad(1005);
    const over = await service.verify({ email: helpdesk.smtp, password: helpdesk.password }, [
      { email: helene.smtp },
    ]);
    expect(statusOf(over.users[0], 'contact-limit')).toBe('fail');
    expect(over.users[0]?.verdict).toBe('fail');
  });
});

describe('on an existing sign-in (the app)', () => {
  it('verifyWith checks users on the signed-in client and leaves it open; canImpersonate tells who may', async () => {
    const { signIn } = await import('../../../main/exchange/client');
    const signInAs = (a: { smtp: string; password: string }) =>
      signIn({
        email: a.smtp,
        password: a.password,
        transport,
        retry: { maxAttempts: 1 },
        resolveSrv: () => Promise.resolve([]),
      });
    const desk = await signInAs(helpdesk);
    const plain = await signInAs(bob);
    try {
      expect(await service.canImpersonate(desk.client)).toBe(true);
      expect(await service.canImpersonate(plain.client)).toBe(false);
      const r = await service.verifyWith(desk.client, [
        { email: alice.smtp, export: exportOf(sim, alice.smtp) },
        { email: dave.smtp },
      ]);
      expect(r.checkedBy).toBe(helpdesk.smtp);
      expect(r.users.map((u) => u.verdict)).toEqual(['pass', 'fail']);
      // Still usable afterwards: the service closed only what it opened.
      expect((await desk.client.whoami()).smtp).toBe(helpdesk.smtp);
    } finally {
      await desk.client.close();
      await plain.client.close();
    }
  });
});
