/**
 * The scheduler as a user meets it: people chosen in the list (or a group, or a card), "Find a
 * time" with proposals and the day's grid, the grid by keyboard, a time picked by hand and its
 * conflicts, and sending, with the in-person fallback when no online-meeting service answers.
 * Main's answers are the test's (the fake has no rules); times are written with the app's own
 * clock face, so the assertions hold in any time zone.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelResponse, FindTimeResult, Meeting, Result } from '../../../preload/contract';
import { formatDay, formatTime, timeLocale, viewerOffset } from '../../../renderer/presence-model';
import { defaultSettings, fail, ok, workAccount } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';
import { renderApp } from './render';

const face = { locale: timeLocale('en', navigator.languages), offset: viewerOffset };
const hm = (iso: string): string => formatTime(Date.parse(iso), face);
const dayOf = (iso: string): string => formatDay(Date.parse(iso), face);

const BOB = 'bob.martin@contoso.example';
const CHLOE = 'chloe.zhang@contoso.example';
const HELENE = 'helene.dubois@contoso.example';
const hours = [{ start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T17:00:00.000Z' }];

function found(): FindTimeResult {
  const answers = (bob: 'free' | 'maybe') => [
    { email: BOB, required: true, answer: bob },
    { email: CHLOE, required: true, answer: 'free' as const },
    { email: HELENE, required: true, answer: 'free' as const },
  ];
  return {
    slots: [
      {
        start: '2026-12-01T09:00:00.000Z',
        end: '2026-12-01T09:30:00.000Z',
        answers: answers('free'),
        requiredMaybe: 0,
        optionalFree: 0,
      },
      {
        start: '2026-12-01T10:00:00.000Z',
        end: '2026-12-01T10:30:00.000Z',
        answers: answers('maybe'),
        requiredMaybe: 1,
        optionalFree: 0,
      },
    ],
    day: { start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
    rows: [
      {
        email: workAccount.email,
        displayName: workAccount.displayName,
        required: true,
        self: true,
        blocks: [],
        workingHours: hours,
      },
      {
        email: BOB,
        displayName: 'Bob Martin',
        required: true,
        self: false,
        blocks: [
          { start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T10:30:00.000Z', busyType: 'Tentative' },
        ],
        workingHours: hours,
      },
      {
        email: CHLOE,
        displayName: 'Chloé Zhang',
        required: true,
        self: false,
        blocks: [],
        workingHours: hours,
      },
      {
        email: HELENE,
        displayName: 'Hélène Dubois',
        required: true,
        self: false,
        blocks: [
          {
            start: '2026-12-01T14:00:00.000Z',
            end: '2026-12-01T15:00:00.000Z',
            busyType: 'Busy',
            subject: 'Budget review',
          },
        ],
        workingHours: hours,
      },
    ],
  };
}

function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm-1',
    changeKey: 'ck-1',
    subject: 'Roadmap',
    start: '2026-12-01T09:00:00.000Z',
    end: '2026-12-01T09:30:00.000Z',
    organizer: { email: workAccount.email, displayName: workAccount.displayName },
    isOrganizer: true,
    myResponse: 'organizer',
    attendees: [],
    joinUrl: 'https://meet.contoso.example/jean/ABC123',
    isAllDay: false,
    isRecurring: false,
    isCancelled: false,
    ...over,
  };
}

type Schedule = (
  r: Parameters<NonNullable<NonNullable<FakeRosterOptions['meetings']>['scheduleMeeting']>>[0],
) => Promise<Result<ChannelResponse<'scheduleMeeting'>>>;
const scheduled: Schedule = (r) =>
  Promise.resolve(
    ok({ meeting: meeting({ subject: r.subject, start: r.start, end: r.end }), online: 'created' }),
  );

async function signedIn(meetings: FakeRosterOptions['meetings'] = {}) {
  const rendered = renderApp({
    session: { status: 'signed-in', account: workAccount, vault: 'os' },
    meetings: {
      findMeetingTime: () => Promise.resolve(ok(found())),
      scheduleMeeting: scheduled,
      ...meetings,
    },
  });
  await screen.findByRole('tree', { name: 'Contact list' });
  return rendered;
}

const row = (name: RegExp) => screen.getAllByRole('treeitem', { name })[0] as HTMLElement;

/** Bob, then Chloé and Hélène with Ctrl, then "Meet (3)": the scheduler. */
async function meetWithThree() {
  fireEvent.click(row(/^Bob Martin/));
  fireEvent.click(row(/^Chloé Zhang/), { ctrlKey: true });
  fireEvent.click(row(/^Hélène Dubois/), { ctrlKey: true });
  fireEvent.click(screen.getByRole('button', { name: 'Meet (3)' }));
  return screen.findByRole('main', { name: 'Schedule a meeting' });
}

