import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MEETING_MESSAGE } from '../../preload/contract';
import type { Meeting, RosterError } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { useClockface } from '../components/PresenceBadge';
import { Spinner } from '../components/Spinner';
import { byDay, isHttpsUrl, responseCounts } from '../meetings-model';
import { formatDay, formatTime } from '../presence-model';
import { useRoster } from '../stores';

type Pending = { kind: 'cancel' | 'decline'; meeting: Meeting };

/**
 * My next 7 days by day: subject, time, organiser, the attendees' answers (counts, and each person
 * on expand), "Join" for an https link, "Cancel meeting…" for mine and "Decline…" for the others'.
 * Reloads when main says my calendar changed (meetingsChanged).
 */
export function Upcoming() {
  const { t } = useTranslation();
  const id = useId();
  const face = useClockface();
  const upcoming = useRoster((s) => s.upcoming);
  const load = useRoster((s) => s.loadUpcoming);
  const showView = useRoster((s) => s.showMeetingView);
  const [pending, setPending] = useState<Pending | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const value = 'value' in upcoming ? upcoming.value : undefined;
  const days = value ? byDay(value.meetings, face.offset) : [];

  return (
    <section className="upcoming" aria-labelledby={`${id}-title`}>
      <header className="scheduler__header">
        <h1 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="scheduler__title">
          {t('meetings.upcoming.title')}
        </h1>
        <button
          type="button"
          className="button button--ghost"
          disabled={upcoming.status === 'loading'}
          onClick={() => void load()}
        >
          {t('meetings.upcoming.refresh')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => showView('card')}>
          {t('meetings.upcoming.close')}
        </button>
      </header>
      <p className="muted">{t('meetings.upcoming.intro')}</p>
      {upcoming.status === 'failed' && <ErrorBanner error={upcoming.error} />}
      {!value && upcoming.status !== 'failed' && (
        <p role="status">
          <Spinner /> {t('meetings.upcoming.loading')}
        </p>
      )}
      {value && value.meetings.length === 0 && <p>{t('meetings.upcoming.empty')}</p>}
      {days.map((group) => {
        const first = group.meetings[0];
        const dayTitle = first ? formatDay(Date.parse(first.start), face) : '';
        return (
          <section key={group.day} className="upcoming__day" aria-label={dayTitle}>
            <h2 className="upcoming__day-title">{dayTitle}</h2>
            <ul className="upcoming__list">
              {group.meetings.map((m) => (
                <MeetingItem
                  key={`${m.id}|${m.start}`}
                  meeting={m}
                  onCancel={() => setPending({ kind: 'cancel', meeting: m })}
                  onDecline={() => setPending({ kind: 'decline', meeting: m })}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {pending && <ConfirmDialog pending={pending} onClose={() => setPending(null)} />}
    </section>
  );
}

function MeetingItem({
  meeting,
  onCancel,
  onDecline,
}: {
  meeting: Meeting;
  onCancel: () => void;
  onDecline: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const face = useClockface();
  const start = Date.parse(meeting.start);
  const end = Date.parse(meeting.end);
  const counts = responseCounts(meeting);
  const attendees = meeting.attendees.filter((a) => a.response !== 'organizer');
  return (
    <li className={`upcoming__meeting${meeting.isCancelled ? ' upcoming__meeting--cancelled' : ''}`}>
      <article aria-labelledby={`${id}-subject`}>
        <h3 id={`${id}-subject`} className="upcoming__subject">
          {meeting.subject}
        </h3>
        <p className="upcoming__when">
          {meeting.isAllDay
            ? t('meetings.upcoming.allDay')
            : t('meetings.upcoming.time', { start: formatTime(start, face), end: formatTime(end, face) })}
          {meeting.isRecurring && <span className="badge">{t('meetings.upcoming.recurring')}</span>}
          {meeting.isCancelled && <span className="badge">{t('meetings.upcoming.cancelled')}</span>}
        </p>
        <p className="muted">
          {meeting.isOrganizer
            ? t('meetings.upcoming.youOrganize')
            : t('meetings.upcoming.organizer', {
                name: meeting.organizer.displayName || meeting.organizer.email,
              })}
        </p>
        {meeting.location && (
          <p className="muted">{t('meetings.upcoming.location', { location: meeting.location })}</p>
        )}
        {attendees.length > 0 && (
          <details className="upcoming__responses">
            <summary>{t('meetings.upcoming.responses', { ...counts })}</summary>
            <ul>
              {attendees.map((a) => (
                <li key={a.email}>
                  {a.displayName || a.email}
                  {!a.required && ` ${t('meetings.upcoming.optional')}`}:{' '}
                  {t(`meetings.upcoming.response.${a.response}`)}
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="upcoming__actions">
          {!meeting.isCancelled && isHttpsUrl(meeting.joinUrl) && (
            <a
              className="button button--primary"
              href={meeting.joinUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('meetings.upcoming.joinLabel', { subject: meeting.subject })}
            >
              {t('meetings.upcoming.join')}
            </a>
          )}
          {!meeting.isCancelled && meeting.isOrganizer && (
            <button type="button" className="button button--danger" onClick={onCancel}>
              {t('meetings.upcoming.cancel')}
            </button>
          )}
          {!meeting.isCancelled && !meeting.isOrganizer && meeting.myResponse !== 'declined' && (
            <button type="button" className="button button--secondary" onClick={onDecline}>
              {t('meetings.upcoming.decline')}
            </button>
          )}
        </div>
      </article>
    </li>
  );
}

/** "Cancel meeting…" / "Decline…": a message for the others, then the call. */
function ConfirmDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const cancelMeeting = useRoster((s) => s.cancelMeeting);
  const declineMeeting = useRoster((s) => s.declineMeeting);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RosterError | null>(null);
  const { meeting, kind } = pending;
  const cancel = kind === 'cancel';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const failed = cancel ? await cancelMeeting(meeting, message) : await declineMeeting(meeting, message);
    setBusy(false);
    if (failed) setError(failed);
    else onClose();
  }

  return (
    <Dialog
      title={
        cancel
          ? t('meetings.upcoming.cancelTitle', { subject: meeting.subject })
          : t('meetings.upcoming.declineTitle', { subject: meeting.subject })
      }
      closeLabel={t('meetings.upcoming.close')}
      onClose={onClose}
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p>
          {cancel
            ? t('meetings.upcoming.cancelBody')
            : t('meetings.upcoming.declineBody', {
                name: meeting.organizer.displayName || meeting.organizer.email,
              })}
        </p>
        <div className="field">
          <label htmlFor={`${id}-message`}>{t('meetings.upcoming.message')}</label>
          <textarea
            id={`${id}-message`}
            rows={3}
            maxLength={MAX_MEETING_MESSAGE}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </div>
        {error && <ErrorBanner error={error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('meetings.upcoming.keep')}
          </button>
          <button
            type="submit"
            className={cancel ? 'button button--danger' : 'button button--primary'}
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {cancel ? t('meetings.upcoming.confirmCancel') : t('meetings.upcoming.confirmDecline')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
