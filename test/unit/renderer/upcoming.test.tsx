/**
 * My upcoming meetings as the user sees them: by day, with time, organiser, answers and "Join" for
 * https links only; cancelling mine and declining others' with a message; reloading when main says
 * the calendar changed; and the banner that offers "Join" from 10 minutes before a meeting, driven
 * by the store's injected clock and fake interval timers.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Meeting } from '../../../preload/contract';
import { App } from '../../../renderer/App';
import { BANNER_TICK_MS } from '../../../renderer/components/MeetingBanner';
import { formatDay, formatTime, timeLocale, viewerOffset } from '../../../renderer/presence-model';
import { createFakeRoster, fail, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { fromMain, renderApp } from './render';

const face = { locale: timeLocale('en', navigator.languages), offset: viewerOffset };
const hm = (iso: string): string => formatTime(Date.parse(iso), face);
const dayOf = (iso: string): string => formatDay(Date.parse(iso), face);
const signedIn = { status: 'signed-in', account: workAccount, vault: 'os' } as const;

function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm-1',
    changeKey: 'ck-1',
    subject: 'Roadmap',
    start: '2026-12-01T10:00:00.000Z',
    end: '2026-12-01T10:30:00.000Z',
    organizer: { email: workAccount.email, displayName: workAccount.displayName },
    isOrganizer: true,
    myResponse: 'organizer',
    attendees: [
      {
        email: 'bob.martin@contoso.example',
        displayName: 'Bob Martin',
        required: true,
        response: 'accepted',
      },
      {
        email: 'chloe.zhang@contoso.example',
        displayName: 'Chloé Zhang',
        required: true,
        response: 'tentative',
      },
      {
        email: 'helene.dubois@contoso.example',
        displayName: 'Hélène Dubois',
        required: true,
        response: 'declined',
      },
      {
        email: 'anna.aberg@contoso.example',
        displayName: 'Anna Åberg',
        required: false,
        response: 'no-response',
      },
    ],
    joinUrl: 'https://meet.contoso.example/jean/ABC123',
    isAllDay: false,
    isRecurring: false,
    isCancelled: false,
    ...over,
  };
}

/** The meeting without one of its optional fields (as main sends it when it has none). */
function without<K extends 'changeKey' | 'joinUrl'>(m: Meeting, key: K): Meeting {
  const copy = { ...m };
  delete copy[key];
  return copy;
}

const bobs = without(
  meeting({
    id: 'm-2',
    subject: 'Budget review',
    start: '2026-12-01T14:00:00.000Z',
    end: '2026-12-01T15:00:00.000Z',
    organizer: { email: 'bob.martin@contoso.example', displayName: 'Bob Martin' },
    isOrganizer: false,
    myResponse: 'accepted',
    attendees: [],
    joinUrl: 'http://meet.contoso.example/bob/PLAIN',
  }),
  'changeKey',
);
const chloes = meeting({
  id: 'm-3',
  subject: 'Design sync',
  start: '2026-12-02T09:00:00.000Z',
  end: '2026-12-02T09:30:00.000Z',
  organizer: { email: 'chloe.zhang@contoso.example', displayName: 'Chloé Zhang' },
  isOrganizer: false,
  myResponse: 'no-response',
  attendees: [],
  joinUrl: 'javascript:alert(1)',
});

