/**
 * Voice mail (issue 23): the mailbox's voice mail, newest first: who called (the contact's name,
 * else the number), when, how long, UM's transcription, heard or not (in words and weight, not
 * colour only); a player on the shell's own audio route (playing marks it heard); mark heard or
 * unheard; delete after a confirmation, focus then going to the next message.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { voicemailAudioUrl, type RosterError, type VoicemailEntry } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { useClockface, useTranslate } from '../components/PresenceBadge';
import { Spinner } from '../components/Spinner';
import { useRoster } from '../stores';
import {
  callerName,
  clockDuration,
  focusAfterDelete,
  previewOf,
  spokenDuration,
  whenLabel,
} from '../voicemail-model';

export function Voicemail() {
  const { t } = useTranslation();
  const id = useId();
  const state = useRoster((s) => s.voicemail);
  const load = useRoster((s) => s.loadVoicemail);
  const close = useRoster((s) => s.closeVoicemail);
  const [pending, setPending] = useState<{ entry: VoicemailEntry; index: number } | null>(null);
  const [actionError, setActionError] = useState<RosterError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** After a delete: the index whose entry takes focus (null: the heading), once rendered. */
  const focusIndex = useRef<number | null | undefined>(undefined);
  useEffect(() => headingRef.current?.focus(), []);

  const value = 'value' in state ? state.value : undefined;
  const entries = value?.entries ?? [];

  useEffect(() => {
    const index = focusIndex.current;
    if (index === undefined) return;
    focusIndex.current = undefined;
    const target =
      index === null
        ? headingRef.current
        : listRef.current?.querySelectorAll<HTMLElement>('.voicemail__caller')[index];
    (target ?? headingRef.current)?.focus();
  });

  return (
    <section className="voicemail" aria-labelledby={`${id}-title`}>
      <header className="scheduler__header">
        <h1 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="scheduler__title">
          {t('voicemail.title')}
        </h1>
        <button
          type="button"
          className="button button--ghost"
          disabled={state.status === 'loading'}
          onClick={() => void load()}
        >
          {t('voicemail.refresh')}
        </button>
        <button type="button" className="button button--ghost" onClick={close}>
          {t('voicemail.close')}
        </button>
      </header>
      <p className="muted">{t('voicemail.intro')}</p>
      {state.status === 'failed' && <ErrorBanner error={state.error} />}
      {actionError && <ErrorBanner error={actionError} />}
      {!value && state.status !== 'failed' && (
        <p role="status">
          <Spinner /> {t('voicemail.loading')}
        </p>
      )}
      {value && entries.length === 0 && <p>{t('voicemail.empty')}</p>}
      {entries.length > 0 && (
        <ul className="voicemail__list" ref={listRef}>
          {entries.map((entry, index) => (
            <VoicemailItem
              key={entry.id}
              entry={entry}
              onError={setActionError}
              onDelete={() => setPending({ entry, index })}
            />
          ))}
        </ul>
      )}
      {value && value.total > entries.length && (
        <p className="muted">{t('voicemail.shown', { shown: entries.length, total: value.total })}</p>
      )}
      {pending && (
        <DeleteDialog
          entry={pending.entry}
          onClose={() => setPending(null)}
          onDeleted={(remaining) => {
            focusIndex.current = focusAfterDelete(pending.index, remaining);
            setPending(null);
          }}
        />
      )}
    </section>
  );
}

function VoicemailItem({
  entry,
  onError,
  onDelete,
}: {
  entry: VoicemailEntry;
  onError: (error: RosterError | null) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslate();
  const id = useId();
  const face = useClockface();
  const now = useRoster((s) => s.meetingsNow);
  const setRead = useRoster((s) => s.setVoicemailRead);
  const [cannotPlay, setCannotPlay] = useState(false);
  const name = callerName(entry, tr);
  const at = Date.parse(entry.at);
  const preview = previewOf(entry.transcription);

  const mark = async (read: boolean): Promise<void> => {
    onError(await setRead(entry.id, read));
  };

  return (
    <li className={`voicemail__item${entry.unread ? ' voicemail__item--unread' : ''}`}>
      <article aria-labelledby={`${id}-caller ${id}-state`}>
        <h2 id={`${id}-caller`} className="voicemail__caller" tabIndex={-1}>
          {name}
        </h2>
        <p className="voicemail__meta">
          <span
            id={`${id}-state`}
            className={`badge voicemail__state${entry.unread ? ' badge--unheard' : ''}`}
          >
            {entry.unread ? t('voicemail.unheard') : t('voicemail.heard')}
          </span>{' '}
          {Number.isNaN(at) ? null : <time dateTime={entry.at}>{whenLabel(at, now(), face)}</time>}
          {entry.durationSeconds !== undefined && (
            <>
              {' · '}
              <span title={spokenDuration(entry.durationSeconds, tr)}>
                <span aria-hidden="true">{clockDuration(entry.durationSeconds)}</span>
                <span className="visually-hidden">
                  {t('voicemail.duration', { duration: spokenDuration(entry.durationSeconds, tr) })}
                </span>
              </span>
            </>
          )}
        </p>
        {entry.caller.phone && entry.caller.phone !== name && (
          <p className="muted">{t('voicemail.phone', { phone: entry.caller.phone })}</p>
        )}
        <p className="voicemail__transcription" title={entry.transcription}>
          {preview ?? <span className="muted">{t('voicemail.noTranscription')}</span>}
        </p>
        <audio
          className="voicemail__player"
          controls
          preload="none"
          src={voicemailAudioUrl(entry.id)}
          aria-label={t('voicemail.player', { name })}
          onPlay={() => {
            setCannotPlay(false);
            if (entry.unread) void mark(true);
          }}
          onError={() => setCannotPlay(true)}
        />
        {cannotPlay && (
          <p className="voicemail__error" role="alert">
            {t('voicemail.playError')}
          </p>
        )}
        <div className="upcoming__actions">
          <button
            type="button"
            className="button button--secondary"
            aria-label={
              entry.unread
                ? t('voicemail.markHeardLabel', { name })
                : t('voicemail.markUnheardLabel', { name })
            }
            onClick={() => void mark(entry.unread)}
          >
            {entry.unread ? t('voicemail.markHeard') : t('voicemail.markUnheard')}
          </button>
          <button
            type="button"
            className="button button--danger"
            aria-label={t('voicemail.deleteLabel', { name })}
            onClick={onDelete}
          >
            {t('voicemail.delete')}
          </button>
        </div>
      </article>
    </li>
  );
}

function DeleteDialog({
  entry,
  onClose,
  onDeleted,
}: {
  entry: VoicemailEntry;
  onClose: () => void;
  /** Deleted: how many entries remain. */
  onDeleted: (remaining: number) => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslate();
  const remove = useRoster((s) => s.deleteVoicemail);
  const remaining = useRoster((s) => ('value' in s.voicemail ? (s.voicemail.value?.entries.length ?? 0) : 0));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RosterError | null>(null);
  const name = callerName(entry, tr);

  async function confirm(): Promise<void> {
    setBusy(true);
    const failed = await remove(entry.id);
    setBusy(false);
    if (failed) setError(failed);
    else onDeleted(Math.max(0, remaining - 1));
  }

  return (
    <Dialog title={t('voicemail.deleteTitle', { name })} closeLabel={t('voicemail.close')} onClose={onClose}>
      <p>{t('voicemail.deleteBody')}</p>
      {error && <ErrorBanner error={error} />}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
          {t('voicemail.deleteNo')}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => void confirm()}
          disabled={busy}
        >
          {t('voicemail.deleteYes')}
        </button>
      </div>
    </Dialog>
  );
}
