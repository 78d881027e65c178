import { useEffect, useId } from 'react';
import type { PresenceCard, PresenceInfo, ScheduleBlock } from '../../preload/contract';
import { PresenceBadge, useClockface, usePresenceOf, useTranslate } from '../components/PresenceBadge';
import { formatTime, formatWhen, reasonLabel, statusWords, theirClock } from '../presence-model';
import type { Clockface, Translate } from '../presence-model';
import { useFeature, useRoster } from '../stores';

type Props = { email: string; name: string };

/**
 * The card's availability: state and until when, the reason when unknown, the tentative or
 * current meeting, the next free half hour, their local time, automatic reply, today's schedule
 * as a strip, and "Tell me when free".
 */
/** Calendar presence turned off (policy): the card has no presence section at all. */
export function PresenceSection(props: Props) {
  return useFeature('presence') ? <PresenceSectionBody {...props} /> : null;
}

function PresenceSectionBody({ email, name }: Props) {
  const alertsOn = useFeature('alerts');
  const t = useTranslate();
  const id = useId();
  const face = useClockface();
  const key = email.toLowerCase();
  const live = usePresenceOf(email);
  const cardState = useRoster((s) => s.presenceCards.get(key));
  const load = useRoster((s) => s.loadPresenceCard);
  const watch = useRoster((s) => s.watchPresence);
  const asOf = useRoster((s) => s.presence?.asOf);
  const alerts = useRoster((s) => s.presence?.alerts);
  const setAlert = useRoster((s) => s.setPresenceAlert);

  useEffect(() => {
    watch('card', [email]);
    return () => watch('card', []);
  }, [email, watch]);
  // Read the card again when the state changes (a boundary passed): the next free slot moves with it.
  // Main asks the server only when what it holds is older than 2 minutes.
  const liveKey = live ? `${live.state}|${live.until ?? ''}` : '';
  useEffect(() => {
    void load(email);
  }, [email, load, liveKey]);

  const card: PresenceCard | null = cardState?.card ?? null;
  // The pushed presence is the newest word (a boundary passed since the card was read); the slot
  // and the automatic reply are only on the card.
  const presence: PresenceInfo | undefined = live
    ? {
        ...live,
        ...(card?.presence.nextFree ? { nextFree: card.presence.nextFree } : {}),
        ...(card?.presence.oofReply && !live.oofReply ? { oofReply: card.presence.oofReply } : {}),
      }
    : card?.presence;
  // Main's clock, not this window's: the words and the strip agree with the state.
  const nowMs = asOf ? Date.parse(asOf) : card ? Date.parse(card.window.start) : 0;
  const alertOn = !!alerts?.includes(key);

  return (
    <section className="presence-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="presence-section__title">
        {t('presence.card.title')}
      </h2>
      {!presence ? (
        <p className="muted">{t('presence.card.loading')}</p>
      ) : (
        <>
          <p className="presence-section__state">
            <PresenceBadge state={presence.state} size="medium" decorative />
            <span>{statusWords(presence, nowMs, face, t)}</span>
          </p>
          <PresenceFacts presence={presence} nowMs={nowMs} face={face} t={t} />
          {alertsOn && presence.state !== 'available' && presence.state !== 'unknown' && (
            <button
              type="button"
              className="button button--secondary"
              aria-pressed={alertOn}
              onClick={() => void setAlert(email, !alertOn)}
            >
              {alertOn ? t('presence.card.alertOff') : t('presence.card.alertOn')}
            </button>
          )}
          {alertsOn && alertOn && (
            <p className="muted" role="status">
              {t('presence.card.alertSet', { name })}
            </p>
          )}
        </>
      )}
      {cardState?.status === 'failed' && <p className="muted">{t('presence.card.failed')}</p>}
      {card && <ScheduleStrip card={card} nowMs={nowMs} face={face} t={t} />}
    </section>
  );
}

