import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelResponse, HelpdeskUserReport, Result } from '../../../preload/contract';
import { parseUserList, ticketSummary } from '../../../renderer/helpdesk-model';
import { i18next } from '../../../renderer/i18n';
import { ok, workAccount } from './fake-roster';
import { fromMain, renderApp } from './render';

const signedIn = { status: 'signed-in' as const, account: workAccount, vault: 'os' as const };

function report(user: string, verdict: 'pass' | 'warn' | 'fail'): HelpdeskUserReport {
  return {
    schemaVersion: 1,
    user,
    displayName: 'Dave Thompson',
    checkedAt: '2026-11-30T09:15:00.000Z',
    checkedBy: 'helpdesk@contoso.test',
    server: { ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx', version: '15.1.2507.6' },
    verdict,
    checks: [
      { id: 'ucs-list', title: 'x', status: 'pass', evidence: 'The list loads: 0 contact(s).', nextStep: '' },
      {
        id: 'migration',
        title: 'x',
        status: verdict === 'fail' ? 'fail' : 'pass',
        evidence:
          'Not migrated: the Unified Contact Store is empty while the Lync export holds 15 contact(s).',
        nextStep: 'Check the user services policy.',
      },
    ],
    counts: { groups: 2, contacts: 0, telephoneOnly: 0, distributionGroups: 0 },
    comparison: {
      missingContacts: [
        { address: 'bob@contoso.test', displayName: 'Bob', groups: ['Team'], telephoneOnly: false },
      ],
      missingGroups: ['Team'],
      extraContacts: [],
      extraGroups: [],
      changedGroups: [],
      telephoneMatched: 0,
      matched: 0,
      nothingLost: false,
    },
  };
}

describe('help desk view', () => {
  it('is not offered to an account without the impersonation right', async () => {
    const { roster } = renderApp({ session: signedIn });
    await screen.findByRole('button', { name: 'Sign out' });
    await waitFor(() => expect(roster.api.getHelpdeskAccess).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Help desk' })).toBeNull();
  });

  it('runs the checks for one user, shows them live, then the verdict, the comparison and the summary', async () => {
    let answer: (r: Result<ChannelResponse<'verifyUcs'>>) => void = () => undefined;
    const { roster } = renderApp({
      session: signedIn,
      helpdeskAllowed: true,
      verifyUcs: () => new Promise((resolve) => (answer = resolve)),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Help desk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Help desk: check a UCS migration' });
    fireEvent.change(within(dialog).getByLabelText('User’s e-mail address'), {
      target: { value: 'dave@contoso.test' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run the checks' }));
    await waitFor(() =>
      expect(roster.api.verifyUcs).toHaveBeenCalledWith({ users: [{ email: 'dave@contoso.test' }] }),
    );
    expect(within(dialog).getByRole('status').textContent).toContain('Checking… 0 of 1 users');
    expect(within(dialog).getByText('Waiting')).toBeTruthy();

    const r = report('dave@contoso.test', 'fail');
    await fromMain(() =>
      roster.emit('helpdeskProgress', { user: 'dave@contoso.test', done: 0, total: 1, check: r.checks[1] }),
    );
    expect(within(dialog).getByText(/1\/11: List moved to Exchange/)).toBeTruthy();

    await fromMain(() =>
      answer(
        ok({
          report: {
            schemaVersion: 1,
            checkedAt: r.checkedAt,
            checkedBy: r.checkedBy,
            summary: { total: 1, pass: 0, warn: 0, fail: 1 },
            users: [r],
          },
          html: '<!DOCTYPE html><title>x</title>',
        }),
      ),
    );
    await waitFor(() => expect(within(dialog).getAllByRole('cell')[0]?.textContent).toBe('Fail'));
    fireEvent.click(within(dialog).getByText('Dave Thompson <dave@contoso.test>'));
    expect(within(dialog).getByText(/Not migrated: the Unified Contact Store is empty/)).toBeTruthy();
    expect(within(dialog).getByText('Missing in Exchange: 2')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Save the report (HTML)' })).toBeTruthy();

    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy the summary (Français)' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(String((writeText.mock.calls[0] as unknown[])[0])).toContain(
      'Vérification de la migration UCS de Dave Thompson',
    );
  });

  it('a list with a bad line is refused before anything runs', async () => {
    const { roster } = renderApp({ session: signedIn, helpdeskAllowed: true });
    fireEvent.click(await screen.findByRole('button', { name: 'Help desk' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Or a list of users/), {
      target: { value: 'alice@contoso.test\nbob\n' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run the checks' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('2: bob');
    expect(roster.api.verifyUcs).not.toHaveBeenCalled();
  });
});

describe('help desk model', () => {
  it('reads a list: header, comments, duplicates, bad lines', () => {
    expect(
      parseUserList(
        'user,export\nalice@contoso.test,a.zip\n# x\nALICE@contoso.test\nsip:bob@contoso.test\n\nnope\n',
      ),
    ).toEqual({
      emails: ['alice@contoso.test', 'bob@contoso.test'],
      errors: ['7: nope'],
    });
  });
  it('writes the ticket summary in the language asked for', () => {
    const r = report('dave@contoso.test', 'fail');
    expect(ticketSummary(r, i18next.getFixedT('en'))).toBe(
      'UCS migration check for Dave Thompson <dave@contoso.test> on 2026-11-30 09:15 UTC by helpdesk@contoso.test: Fail. 0 contact(s) in 2 group(s) in Exchange. Against the Lync export, 1 contact(s) and 1 group(s) are missing. Failed: List moved to Exchange.',
    );
    expect(ticketSummary(r, i18next.getFixedT('fr'))).toContain('En échec : Liste passée dans Exchange.');
  });
});
