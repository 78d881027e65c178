import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MEETING_AGENDA, MAX_MEETING_SUBJECT, MAX_SEARCH_QUERY, photoUrl } from '../../preload/contract';
import type {
  DirectoryEntry,
  FindTimeResult,
  MeetingConflict,
  MeetingGridRow,
  MeetingSlot,
  OnlineMeetingOptions,
} from '../../preload/contract';
import { Avatar } from '../components/Avatar';
import { ErrorBanner } from '../components/ErrorBanner';
import { PresenceBadge, useClockface, usePresenceOf } from '../components/PresenceBadge';
import { Spinner } from '../components/Spinner';
import { cellOf, fromWall, gridColumns, isHttpsUrl, overlaps, toWall } from '../meetings-model';
import type { Column } from '../meetings-model';
import { rowPhotoSize } from '../photos';
import { formatDay, formatTime, viewerOffset } from '../presence-model';
import { useRoster } from '../stores';
import type { DraftAttendee } from '../stores/meetings';

/** Durations offered in the list; any other is typed. */
export const DURATIONS = [15, 30, 45, 60, 90, 120] as const;
const MIN_DURATION = 5;
const MAX_DURATION = 480;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The code main gives when no online-meeting service answered (UCWA discovery failed). */
export const ONLINE_UNAVAILABLE_CODE = 'OnlineMeetingUnavailable';

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The scheduler: attendees, subject, duration, agenda, online or in person with Lync's meeting
 * options; "Find a time" shows proposals and the day's grid; a time picked by hand is checked and
 * its conflicts named; "Send invitation" schedules, falling back to an in-person meeting when no
 * online-meeting service answers.
 */