function PresenceFacts({
  presence,
  nowMs,
  face,
  t,
}: {
  presence: PresenceInfo;
  nowMs: number;
  face: Clockface;
  t: Translate;
}) {
  const clock = theirClock(presence, nowMs, face);
  const items: Array<{ key: string; text: string }> = [];
  if (presence.state === 'unknown') items.push({ key: 'reason', text: reasonLabel(presence.reason, t) });
  if (presence.subject)
    items.push({ key: 'subject', text: t('presence.card.subject', { subject: presence.subject }) });
  if (presence.tentative)
    items.push({
      key: 'tentative',
      text: presence.tentative.subject
        ? t('presence.card.tentative', { subject: presence.tentative.subject })
        : t('presence.card.tentativeNoSubject', {
            time: formatWhen(Date.parse(presence.tentative.end), nowMs, face),
          }),
    });
  if (presence.state !== 'unknown') {
    items.push({
      key: 'next',
      text: presence.nextFree
        ? t('presence.card.nextFree', {
            start: formatWhen(Date.parse(presence.nextFree.start), nowMs, face),
            end: formatTime(Date.parse(presence.nextFree.end), face),
          })
        : t('presence.card.noFreeSlot'),
    });
  }
  if (clock && presence.utcOffsetMinutes !== face.offset(nowMs))
    items.push({ key: 'clock', text: t('presence.card.localTime', { time: clock }) });
  return (
    <>
      <ul className="presence-section__facts">
        {items.map((i) => (
          <li key={i.key}>{i.text}</li>
        ))}
      </ul>
      {presence.oofReply && (
        <blockquote className="presence-section__reply">
          <p className="presence-section__reply-title">{t('presence.card.oofReply')}</p>
          <p>{presence.oofReply}</p>
        </blockquote>
      )}
    </>
  );
}

/** Today (and tomorrow) as a strip of blocks, drawn to scale, with each block also in words. */
function ScheduleStrip({
  card,
  nowMs,
  face,
  t,
}: {
  card: PresenceCard;
  nowMs: number;
  face: Clockface;
  t: Translate;
}) {
  const from = Date.parse(card.window.start);
  const to = Date.parse(card.window.end);
  const midday = from + (to - from) / 2;
  const today = card.blocks.filter((b) => Date.parse(b.start) < midday);
  const tomorrow = card.blocks.filter((b) => Date.parse(b.start) >= midday);
  const day = (blocks: ScheduleBlock[], start: number, end: number, title: string) => (
    <div className="schedule-strip">
      <h3 className="schedule-strip__title">{title}</h3>
      <div className="schedule-strip__bar" aria-hidden="true">
        {blocks.map((b) => {
          const s = Math.max(start, Date.parse(b.start));
          const e = Math.min(end, Date.parse(b.end));
          return (
            <span
              key={`${b.start}-${b.end}-${b.busyType}`}
              className={`schedule-strip__block schedule-strip__block--${b.busyType}`}
              style={{
                left: `${((s - start) / (end - start)) * 100}%`,
                width: `${((e - s) / (end - start)) * 100}%`,
              }}
            />
          );
        })}
        {nowMs >= start && nowMs < end && (
          <span
            className="schedule-strip__now"
            style={{ left: `${((nowMs - start) / (end - start)) * 100}%` }}
          />
        )}
      </div>
      {blocks.length === 0 ? (
        <p className="muted">{t('presence.card.noMeetings')}</p>
      ) : (
        <ul className="schedule-strip__list">
          {blocks.map((b) => (
            <li key={`${b.start}-${b.end}-${b.busyType}`}>
              {t('presence.card.block', {
                start: formatTime(Date.parse(b.start), face),
                end: formatTime(Date.parse(b.end), face),
                what: b.subject ?? t(`presence.card.busyTypes.${b.busyType}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <>
      {day(today, from, midday, t('presence.card.schedule'))}
      {tomorrow.length > 0 && day(tomorrow, midday, to, t('presence.card.scheduleTomorrow'))}
    </>
  );
}
