import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingStartingSoon } from '../meetings-model';
import { formatTime } from '../presence-model';
import { useRoster } from '../stores';
import { UPCOMING_STALE_MS } from '../stores/meetings';
import { useClockface } from './PresenceBadge';

/** How often the banner looks at the clock (a meeting enters the 10-minute window between two looks). */
export const BANNER_TICK_MS = 15_000;

/**
 * "Budget review starts at 14:00 — Join": at the top of the main window from 10 minutes before a
 * meeting with a join link until it ends. The time comes from the store's clock, so tests drive it
 * with fake time.
 */
export function MeetingBanner() {
  const { t } = useTranslation();
  const face = useClockface();
  const clock = useRoster((s) => s.meetingsNow);
  const upcoming = useRoster((s) => s.upcoming);
  const loadedAt = useRoster((s) => s.upcomingLoadedAt);
  const load = useRoster((s) => s.loadUpcoming);
  const [now, setNow] = useState(() => clock());
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), BANNER_TICK_MS);
    return () => clearInterval(timer);
  }, [clock]);

  // An old list is read again at a tick (a meeting made elsewhere, a series' next occurrence).
  useEffect(() => {
    if (loadedAt !== null && upcoming.status !== 'loading' && now - loadedAt >= UPCOMING_STALE_MS)
      void load();
  }, [now, loadedAt, upcoming.status, load]);

  const meetings = 'value' in upcoming && upcoming.value ? upcoming.value.meetings : [];
  const meeting = meetingStartingSoon(meetings, now);
  const key = meeting ? `${meeting.id}|${meeting.start}` : null;
  if (!meeting || !meeting.joinUrl || key === dismissed) return null;
  const start = Date.parse(meeting.start);
  const started = start <= now;
  return (
    <div className="banner banner--meeting" role="region" aria-label={t('meetings.banner.label')}>
      <p className="banner__title" role="status">
        {started
          ? t('meetings.banner.now', {
              subject: meeting.subject,
              time: formatTime(Date.parse(meeting.end), face),
            })
          : t('meetings.banner.soon', { subject: meeting.subject, time: formatTime(start, face) })}
      </p>
      <a className="button button--primary" href={meeting.joinUrl} target="_blank" rel="noopener noreferrer">
        {t('meetings.banner.join')}
      </a>
      <button type="button" className="button button--ghost" onClick={() => setDismissed(key)}>
        {t('meetings.banner.dismiss')}
      </button>
    </div>
  );
}
