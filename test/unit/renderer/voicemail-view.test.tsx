/**
 * Voice mail as the user sees it (issue 23): the header's Voice mail view behind the pilot switch,
 * each message's caller, time, length, transcription and heard state in words, the player on the
 * shell's own route, playing marking it heard, mark heard/unheard, delete after a confirmation
 * with focus handled, and the missed-call badge on the caller's contact row. The fake bridge has
 * no rules of its own: every answer below is the test's.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelRequest, VoicemailEntry, VoicemailPage } from '../../../preload/contract';
import { voicemailAudioUrl } from '../../../preload/contract';
import { fail, featuresSnapshot, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { fromMain, renderApp } from './render';

const fromHelene: VoicemailEntry = {
  id: 'AAMk/vm+1==',
  caller: {
    name: 'Hélène Dubois',
    email: 'helene.dubois@contoso.example',
    phone: '+33 1 23 45 67 89',
    contact: { email: 'helene.dubois@contoso.example', displayName: 'Hélène Dubois' },
  },
  at: '2026-11-29T14:05:00.000Z',
  durationSeconds: 65,
  transcription: 'Hi, it is Hélène, call me back about the launch.',
  unread: true,
};
const fromHelene2: VoicemailEntry = {
  ...fromHelene,
  id: 'vm-2',
  at: '2026-11-28T10:00:00.000Z',
  durationSeconds: 12,
  transcription: 'Me again.',
};
const outside: VoicemailEntry = {
  id: 'vm-3',
  caller: { name: '+1 425 555 0142', phone: '+1 425 555 0142' },
  at: '2026-11-27T09:00:00.000Z',
  durationSeconds: 7,
  unread: false,
};
const page = (entries: VoicemailEntry[]): VoicemailPage => ({ entries, total: entries.length });

/** Main's mailbox as the test scripts it: the list answers what `box` holds now. */
function mailbox(entries: VoicemailEntry[]) {
  let box = [...entries];
  const voicemail: NonNullable<FakeRosterOptions['voicemail']> = {
    listVoicemail: () => Promise.resolve(ok(page(box))),
    setVoicemailRead: ({ id, read }: ChannelRequest<'setVoicemailRead'>) => {
      box = box.map((e) => (e.id === id ? { ...e, unread: !read } : e));
      return Promise.resolve(ok({ id, unread: !read }));
    },
    deleteVoicemail: ({ id }: ChannelRequest<'deleteVoicemail'>) => {
      box = box.filter((e) => e.id !== id);
      return Promise.resolve(ok({ deleted: true as const }));
    },
  };
  return voicemail;
}

async function signedIn(options: FakeRosterOptions = {}, listLabel = 'Contact list') {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    voicemail: mailbox([fromHelene, fromHelene2, outside]),
    ...options,
  });
  await screen.findByRole('tree', { name: listLabel });
  return rendered;
}

async function openVoicemail() {
  fireEvent.click(await screen.findByRole('button', { name: /^Voice mail/ }));
  const pane = within(await screen.findByRole('main', { name: 'Voice mail' }));
  await pane.findByRole('heading', { name: 'Voice mail', level: 1 });
  return pane;
}

const item = (name: RegExp) => within(screen.getAllByRole('article', { name })[0]!);