const chips = (scheduler: HTMLElement) =>
  within(within(scheduler).getByRole('list', { name: 'Attendees' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('span')?.textContent);

async function findTime(scheduler: HTMLElement) {
  fireEvent.click(within(scheduler).getByRole('button', { name: 'Find a time' }));
  return within(scheduler).findByRole('grid');
}

// A whole window per test on a shared machine: more room than the 5 s default, no timing asserted.
describe('scheduler', { timeout: 30_000 }, () => {
  it('Ctrl-click selects three people, "Meet (3)" opens the scheduler with them as required attendees', async () => {
    await signedIn();
    const tree = screen.getByRole('tree', { name: 'Contact list' });
    expect(tree.getAttribute('aria-multiselectable')).toBe('true');
    fireEvent.click(row(/^Bob Martin/));
    fireEvent.click(row(/^Chloé Zhang/), { ctrlKey: true });
    fireEvent.click(row(/^Hélène Dubois/), { metaKey: true });
    expect(row(/^Bob Martin/).getAttribute('aria-selected')).toBe('true');
    expect(row(/^Chloé Zhang/).getAttribute('aria-selected')).toBe('true');
    expect(row(/^Anna Åberg/).getAttribute('aria-selected')).toBe('false');
    const scheduler = await meetWithThree();
    expect(chips(scheduler)).toEqual(['Bob Martin', 'Chloé Zhang', 'Hélène Dubois']);
    expect(
      within(scheduler).getByRole('button', { name: 'Bob Martin is required. Make optional' }),
    ).toBeTruthy();
  });

  it('the keyboard selects too: Shift+Arrow extends, Ctrl+Space toggles, Escape clears', async () => {
    await signedIn();
    const bob = row(/^Bob Martin/);
    bob.focus();
    fireEvent.keyDown(bob, { key: 'ArrowDown', shiftKey: true });
    expect(screen.getByRole('button', { name: 'Meet (2)' })).toBeTruthy();
    expect(row(/^Chloé Zhang/).getAttribute('aria-selected')).toBe('true');
    const anna = row(/^Anna Åberg/);
    fireEvent.keyDown(anna, { key: ' ', ctrlKey: true });
    expect(screen.getByRole('button', { name: 'Meet (3)' })).toBeTruthy();
    fireEvent.keyDown(anna, { key: 'Escape' });
    expect(screen.queryByRole('button', { name: /^Meet \(/ })).toBeNull();
    expect(bob.getAttribute('aria-selected')).toBe('false');
  });

  it('"Meet with this group" and the card\'s "Schedule a meeting" start from the group or the person', async () => {
    await signedIn();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for group Team' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Meet with this group' }));
    let scheduler = await screen.findByRole('main', { name: 'Schedule a meeting' });
    expect(chips(scheduler)).toEqual(['Bob Martin', 'Chloé Zhang', 'Hélène Dubois']);

    fireEvent.click(row(/^Anna Åberg/));
    const card = await screen.findByRole('main', { name: 'Contact details' });
    fireEvent.click(within(card).getByRole('button', { name: 'Schedule a meeting' }));
    scheduler = await screen.findByRole('main', { name: 'Schedule a meeting' });
    expect(chips(scheduler)).toEqual(['Anna Åberg']);
  });

  it('adds people by directory search or typed address, makes one optional and removes one', async () => {
    const { roster } = await signedIn();
    const scheduler = await meetWithThree();
    const add = within(scheduler).getByRole('searchbox', { name: 'Add people' });
    fireEvent.change(add, { target: { value: 'Helm' } });
    fireEvent.click(await within(scheduler).findByRole('button', { name: 'Add Helmut Schmidt' }));
    fireEvent.change(add, { target: { value: 'guest@fabrikam.example' } });
    fireEvent.keyDown(add, { key: 'Enter' });
    expect(chips(scheduler)).toEqual([
      'Bob Martin',
      'Chloé Zhang',
      'Hélène Dubois',
      'Helmut Schmidt',
      'guest@fabrikam.example',
    ]);
    fireEvent.click(
      within(scheduler).getByRole('button', { name: 'Chloé Zhang is required. Make optional' }),
    );
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Remove Hélène Dubois' }));
    await findTime(scheduler);
    expect(roster.api.findMeetingTime).toHaveBeenLastCalledWith({
      attendees: [
        { email: BOB, displayName: 'Bob Martin', required: true },
        { email: CHLOE, displayName: 'Chloé Zhang', required: false },
        { email: 'helmut.schmidt@contoso.example', displayName: 'Helmut Schmidt', required: true },
        { email: 'guest@fabrikam.example', displayName: '', required: true },
      ],
      durationMinutes: 30,
    });
  });

  it('"Find a time" shows the proposals and the day\'s grid, each cell named', async () => {
    const { roster } = await signedIn();
    const scheduler = await meetWithThree();
    fireEvent.change(within(scheduler).getByRole('combobox', { name: 'Duration' }), {
      target: { value: '60' },
    });
    const grid = await findTime(scheduler);
    expect(roster.api.findMeetingTime).toHaveBeenCalledWith(expect.objectContaining({ durationMinutes: 60 }));

    const proposals = within(within(scheduler).getByRole('list', { name: 'Suggested times' })).getAllByRole(
      'button',
    );
    expect(proposals.map((p) => p.textContent)).toEqual([
      `${dayOf('2026-12-01T09:00:00.000Z')}, ${hm('2026-12-01T09:00:00.000Z')}–${hm('2026-12-01T09:30:00.000Z')}Everyone required is free`,
      `${dayOf('2026-12-01T10:00:00.000Z')}, ${hm('2026-12-01T10:00:00.000Z')}–${hm('2026-12-01T10:30:00.000Z')}Maybe: Bob Martin`,
    ]);

    // Rows: me first, then each attendee with their presence; columns: half hours of their hours.
    const rows = within(grid).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(
      within(grid)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['You', 'Bob Martin', 'Chloé Zhang', 'Hélène Dubois']);
    expect(within(rows[1] as HTMLElement).getAllByRole('gridcell')).toHaveLength(18); // 08:00–17:00
    const busy = within(grid).getByRole('gridcell', {
      name: `Hélène Dubois, ${hm('2026-12-01T14:00:00.000Z')}–${hm('2026-12-01T14:30:00.000Z')}, busy: Budget review`,
    });
    expect(busy.className).toContain('scheduler__cell--Busy');
    expect(
      within(grid).getByRole('gridcell', {
        name: `Bob Martin, ${hm('2026-12-01T10:00:00.000Z')}–${hm('2026-12-01T10:30:00.000Z')}, tentative`,
      }),
    ).toBeTruthy();

    // Picking a proposal outlines its slot (an hour: two half hours) and needs no check.
    fireEvent.click(proposals[0] as HTMLElement);
    expect(proposals[0]?.getAttribute('aria-pressed')).toBe('true');
    const chosen = within(rows[3] as HTMLElement)
      .getAllByRole('gridcell')
      .filter((c) => c.getAttribute('aria-selected') === 'true');
    expect(chosen.map((c) => c.getAttribute('aria-label'))).toEqual([
      `Chloé Zhang, ${hm('2026-12-01T09:00:00.000Z')}–${hm('2026-12-01T09:30:00.000Z')}, free, chosen`,
      `Chloé Zhang, ${hm('2026-12-01T09:30:00.000Z')}–${hm('2026-12-01T10:00:00.000Z')}, free, chosen`,
    ]);
    expect(roster.api.checkMeetingTime).not.toHaveBeenCalled();
  });

  it('the grid moves by arrow keys, and Enter picks a half hour, checked and its conflict named', async () => {
    const { roster } = await signedIn({
      checkMeetingTime: (r) =>
        Promise.resolve(
          ok({
            conflicts:
              r.start === '2026-12-01T14:00:00.000Z'
                ? [
                    {
                      email: HELENE,
                      displayName: 'Hélène Dubois',
                      start: '2026-12-01T14:00:00.000Z',
                      end: '2026-12-01T15:00:00.000Z',
                      busyType: 'Busy' as const,
                    },
                  ]
                : [],
          }),
        ),
    });
    const scheduler = await meetWithThree();
    const grid = await findTime(scheduler);
    const cells = within(grid).getAllByRole('gridcell');
    // One tab stop: the first cell of the first row.
    expect(cells.filter((c) => c.tabIndex === 0)).toEqual([cells[0]]);
    const label = () => document.activeElement?.getAttribute('aria-label');
    act(() => (cells[0] as HTMLElement).focus());
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(label()).toBe(`You, ${hm('2026-12-01T16:30:00.000Z')}–${hm('2026-12-01T17:00:00.000Z')}, free`);
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    for (let i = 0; i < 12; i++) fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    for (let i = 0; i < 3; i++) fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(label()).toBe(
      `Hélène Dubois, ${hm('2026-12-01T14:00:00.000Z')}–${hm('2026-12-01T14:30:00.000Z')}, busy: Budget review`,
    );
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(label()).toBe(
      `Chloé Zhang, ${hm('2026-12-01T13:30:00.000Z')}–${hm('2026-12-01T14:00:00.000Z')}, free`,
    );
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });

    expect(roster.api.checkMeetingTime).toHaveBeenCalledWith({
      attendees: [
        { email: BOB, displayName: 'Bob Martin', required: true },
        { email: CHLOE, displayName: 'Chloé Zhang', required: true },
        { email: HELENE, displayName: 'Hélène Dubois', required: true },
      ],
      start: '2026-12-01T14:00:00.000Z',
      end: '2026-12-01T14:30:00.000Z',
    });
    expect(
      await within(scheduler).findByText(
        `Hélène Dubois is busy ${hm('2026-12-01T14:00:00.000Z')}–${hm('2026-12-01T15:00:00.000Z')}`,
      ),
    ).toBeTruthy();
    // The column picked is outlined in every row.
    expect(
      within(grid)
        .getAllByRole('gridcell')
        .filter((c) => c.getAttribute('aria-selected') === 'true'),
    ).toHaveLength(4);
  });

  it('a date and time typed by hand are checked; no conflict is said too', async () => {
    const { roster } = await signedIn({ checkMeetingTime: () => Promise.resolve(ok({ conflicts: [] })) });
    const scheduler = await meetWithThree();
    fireEvent.change(within(scheduler).getByLabelText('Date'), { target: { value: '2026-12-03' } });
    fireEvent.change(within(scheduler).getByLabelText('Start time'), { target: { value: '11:30' } });
    const start = new Date(2026, 11, 3, 11, 30).toISOString();
    expect(roster.api.checkMeetingTime).toHaveBeenLastCalledWith(
      expect.objectContaining({ start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() }),
    );
    expect(await within(scheduler).findByText('Everyone can come at this time.')).toBeTruthy();
  });

  it('a longer duration for a chosen proposal is checked again', async () => {
    const { roster } = await signedIn({ checkMeetingTime: () => Promise.resolve(ok({ conflicts: [] })) });
    const scheduler = await meetWithThree();
    await findTime(scheduler);
    fireEvent.click(
      within(within(scheduler).getByRole('list', { name: 'Suggested times' })).getAllByRole(
        'button',
      )[0] as HTMLElement,
    );
    expect(roster.api.checkMeetingTime).not.toHaveBeenCalled();
    fireEvent.change(within(scheduler).getByRole('combobox', { name: 'Duration' }), {
      target: { value: '90' },
    });
    expect(roster.api.checkMeetingTime).toHaveBeenCalledWith(
      expect.objectContaining({ start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T10:30:00.000Z' }),
    );
    expect(await within(scheduler).findByText('Everyone can come at this time.')).toBeTruthy();
  });

  it('speaks French', async () => {
    renderApp({
      session: { status: 'signed-in', account: workAccount, vault: 'os' },
      settings: { ...defaultSettings, language: 'fr' },
    });
    await screen.findByRole('tree', { name: 'Liste de contacts' });
    fireEvent.click(row(/^Bob Martin/));
    fireEvent.click(row(/^Chloé Zhang/), { ctrlKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Réunion (2)' }));
    const scheduler = await screen.findByRole('main', { name: 'Planifier une réunion' });
    expect(within(scheduler).getByRole('heading', { name: 'Nouvelle réunion' })).toBeTruthy();
    expect(within(scheduler).getByRole('button', { name: 'Trouver un créneau' })).toBeTruthy();
    expect(
      within(scheduler).getByRole('button', { name: 'Bob Martin est obligatoire. Rendre facultatif' }),
    ).toBeTruthy();
  });

  it('sends the invitation as an online meeting with the meeting options, and shows the join link', async () => {
    const { roster } = await signedIn();
    const scheduler = await meetWithThree();
    // Nothing to send yet: the subject and the time are asked for.
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Send invitation' }));
    expect(within(scheduler).getByText('Enter a subject.')).toBeTruthy();
    expect(roster.api.scheduleMeeting).not.toHaveBeenCalled();

    fireEvent.change(within(scheduler).getByRole('textbox', { name: 'Subject' }), {
      target: { value: 'Roadmap' },
    });
    fireEvent.change(within(scheduler).getByRole('textbox', { name: 'Agenda' }), {
      target: { value: 'Q1 plans' },
    });
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Meeting options' }));
    fireEvent.change(
      within(scheduler).getByRole('combobox', { name: 'These people don’t have to wait in the lobby' }),
      {
        target: { value: 'invited' },
      },
    );
    fireEvent.click(within(scheduler).getByRole('checkbox', { name: /Callers get in directly/ }));
    await findTime(scheduler);
    fireEvent.click(
      within(within(scheduler).getByRole('list', { name: 'Suggested times' })).getAllByRole(
        'button',
      )[0] as HTMLElement,
    );
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Send invitation' }));

    expect(roster.api.scheduleMeeting).toHaveBeenCalledWith({
      attendees: [
        { email: BOB, displayName: 'Bob Martin', required: true },
        { email: CHLOE, displayName: 'Chloé Zhang', required: true },
        { email: HELENE, displayName: 'Hélène Dubois', required: true },
      ],
      subject: 'Roadmap',
      start: '2026-12-01T09:00:00.000Z',
      end: '2026-12-01T09:30:00.000Z',
      agenda: 'Q1 plans',
      online: true,
      options: {
        access: 'invited',
        lobbyBypassForPhoneUsers: true,
        presenters: 'same-enterprise',
        presenterEmails: [],
      },
      language: 'en',
    });
    const sent = await screen.findByRole('heading', { name: 'Invitation sent' });
    const pane = sent.closest('section') as HTMLElement;
    expect(
      within(pane)
        .getByRole('link', { name: 'https://meet.contoso.example/jean/ABC123' })
        .getAttribute('href'),
    ).toBe('https://meet.contoso.example/jean/ABC123');
  });

  it('no online-meeting service: says so, offers the in-person meeting and sends it', async () => {
    const { roster } = await signedIn({
      scheduleMeeting: (r) =>
        r.online === false
          ? Promise.resolve(
              ok({
                meeting: meeting({ subject: r.subject, joinUrl: undefined }),
                online: 'not-requested' as const,
              }),
            )
          : Promise.resolve(
              fail({
                kind: 'unavailable',
                code: 'OnlineMeetingUnavailable',
                message: 'UCWA discovery failed.',
              }),
            ),
    });
    const scheduler = await meetWithThree();
    fireEvent.change(within(scheduler).getByRole('textbox', { name: 'Subject' }), {
      target: { value: 'Roadmap' },
    });
    await findTime(scheduler);
    fireEvent.click(
      within(within(scheduler).getByRole('list', { name: 'Suggested times' })).getAllByRole(
        'button',
      )[0] as HTMLElement,
    );
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Send invitation' }));

    const alert = await within(scheduler).findByRole('alert');
    expect(alert.textContent).toContain('No online-meeting service answered');
    fireEvent.click(within(alert).getByRole('button', { name: 'Send as an in-person meeting' }));
    await screen.findByRole('heading', { name: 'Invitation sent' });
    expect(roster.api.scheduleMeeting).toHaveBeenCalledTimes(2);
    const second = roster.api.scheduleMeeting.mock.calls[1]?.[0];
    expect(second).toEqual({
      ...roster.api.scheduleMeeting.mock.calls[0]?.[0],
      online: false,
      options: undefined,
    });
    expect(second && 'options' in second).toBe(false);
    expect(screen.getByText('The meeting has no join link (in person).')).toBeTruthy();
  });

  it('another failure is explained, and no fallback is offered', async () => {
    await signedIn({
      scheduleMeeting: () =>
        Promise.resolve(fail({ kind: 'server', message: 'The server refused the item.' })),
    });
    const scheduler = await meetWithThree();
    fireEvent.change(within(scheduler).getByRole('textbox', { name: 'Subject' }), {
      target: { value: 'Roadmap' },
    });
    await findTime(scheduler);
    fireEvent.click(
      within(within(scheduler).getByRole('list', { name: 'Suggested times' })).getAllByRole(
        'button',
      )[0] as HTMLElement,
    );
    fireEvent.click(within(scheduler).getByRole('button', { name: 'Send invitation' }));
    await waitFor(() =>
      expect(within(scheduler).getByRole('alert').textContent).toContain('The server refused the item.'),
    );
    expect(within(scheduler).queryByRole('button', { name: 'Send as an in-person meeting' })).toBeNull();
  });
});