export function Scheduler() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const draft = useRoster((s) => s.meetingDraft);
  const find = useRoster((s) => s.meetingFind);
  const send = useRoster((s) => s.meetingSend);
  const onlineStatus = useRoster((s) => s.onlineMeetingStatus);
  const update = useRoster((s) => s.updateDraft);
  const findTime = useRoster((s) => s.findMeetingTime);
  const sendInvitation = useRoster((s) => s.sendInvitation);
  const showView = useRoster((s) => s.showMeetingView);
  const [problems, setProblems] = useState<{ subject?: boolean; time?: boolean }>({});
  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const headingRef = useRef<HTMLHeadingElement>(null);

  const durationChoice = (DURATIONS as readonly number[]).includes(draft.durationMinutes)
    ? String(draft.durationMinutes)
    : 'other';
  const [customDuration, setCustomDuration] = useState(durationChoice === 'other');

  useEffect(() => headingRef.current?.focus(), []);

  if (send.status === 'sent') return <Sent />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = { subject: !draft.subject.trim(), time: !draft.start };
    setProblems(found);
    if (found.subject || found.time || draft.attendees.length === 0) return;
    void sendInvitation(draft.online, language);
  }

  const sending = send.status === 'sending';
  const fallback =
    send.status === 'failed' &&
    send.online &&
    send.error.kind === 'unavailable' &&
    send.error.code === ONLINE_UNAVAILABLE_CODE;

  return (
    <section className="scheduler" aria-labelledby={`${id}-title`}>
      <header className="scheduler__header">
        <h1 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="scheduler__title">
          {t('meetings.scheduler.title')}
        </h1>
        <button type="button" className="button button--ghost" onClick={() => showView('card')}>
          {t('meetings.scheduler.close')}
        </button>
      </header>
      <form className="form scheduler__form" noValidate onSubmit={onSubmit}>
        <Attendees />

        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('meetings.scheduler.subject')}</label>
          <input
            id={`${id}-subject`}
            type="text"
            maxLength={MAX_MEETING_SUBJECT}
            value={draft.subject}
            onChange={(e) => update({ subject: e.target.value })}
            aria-invalid={problems.subject && !draft.subject.trim() ? true : undefined}
            aria-describedby={problems.subject && !draft.subject.trim() ? `${id}-subject-error` : undefined}
          />
          {problems.subject && !draft.subject.trim() && (
            <p id={`${id}-subject-error`} className="field__error">
              {t('meetings.scheduler.subjectRequired')}
            </p>
          )}
        </div>

        <div className="scheduler__row">
          <div className="field">
            <label htmlFor={`${id}-duration`}>{t('meetings.scheduler.duration')}</label>
            <select
              id={`${id}-duration`}
              value={customDuration ? 'other' : durationChoice}
              onChange={(e) => {
                if (e.target.value === 'other') setCustomDuration(true);
                else {
                  setCustomDuration(false);
                  update({ durationMinutes: Number(e.target.value) });
                }
              }}
            >
              {DURATIONS.map((d) => (
                <option key={d} value={String(d)}>
                  {t(`meetings.scheduler.durations.${d}`)}
                </option>
              ))}
              <option value="other">{t('meetings.scheduler.durations.other')}</option>
            </select>
          </div>
          {customDuration && (
            <MinutesField value={draft.durationMinutes} onChange={(m) => update({ durationMinutes: m })} />
          )}
        </div>

        <div className="field">
          <label htmlFor={`${id}-agenda`}>{t('meetings.scheduler.agenda')}</label>
          <textarea
            id={`${id}-agenda`}
            rows={3}
            maxLength={MAX_MEETING_AGENDA}
            value={draft.agenda}
            onChange={(e) => update({ agenda: e.target.value })}
          />
        </div>

        <fieldset className="form__fieldset">
          <legend>{t('meetings.scheduler.kind')}</legend>
          <label className="field field--checkbox">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={draft.online}
              onChange={() => update({ online: true })}
              aria-describedby={onlineStatus?.available === false ? `${id}-no-online` : undefined}
            />
            {t('meetings.scheduler.online')}
          </label>
          <label className="field field--checkbox">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={!draft.online}
              onChange={() => update({ online: false })}
            />
            {t('meetings.scheduler.inPerson')}
          </label>
          {onlineStatus?.available === false && (
            <p id={`${id}-no-online`} className="field__hint">
              {t('meetings.scheduler.onlineUnavailable')}
            </p>
          )}
        </fieldset>
        {draft.online && <MeetingOptions />}

        <div className="scheduler__find">
          <button
            type="button"
            className="button button--secondary"
            disabled={draft.attendees.length === 0 || find.status === 'loading'}
            aria-busy={find.status === 'loading' || undefined}
            onClick={() => void findTime()}
          >
            {t('meetings.scheduler.find')}
          </button>
          {find.status === 'loading' && (
            <span role="status" className="muted">
              <Spinner /> {t('meetings.scheduler.finding')}
            </span>
          )}
        </div>
        {find.status === 'failed' && <ErrorBanner error={find.error} />}
        {'value' in find && find.value && <Found result={find.value} />}

        <WhenFields invalid={!!problems.time && !draft.start} />
        <Conflicts />

        {send.status === 'failed' &&
          (fallback ? (
            <div className="banner banner--error" role="alert">
              <p className="banner__title">{t('meetings.scheduler.noOnlineService')}</p>
              <p className="banner__body">{t('meetings.scheduler.noOnlineServiceBody')}</p>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void sendInvitation(false, language)}
              >
                {t('meetings.scheduler.sendInPerson')}
              </button>
            </div>
          ) : (
            <ErrorBanner error={send.error} />
          ))}

        <div className="dialog__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={sending || draft.attendees.length === 0}
            aria-busy={sending || undefined}
          >
            {t('meetings.scheduler.send')}
          </button>
          {sending && (
            <span role="status" className="muted">
              {t('meetings.scheduler.sending')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function MinutesField({ value, onChange }: { value: number; onChange: (minutes: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const valid = /^\d+$/.test(text) && n >= MIN_DURATION && n <= MAX_DURATION;
  return (
    <div className="field">
      <label htmlFor={`${id}-minutes`}>{t('meetings.scheduler.minutes')}</label>
      <input
        id={`${id}-minutes`}
        type="number"
        inputMode="numeric"
        min={MIN_DURATION}
        max={MAX_DURATION}
        step={5}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const m = Number(e.target.value);
          if (/^\d+$/.test(e.target.value) && m >= MIN_DURATION && m <= MAX_DURATION) onChange(m);
        }}
        aria-invalid={valid ? undefined : true}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className={valid ? 'field__hint' : 'field__error'}>
        {t('meetings.scheduler.minutesHint')}
      </p>
    </div>
  );
}

/** The attendees as chips (required or optional, removable) and adding more by search or address. */
function Attendees() {
  const { t } = useTranslation();
  const id = useId();
  const attendees = useRoster((s) => s.meetingDraft.attendees);
  const remove = useRoster((s) => s.removeAttendee);
  const setRequired = useRoster((s) => s.setAttendeeRequired);
  return (
    <fieldset className="form__fieldset">
      <legend id={`${id}-legend`}>{t('meetings.scheduler.attendees')}</legend>
      {attendees.length === 0 ? (
        <p className="field__hint">{t('meetings.scheduler.noAttendees')}</p>
      ) : (
        <ul className="scheduler__chips" aria-labelledby={`${id}-legend`}>
          {attendees.map((a) => (
            <AttendeeChip
              key={a.email}
              attendee={a}
              onRemove={() => remove(a.email)}
              onToggle={() => setRequired(a.email, !a.required)}
            />
          ))}
        </ul>
      )}
      <AddAttendee />
    </fieldset>
  );
}

function AttendeeChip({
  attendee,
  onRemove,
  onToggle,
}: {
  attendee: DraftAttendee;
  onRemove: () => void;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const name = attendee.displayName || attendee.email;
  const role = attendee.required ? t('meetings.scheduler.required') : t('meetings.scheduler.optional');
  return (
    <li className={`chip scheduler__chip${attendee.required ? '' : ' scheduler__chip--optional'}`}>
      <span title={attendee.email}>{name}</span>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={
          attendee.required
            ? t('meetings.scheduler.makeOptional', { name })
            : t('meetings.scheduler.makeRequired', { name })
        }
        onClick={onToggle}
      >
        {role}
      </button>
      <button
        type="button"
        className="chip__remove"
        aria-label={t('meetings.scheduler.remove', { name })}
        onClick={onRemove}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

function AddAttendee() {
  const { t } = useTranslation();
  const id = useId();
  const add = useRoster((s) => s.addAttendee);
  const search = useRoster((s) => s.searchDirectory);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<{ query: string; results: readonly DirectoryEntry[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const latest = useRef('');
  const query = text.trim();
  const isAddress = EMAIL.test(query);

  async function onChange(value: string) {
    setText(value);
    const q = value.trim();
    latest.current = q;
    if (q.length < 2) {
      setAnswer(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    const r = await search(q);
    if (latest.current !== q) return;
    setSearching(false);
    if (r.ok && !r.value.cancelled)
      setAnswer({ query: q, results: r.value.results.filter((e) => !e.isGroup) });
  }

  function pick(person: { email: string; displayName: string }) {
    add(person);
    latest.current = '';
    setText('');
    setAnswer(null);
    setSearching(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      // Enter adds a typed address; it never sends the form.
      event.preventDefault();
      if (isAddress) pick({ email: query, displayName: '' });
    }
  }

  return (
    <div className="field scheduler__add">
      <label htmlFor={`${id}-add`}>{t('meetings.scheduler.add')}</label>
      <input
        id={`${id}-add`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_SEARCH_QUERY}
        value={text}
        onChange={(e) => void onChange(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="field__hint">
        {t('meetings.scheduler.addHint')}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {searching ? t('meetings.scheduler.searching') : ''}
      </p>
      {isAddress && !answer?.results.some((r) => same(r.email, query)) && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => pick({ email: query, displayName: '' })}
        >
          {t('meetings.scheduler.addAddress', { address: query })}
        </button>
      )}
      {answer && answer.query === query && (
        <>
          {answer.results.length === 0 ? (
            !isAddress && <p className="muted">{t('meetings.scheduler.noResults', { query })}</p>
          ) : (
            <ul className="result-list" aria-label={t('meetings.scheduler.results')}>
              {answer.results.map((entry) => (
                <li key={entry.email} className="result-list__item">
                  <span className="result-list__text">
                    <span>{entry.displayName}</span>
                    <span className="result-list__detail">
                      {[entry.title, entry.department].filter(Boolean).join(' · ') || entry.email}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => pick({ email: entry.email, displayName: entry.displayName })}
                  >
                    {t('meetings.scheduler.addPerson', { name: entry.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

type Access = NonNullable<OnlineMeetingOptions['access']>;
type Presenters = NonNullable<OnlineMeetingOptions['presenters']>;
const ACCESS: readonly Access[] = ['everyone', 'same-enterprise', 'invited', 'locked'];
const PRESENTERS: readonly Presenters[] = ['everyone', 'same-enterprise', 'organizer', 'people-i-choose'];

/** Lync's "Meeting Options": who waits in the lobby, callers, who presents. */
function MeetingOptions() {
  const { t } = useTranslation();
  const id = useId();
  const draft = useRoster((s) => s.meetingDraft);
  const update = useRoster((s) => s.updateDraft);
  const [open, setOpen] = useState(false);
  const options = draft.options;
  return (
    <div className="disclosure">
      <button
        type="button"
        className="disclosure__toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        <span className="disclosure__chevron" aria-hidden="true" />
        {t('meetings.scheduler.options')}
      </button>
      {open && (
        <div id={`${id}-panel`} className="disclosure__panel">
          <div className="field">
            <label htmlFor={`${id}-access`}>{t('meetings.scheduler.access')}</label>
            <select
              id={`${id}-access`}
              value={options.access}
              onChange={(e) => {
                const access = ACCESS.find((a) => a === e.target.value);
                if (access) update({ options: { ...options, access } });
              }}
            >
              {ACCESS.map((a) => (
                <option key={a} value={a}>
                  {t(`meetings.scheduler.accessChoices.${a}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="field field--checkbox">
            <input
              type="checkbox"
              checked={options.lobbyBypassForPhoneUsers}
              onChange={(e) =>
                update({ options: { ...options, lobbyBypassForPhoneUsers: e.target.checked } })
              }
            />
            {t('meetings.scheduler.lobbyBypass')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-presenters`}>{t('meetings.scheduler.presenters')}</label>
            <select
              id={`${id}-presenters`}
              value={options.presenters}
              onChange={(e) => {
                const presenters = PRESENTERS.find((p) => p === e.target.value);
                if (presenters) update({ options: { ...options, presenters } });
              }}
            >
              {PRESENTERS.map((p) => (
                <option key={p} value={p}>
                  {t(`meetings.scheduler.presenterChoices.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {options.presenters === 'people-i-choose' && (
            <fieldset className="form__fieldset">
              <legend>{t('meetings.scheduler.choosePresenters')}</legend>
              {draft.attendees.map((a) => {
                const email = a.email.toLowerCase();
                const on = draft.presenterEmails.includes(email);
                return (
                  <label key={email} className="field field--checkbox">
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() =>
                        update({
                          presenterEmails: on
                            ? draft.presenterEmails.filter((e) => e !== email)
                            : [...draft.presenterEmails, email],
                        })
                      }
                    />
                    {a.displayName || a.email}
                  </label>
                );
              })}
            </fieldset>
          )}
        </div>
      )}
    </div>
  );
}

/** The proposals and the grid of the day they are for. */
function Found({ result }: { result: FindTimeResult }) {
  const { t } = useTranslation();
  const id = useId();
  const face = useClockface();
  const draft = useRoster((s) => s.meetingDraft);
  const choose = useRoster((s) => s.chooseStart);
  const findTime = useRoster((s) => s.findMeetingTime);
  const dayStart = Date.parse(result.day.start);
  const dayEnd = Date.parse(result.day.end);
  const names = new Map(draft.attendees.map((a) => [a.email.toLowerCase(), a.displayName || a.email]));

  function pick(slot: MeetingSlot) {
    void choose(slot.start, true);
    const start = Date.parse(slot.start);
    // A proposal on another day: ask for that day's grid.
    if (start < dayStart || start >= dayEnd) void findTime(slot.start);
  }

  const optionalTotal = draft.attendees.filter((a) => !a.required).length;
  return (
    <div className="scheduler__found">
      <h2 id={`${id}-proposals`} className="scheduler__subtitle">
        {t('meetings.scheduler.proposals')}
      </h2>
      {result.slots.length === 0 ? (
        <p>{t('meetings.scheduler.noProposals')}</p>
      ) : (
        <ol className="scheduler__proposals" aria-labelledby={`${id}-proposals`}>
          {result.slots.map((slot) => {
            const start = Date.parse(slot.start);
            const end = Date.parse(slot.end);
            const chosen = draft.start !== null && Date.parse(draft.start) === start;
            const maybe = slot.answers
              .filter((a) => a.required && (a.answer === 'maybe' || a.answer === 'unknown'))
              .map((a) => names.get(a.email.toLowerCase()) ?? a.email);
            return (
              <li key={slot.start}>
                <button
                  type="button"
                  className="scheduler__proposal"
                  aria-pressed={chosen}
                  onClick={() => pick(slot)}
                >
                  <span className="scheduler__proposal-when">
                    {t('meetings.scheduler.proposal', {
                      day: formatDay(start, face),
                      start: formatTime(start, face),
                      end: formatTime(end, face),
                    })}
                  </span>
                  <span className="scheduler__proposal-detail">
                    {maybe.length > 0
                      ? t('meetings.scheduler.maybe', { names: maybe.join(', ') })
                      : t('meetings.scheduler.allFree')}
                    {optionalTotal > 0 &&
                      ` · ${t('meetings.scheduler.optionalFree', { free: slot.optionalFree, total: optionalTotal })}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <AvailabilityGrid result={result} />
    </div>
  );
}

/**
 * The day as an ARIA grid: a row per person (photo, name, presence), a column per half hour in my
 * zone; busy, tentative and out-of-office blocks, working hours shaded, the chosen slot outlined.
 * One cell is tabbable; arrows, Home and End move; Enter, Space or a click pick that half hour.
 */
function AvailabilityGrid({ result }: { result: FindTimeResult }) {
  const { t } = useTranslation();
  const id = useId();
  const face = useClockface();
  const locale = face.locale;
  const draft = useRoster((s) => s.meetingDraft);
  const choose = useRoster((s) => s.chooseStart);
  const findTime = useRoster((s) => s.findMeetingTime);
  const chosen = useMemo(() => {
    if (!draft.start) return null;
    const start = Date.parse(draft.start);
    return { start, end: start + draft.durationMinutes * 60_000 };
  }, [draft.start, draft.durationMinutes]);
  const columns = useMemo(() => gridColumns(result.day, result.rows, chosen), [result, chosen]);
  // Each half hour's words once per layout, not once per cell and render.
  const labels = useMemo(() => {
    const f = { locale, offset: viewerOffset };
    return columns.map((c) => ({ start: formatTime(c.start, f), end: formatTime(c.end, f) }));
  }, [columns, locale]);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const gridRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const dayStart = Date.parse(result.day.start);
  const dayLabel = formatDay(dayStart + 12 * 3_600_000, face);
  const rowCount = result.rows.length;
  const colCount = columns.length;
  const row = Math.min(active.row, Math.max(0, rowCount - 1));
  const col = Math.min(active.col, Math.max(0, colCount - 1));

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${row}:${col}"]`)?.focus();
  });

  const pick = useCallback(
    (r: number, c: number) => {
      setActive((a) => (a.row === r && a.col === c ? a : { row: r, col: c }));
      const column = columns[c];
      if (column) void choose(new Date(column.start).toISOString(), false);
    },
    [columns, choose],
  );
  const onFocusCell = useCallback(
    (r: number, c: number) => setActive((a) => (a.row === r && a.col === c ? a : { row: r, col: c })),
    [],
  );
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, r: number, c: number) => {
      const moveTo = (nr: number, nc: number) => {
        focusPending.current = true;
        setActive({
          row: Math.max(0, Math.min(rowCount - 1, nr)),
          col: Math.max(0, Math.min(colCount - 1, nc)),
        });
      };
      let handled = true;
      if (event.key === 'ArrowRight') moveTo(r, c + 1);
      else if (event.key === 'ArrowLeft') moveTo(r, c - 1);
      else if (event.key === 'ArrowDown') moveTo(r + 1, c);
      else if (event.key === 'ArrowUp') moveTo(r - 1, c);
      else if (event.key === 'Home') moveTo(event.ctrlKey ? 0 : r, 0);
      else if (event.key === 'End') moveTo(event.ctrlKey ? rowCount - 1 : r, colCount - 1);
      else if (event.key === 'Enter' || event.key === ' ') pick(r, c);
      else handled = false;
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    [rowCount, colCount, pick],
  );

  const day = 24 * 3_600_000;
  return (
    <div className="scheduler__grid-wrap">
      <div className="scheduler__grid-nav">
        <h3 id={`${id}-title`} className="scheduler__subtitle">
          {t('meetings.scheduler.grid', { day: dayLabel })}
        </h3>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => void findTime(new Date(dayStart - day / 2).toISOString())}
        >
          {t('meetings.scheduler.previousDay')}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => void findTime(new Date(dayStart + day + day / 2).toISOString())}
        >
          {t('meetings.scheduler.nextDay')}
        </button>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t('meetings.scheduler.gridHint')} {t('meetings.scheduler.legend')}
      </p>
      <div className="scheduler__grid-scroll">
        <div
          ref={gridRef}
          role="grid"
          className="scheduler__grid"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          aria-rowcount={rowCount + 1}
          aria-colcount={colCount + 1}
        >
          <div role="row" className="scheduler__grid-row scheduler__grid-row--head" aria-rowindex={1}>
            <span role="columnheader" className="scheduler__grid-person" aria-colindex={1}>
              {t('meetings.scheduler.person')}
            </span>
            {columns.map((column, c) => {
              const label = labels[c]?.start ?? '';
              const onHour = (column.start - dayStart) % 3_600_000 === 0;
              return (
                <span
                  key={column.start}
                  role="columnheader"
                  aria-colindex={c + 2}
                  className={`scheduler__grid-time${onHour ? ' scheduler__grid-time--hour' : ''}`}
                  onClick={() => pick(row, c)}
                >
                  {onHour ? label : <span className="visually-hidden">{label}</span>}
                </span>
              );
            })}
          </div>
          {result.rows.map((person, r) => (
            <GridRow
              key={person.email}
              person={person}
              rowIndex={r}
              columns={columns}
              labels={labels}
              chosen={chosen}
              active={r === row ? col : -1}
              onFocusCell={onFocusCell}
              onKeyDown={onKeyDown}
              onPick={pick}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

type GridRowProps = {
  person: MeetingGridRow;
  rowIndex: number;
  columns: readonly Column[];
  labels: ReadonlyArray<{ start: string; end: string }>;
  chosen: { start: number; end: number } | null;
  active: number;
  onFocusCell: (row: number, col: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, row: number, col: number) => void;
  onPick: (row: number, col: number) => void;
};

/** One person's day; drawn again only when its own props change (moving the focus redraws two rows). */
const GridRow = memo(function GridRow({
  person,
  rowIndex,
  columns,
  labels,
  chosen,
  active,
  onFocusCell,
  onKeyDown,
  onPick,
}: GridRowProps) {
  const { t } = useTranslation();
  const presence = usePresenceOf(person.email);
  const showPhotos = useRoster((s) => s.settings?.showPhotos ?? true);
  const name = person.self ? t('meetings.scheduler.you') : person.displayName;
  return (
    <div role="row" className="scheduler__grid-row" aria-rowindex={rowIndex + 2}>
      <span role="rowheader" className="scheduler__grid-person" aria-colindex={1}>
        <span className="avatar-presence">
          <Avatar
            name={person.displayName}
            address={person.email}
            photoUrl={showPhotos ? photoUrl(person.email, rowPhotoSize()) : undefined}
            size="small"
          />
          {presence && <PresenceBadge state={presence.state} />}
        </span>
        <span className="scheduler__grid-name" title={person.zoneName ?? person.email}>
          {name}
          {!person.required && !person.self && (
            <span className="muted"> {t('meetings.scheduler.optional')}</span>
          )}
        </span>
      </span>
      {columns.map((column, c) => {
        const cell = cellOf(person, column);
        const selected = !!chosen && overlaps(column, chosen);
        const outside = !cell.inHours && person.workingHours.length > 0;
        const what = t(`meetings.scheduler.cellWhat.${cell.busy}`);
        const parts = [
          cell.subject ? t('meetings.scheduler.cellSubject', { what, subject: cell.subject }) : what,
          ...(outside ? [t('meetings.scheduler.cellOutside')] : []),
          ...(selected ? [t('meetings.scheduler.cellChosen')] : []),
        ];
        const label = t('meetings.scheduler.cell', {
          name,
          start: labels[c]?.start ?? '',
          end: labels[c]?.end ?? '',
          what: parts.join(', '),
        });
        const classes = [
          'scheduler__cell',
          `scheduler__cell--${cell.busy}`,
          outside ? 'scheduler__cell--outside' : '',
          selected ? 'scheduler__cell--chosen' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div
            key={column.start}
            role="gridcell"
            data-cell={`${rowIndex}:${c}`}
            aria-colindex={c + 2}
            aria-label={label}
            aria-selected={selected}
            title={label}
            tabIndex={c === active ? 0 : -1}
            className={classes}
            onFocus={() => onFocusCell(rowIndex, c)}
            onKeyDown={(e) => onKeyDown(e, rowIndex, c)}
            onClick={() => onPick(rowIndex, c)}
          />
        );
      })}
    </div>
  );
});

/** The date and start time, by hand (my wall clock); a change is checked for conflicts. */
function WhenFields({ invalid }: { invalid: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const face = useClockface();
  const start = useRoster((s) => s.meetingDraft.start);
  const choose = useRoster((s) => s.chooseStart);
  const startMs = start ? Date.parse(start) : null;
  const wall = startMs !== null ? toWall(startMs, face.offset(startMs)) : null;
  const [date, setDate] = useState(wall?.date ?? '');
  const [time, setTime] = useState(wall?.time ?? '');
  // A proposal or a grid column chosen elsewhere shows here (state from a prop, React's way).
  const [shown, setShown] = useState(start);
  if (shown !== start) {
    setShown(start);
    if (wall && (wall.date !== date || wall.time !== time)) {
      setDate(wall.date);
      setTime(wall.time);
    }
  }

  function onChange(nextDate: string, nextTime: string) {
    setDate(nextDate);
    setTime(nextTime);
    const ms = fromWall(nextDate, nextTime, face.offset);
    if (ms === null) return;
    void choose(new Date(ms).toISOString(), false);
  }

  return (
    <fieldset className="form__fieldset scheduler__when">
      <legend>{t('meetings.scheduler.when')}</legend>
      <div className="scheduler__row">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('meetings.scheduler.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => onChange(e.target.value, time)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-missing` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('meetings.scheduler.time')}</label>
          <input
            id={`${id}-time`}
            type="time"
            step={300}
            value={time}
            onChange={(e) => onChange(date, e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-missing` : undefined}
          />
        </div>
      </div>
      {invalid && (
        <p id={`${id}-missing`} className="field__error">
          {t('meetings.scheduler.noTime')}
        </p>
      )}
    </fieldset>
  );
}

/** Who cannot come at the time picked by hand, and why. */
function Conflicts() {
  const { t } = useTranslation();
  const face = useClockface();
  const check = useRoster((s) => s.meetingCheck);
  const draft = useRoster((s) => s.meetingDraft);
  const names = new Map(draft.attendees.map((a) => [a.email.toLowerCase(), a.displayName || a.email]));
  const say = (c: MeetingConflict): string =>
    t(`meetings.scheduler.conflict.${c.busyType}`, {
      name: c.displayName || names.get(c.email.toLowerCase()) || c.email,
      start: formatTime(Date.parse(c.start), face),
      end: formatTime(Date.parse(c.end), face),
    });
  return (
    <div className="scheduler__check" role="status" aria-live="polite">
      {check.status === 'loading' && <p className="muted">{t('meetings.scheduler.checking')}</p>}
      {check.status === 'loaded' &&
        (check.value.length === 0 ? (
          <p>{t('meetings.scheduler.noConflict')}</p>
        ) : (
          <>
            <h3 className="scheduler__subtitle">{t('meetings.scheduler.conflicts')}</h3>
            <ul className="scheduler__conflicts">
              {check.value.map((c) => (
                <li key={`${c.email}|${c.start}|${c.busyType}`}>{say(c)}</li>
              ))}
            </ul>
          </>
        ))}
      {check.status === 'failed' && <ErrorBanner error={check.error} />}
    </div>
  );
}

/** The invitation went out: the meeting, its time and its join link. */
function Sent() {
  const { t } = useTranslation();
  const face = useClockface();
  const send = useRoster((s) => s.meetingSend);
  const showView = useRoster((s) => s.showMeetingView);
  const startMeeting = useRoster((s) => s.startMeeting);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  if (send.status !== 'sent') return null;
  const { meeting } = send.result;
  const start = Date.parse(meeting.start);
  const end = Date.parse(meeting.end);
  const when = t('meetings.scheduler.summary', {
    day: formatDay(start, face),
    start: formatTime(start, face),
    end: formatTime(end, face),
  });
  return (
    <section className="scheduler" aria-labelledby="scheduler-sent">
      <h1 id="scheduler-sent" ref={headingRef} tabIndex={-1} className="scheduler__title">
        {t('meetings.scheduler.sent')}
      </h1>
      <p role="status">{t('meetings.scheduler.sentBody', { subject: meeting.subject, when })}</p>
      {isHttpsUrl(meeting.joinUrl) ? (
        <p>
          {t('meetings.scheduler.join')}:{' '}
          <a href={meeting.joinUrl} target="_blank" rel="noopener noreferrer">
            {meeting.joinUrl}
          </a>
        </p>
      ) : (
        <p className="muted">{t('meetings.scheduler.sentInPerson')}</p>
      )}
      <div className="dialog__actions dialog__actions--start">
        <button type="button" className="button button--primary" onClick={() => showView('upcoming')}>
          {t('meetings.scheduler.showUpcoming')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => startMeeting([])}>
          {t('meetings.scheduler.another')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => showView('card')}>
          {t('meetings.scheduler.close')}
        </button>
      </div>
    </section>
  );
}