describe('voice mail in the window', () => {
  it('is not offered while the pilot is off, and nothing is asked of main', async () => {
    const { roster } = await signedIn({ features: featuresSnapshot({ off: ['voicemail'] }) });
    expect(screen.queryByRole('button', { name: /^Voice mail/ })).toBeNull();
    expect(roster.api.listVoicemail).not.toHaveBeenCalled();
    expect(screen.queryByText(/unheard voice mail/)).toBeNull();
  });

  it('lists caller, time, length, transcription and heard state in words; the heading takes focus', async () => {
    await signedIn();
    // The header says how many are unheard.
    expect(await screen.findByRole('button', { name: 'Voice mail, 2 unheard' })).toBeTruthy();
    const pane = await openVoicemail();
    expect(document.activeElement?.textContent).toBe('Voice mail');
    const first = item(/^Hélène Dubois Unheard$/);
    expect(first.getByText('Hi, it is Hélène, call me back about the launch.')).toBeTruthy();
    expect(first.getByText('Length: 1 minute 5 seconds')).toBeTruthy();
    expect(first.getByText('1:05')).toBeTruthy();
    expect(first.getByText('Number: +33 1 23 45 67 89')).toBeTruthy();
    const article = pane.getAllByRole('article', { name: /^Hélène Dubois Unheard$/ })[0];
    expect(article?.querySelector('time')?.getAttribute('datetime')).toBe(fromHelene.at);
    const other = item(/^\+1 425 555 0142 Heard$/);
    expect(other.getByText('No transcription.')).toBeTruthy();
    // The number is the name here: not said twice.
    expect(other.queryByText(/^Number:/)).toBeNull();
  });

  it('plays from the shell’s own route, and playing marks the message heard', async () => {
    const { roster } = await signedIn();
    const pane = await openVoicemail();
    const first = item(/^Hélène Dubois Unheard$/);
    const player = first.getByLabelText('Recording of the voice mail from Hélène Dubois');
    expect(player.tagName).toBe('AUDIO');
    expect(player.getAttribute('src')).toBe(voicemailAudioUrl(fromHelene.id));
    expect(player.getAttribute('src')).toBe('./voicemail/AAMk%2Fvm%2B1%3D%3D/audio');
    expect(player.hasAttribute('controls')).toBe(true);
    await act(async () => {
      fireEvent.play(player);
      await Promise.resolve();
    });
    expect(roster.api.setVoicemailRead).toHaveBeenCalledWith({ id: fromHelene.id, read: true });
    await waitFor(() =>
      expect(pane.getAllByRole('article', { name: /^Hélène Dubois Heard$/ })).toHaveLength(1),
    );
    expect(screen.getByRole('button', { name: 'Voice mail, 1 unheard' })).toBeTruthy();
    // Playing a heard one asks nothing more.
    await act(async () => {
      fireEvent.play(item(/^\+1 425/).getByLabelText(/^Recording/));
      await Promise.resolve();
    });
    expect(roster.api.setVoicemailRead).toHaveBeenCalledTimes(1);
  });

  it('says when a recording cannot be played', async () => {
    await signedIn();
    await openVoicemail();
    const first = item(/^Hélène Dubois Unheard$/);
    fireEvent.error(first.getByLabelText(/^Recording/));
    expect((await first.findByRole('alert')).textContent).toContain('can’t be played here');
  });

  it('marks heard and unheard with main’s answer; a refusal is shown', async () => {
    const { roster } = await signedIn();
    const pane = await openVoicemail();
    fireEvent.click(
      item(/^\+1 425/).getByRole('button', {
        name: 'Mark as unheard: voice mail from +1 425 555 0142',
      }),
    );
    await waitFor(() =>
      expect(pane.getAllByRole('article', { name: /^\+1 425 555 0142 Unheard$/ })).toHaveLength(1),
    );
    expect(roster.api.setVoicemailRead).toHaveBeenLastCalledWith({ id: 'vm-3', read: false });
    roster.api.setVoicemailRead.mockImplementationOnce(() =>
      Promise.resolve(fail({ kind: 'network', message: 'The server did not answer.' })),
    );
    fireEvent.click(pane.getAllByRole('button', { name: /^Mark as heard: voice mail from Hélène/ })[0]!);
    expect(await screen.findByText('The server did not answer.', { exact: false })).toBeTruthy();
    expect(pane.getAllByRole('article', { name: /^Hélène Dubois Unheard$/ })).toHaveLength(2);
  });

  it('deletes after a confirmation, focus going to the next message; cancelling keeps it', async () => {
    const { roster } = await signedIn();
    const pane = await openVoicemail();
    const deleteFirst = pane.getAllByRole('button', {
      name: 'Delete the voice mail from Hélène Dubois…',
    })[0]!;
    deleteFirst.focus();
    fireEvent.click(deleteFirst);
    let dialog = within(
      await screen.findByRole('dialog', { name: 'Delete the voice mail from Hélène Dubois?' }),
    );
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(roster.api.deleteVoicemail).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(deleteFirst);

    fireEvent.click(deleteFirst);
    dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(roster.api.deleteVoicemail).toHaveBeenCalledWith({ id: fromHelene.id });
    await waitFor(() => expect(pane.getAllByRole('article')).toHaveLength(2));
    // Focus is on the message that took its place (the second from Hélène), not lost to the body.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Hélène Dubois'));
    expect(document.activeElement?.tagName).toBe('H2');
  });

  it('shows a missed-call badge with its words on the caller’s contact row, following main', async () => {
    const { roster } = await signedIn();
    const row = (await screen.findAllByRole('treeitem', { name: /^Hélène Dubois/ }))[0]!;
    await waitFor(() => expect(row.getAttribute('aria-labelledby')).toMatch(/-vm$/));
    expect(within(row).getByText('2 unheard voice mails')).toBeTruthy();
    expect(within(row).getByTitle('2 unheard voice mails')).toBeTruthy();
    // Other contacts: no badge.
    const bob = screen.getAllByRole('treeitem', { name: /^Bob Martin/ })[0]!;
    expect(within(bob).queryByText(/unheard voice mail/)).toBeNull();
    // Heard elsewhere: main says so, the list reloads, the badge goes.
    roster.api.listVoicemail.mockImplementation(() =>
      Promise.resolve(
        ok(page([{ ...fromHelene, unread: false }, { ...fromHelene2, unread: false }, outside])),
      ),
    );
    await fromMain(() => roster.emit('voicemailChanged', {}));
    await waitFor(() => expect(within(row).queryByText(/unheard voice mail/)).toBeNull());
  });

  it('closes when a contact is opened, and is gone when the pilot is left', async () => {
    const { roster } = await signedIn();
    await openVoicemail();
    fireEvent.click(screen.getAllByRole('treeitem', { name: /^Bob Martin/ })[0]!);
    expect(await screen.findByRole('main', { name: 'Contact details' })).toBeTruthy();
    await openVoicemail();
    await fromMain(() => roster.setFeatures(featuresSnapshot({ off: ['voicemail'] })));
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Voice mail' })).toBeNull());
    expect(screen.queryByRole('button', { name: /^Voice mail/ })).toBeNull();
    expect(screen.queryByText(/unheard voice mail/)).toBeNull();
  });

  it('speaks French', async () => {
    await signedIn(
      { settings: { language: 'fr', theme: 'system', showPhotos: true, rememberMe: true } },
      'Liste de contacts',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Messagerie vocale, 2 non écoutés' }));
    const pane = within(await screen.findByRole('main', { name: 'Messagerie vocale' }));
    const first = within(pane.getAllByRole('article', { name: /^Hélène Dubois Non écouté$/ })[0]!);
    expect(first.getByText('Durée : 1 minute 5 secondes')).toBeTruthy();
    expect(first.getByRole('button', { name: 'Supprimer le message vocal de Hélène Dubois…' })).toBeTruthy();
    expect(screen.getAllByText('2 messages vocaux non écoutés').length).toBeGreaterThan(0);
  });
});