const listed = (meetings: Meeting[]) => () =>
  Promise.resolve(ok({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z', meetings }));

async function openUpcoming(meetings: FakeRosterOptions['meetings'] = {}) {
  const rendered = renderApp({
    session: signedIn,
    meetings: { listUpcomingMeetings: listed([meeting(), bobs, chloes]), ...meetings },
  });
  await screen.findByRole('tree', { name: 'Contact list' });
  fireEvent.click(screen.getByRole('button', { name: 'Meetings' }));
  const pane = await screen.findByRole('main', { name: 'Upcoming meetings' });
  await within(pane).findByRole('heading', { name: 'Roadmap' });
  return { ...rendered, pane };
}

const item = (pane: HTMLElement, subject: string) => within(pane).getByRole('article', { name: subject });

describe('upcoming meetings', { timeout: 30_000 }, () => {
  it('lists the next 7 days by day with time, organiser and answers; "Join" only for https links', async () => {
    const { roster, pane } = await openUpcoming();
    expect(roster.api.listUpcomingMeetings).toHaveBeenLastCalledWith({ days: 7 });
    expect(
      within(pane)
        .getAllByRole('heading', { level: 2 })
        .map((h) => h.textContent),
    ).toEqual([dayOf('2026-12-01T10:00:00.000Z'), dayOf('2026-12-02T09:00:00.000Z')]);
    const roadmap = item(pane, 'Roadmap');
    expect(roadmap.textContent).toContain(
      `${hm('2026-12-01T10:00:00.000Z')}–${hm('2026-12-01T10:30:00.000Z')}`,
    );
    expect(roadmap.textContent).toContain('You organise this meeting');
    expect(roadmap.textContent).toContain('1 accepted, 1 tentative, 1 declined, 1 no reply');
    const people = within(roadmap)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(people).toEqual([
      'Bob Martin: Accepted',
      'Chloé Zhang: Tentative',
      'Hélène Dubois: Declined',
      'Anna Åberg (optional): No reply',
    ]);
    const join = within(roadmap).getByRole('link', { name: 'Join “Roadmap”' });
    expect(join.getAttribute('href')).toBe('https://meet.contoso.example/jean/ABC123');
    expect(join.getAttribute('target')).toBe('_blank');
    expect(join.getAttribute('rel')).toContain('noopener');
    expect(within(roadmap).getByRole('button', { name: 'Cancel meeting…' })).toBeTruthy();
    expect(within(roadmap).queryByRole('button', { name: 'Decline…' })).toBeNull();

    const budget = item(pane, 'Budget review');
    expect(budget.textContent).toContain('Organiser: Bob Martin');
    expect(within(budget).queryByRole('link')).toBeNull(); // http: not offered
    expect(within(budget).getByRole('button', { name: 'Decline…' })).toBeTruthy();
    expect(within(budget).queryByRole('button', { name: 'Cancel meeting…' })).toBeNull();
    expect(within(item(pane, 'Design sync')).queryByRole('link')).toBeNull(); // javascript: not offered
  });

  it('"Cancel meeting…" sends my message with the cancellation, then the list reloads', async () => {
    const cancelMeeting = vi.fn(() => Promise.resolve(ok({ cancelled: true as const })));
    const { roster, pane } = await openUpcoming({ cancelMeeting });
    const calls = roster.api.listUpcomingMeetings.mock.calls.length;
    fireEvent.click(within(item(pane, 'Roadmap')).getByRole('button', { name: 'Cancel meeting…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel “Roadmap”?' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Message (optional)' }), {
      target: { value: 'Moved to next week, sorry.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel meeting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(roster.api.cancelMeeting).toHaveBeenCalledWith({
      id: 'm-1',
      changeKey: 'ck-1',
      message: 'Moved to next week, sorry.',
    });
    expect(roster.api.listUpcomingMeetings.mock.calls.length).toBeGreaterThan(calls);
  });

  it('"Decline…" tells the organiser, with my message', async () => {
    const { roster, pane } = await openUpcoming({
      declineMeeting: () => Promise.resolve(ok({ declined: true as const })),
    });
    fireEvent.click(within(item(pane, 'Budget review')).getByRole('button', { name: 'Decline…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline “Budget review”?' });
    expect(dialog.textContent).toContain('Bob Martin gets your answer with your message.');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Message (optional)' }), {
      target: { value: 'On holiday.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(roster.api.declineMeeting).toHaveBeenCalledWith({ id: 'm-2', message: 'On holiday.' });
  });

  it('a refused cancellation is explained and the dialog stays', async () => {
    const { pane } = await openUpcoming({
      cancelMeeting: () =>
        Promise.resolve(fail({ kind: 'server', message: 'The item was changed elsewhere.' })),
    });
    fireEvent.click(within(item(pane, 'Roadmap')).getByRole('button', { name: 'Cancel meeting…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel “Roadmap”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel meeting' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'The item was changed elsewhere.',
    );
  });

  it('reloads when main says my calendar changed', async () => {
    let meetings = [meeting()];
    const { roster, pane } = await openUpcoming({ listUpcomingMeetings: () => listed(meetings)() });
    meetings = [];
    await fromMain(() => roster.emit('meetingsChanged', {}));
    expect(await within(pane).findByText('No meetings in the next 7 days.')).toBeTruthy();
    expect(within(pane).queryByRole('heading', { name: 'Roadmap' })).toBeNull();
  });
});

describe('the "starts soon" banner', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers "Join" from 10 minutes before a meeting with an https link until it ends', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = Date.parse('2026-12-01T09:49:00.000Z');
    const roster = createFakeRoster({
      session: signedIn,
      meetings: {
        listUpcomingMeetings: listed([
          meeting(),
          without(meeting({ id: 'm-9', subject: 'No link', start: '2026-12-01T09:55:00.000Z' }), 'joinUrl'),
        ]),
      },
    });
    render(<App api={roster.api} now={() => now} />);
    await screen.findByRole('tree', { name: 'Contact list' });
    expect(roster.api.listUpcomingMeetings).toHaveBeenCalled();
    await act(async () => {
      await Promise.resolve(); // the list's answer is in the store
    });
    const banner = () => screen.queryByRole('region', { name: 'Meeting starting' });
    expect(banner()).toBeNull(); // 11 minutes before

    const tick = (at: string) =>
      act(() => {
        now = Date.parse(at);
        vi.advanceTimersByTime(BANNER_TICK_MS);
      });
    tick('2026-12-01T09:50:30.000Z');
    expect(banner()?.textContent).toContain(`“Roadmap” starts at ${hm('2026-12-01T10:00:00.000Z')}`);
    expect(
      within(banner() as HTMLElement)
        .getByRole('link', { name: 'Join' })
        .getAttribute('href'),
    ).toBe('https://meet.contoso.example/jean/ABC123');

    tick('2026-12-01T10:05:00.000Z');
    expect(banner()?.textContent).toContain(
      `“Roadmap” is in progress, until ${hm('2026-12-01T10:30:00.000Z')}`,
    );

    tick('2026-12-01T10:30:00.000Z');
    expect(banner()).toBeNull();
  });

  it('reads the list again when it is 5 minutes old, so a meeting made elsewhere gets its banner', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let now = Date.parse('2026-12-01T09:30:00.000Z');
    let meetings: Meeting[] = [];
    const roster = createFakeRoster({
      session: signedIn,
      meetings: { listUpcomingMeetings: () => listed(meetings)() },
    });
    render(<App api={roster.api} now={() => now} />);
    await screen.findByRole('tree', { name: 'Contact list' });
    await act(async () => {
      await Promise.resolve();
    });
    const calls = roster.api.listUpcomingMeetings.mock.calls.length;
    meetings = [meeting()]; // scheduled in Outlook meanwhile
    await act(async () => {
      now = Date.parse('2026-12-01T09:34:00.000Z');
      vi.advanceTimersByTime(BANNER_TICK_MS);
      await Promise.resolve();
    });
    expect(roster.api.listUpcomingMeetings.mock.calls.length).toBe(calls);
    await act(async () => {
      now = Date.parse('2026-12-01T09:51:00.000Z');
      vi.advanceTimersByTime(BANNER_TICK_MS);
      await Promise.resolve();
    });
    expect(roster.api.listUpcomingMeetings.mock.calls.length).toBe(calls + 1);
    expect(await screen.findByRole('region', { name: 'Meeting starting' })).toBeTruthy();
  });

  it('can be dismissed for that meeting', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const now = Date.parse('2026-12-01T09:58:00.000Z');
    const roster = createFakeRoster({
      session: signedIn,
      meetings: { listUpcomingMeetings: listed([meeting()]) },
    });
    render(<App api={roster.api} now={() => now} />);
    const region = await screen.findByRole('region', { name: 'Meeting starting' });
    fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Meeting starting' })).toBeNull();
  });
});
