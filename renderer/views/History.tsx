/**
 * Conversation history (issue 23): the mailbox's Conversation History folder in the detail pane,
 * newest first, with a search box over subjects and bodies. The list is virtualised (only the rows
 * in view are drawn) and read in pages as it scrolls; a row opens the whole conversation as text.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { MAX_HISTORY_SEARCH } from '../../preload/contract';
import type { ConversationSummary, TranscriptLine } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { useClockface, useTranslate } from '../components/PresenceBadge';
import { Spinner } from '../components/Spinner';
import {
  formatConversationDate,
  formatConversationTime,
  isMissed,
  kindLabel,
  participantsText,
  rowText,
  wantsNextPage,
} from '../history-model';
import { useRoster } from '../stores';

/** A row's height: kind and time, who, and one line of preview. */
const ROW_HEIGHT = 84;

export function History() {
  const { t } = useTranslation();
  const id = useId();
  const list = useRoster((s) => s.historyList);
  const load = useRoster((s) => s.loadHistory);
  const loadMore = useRoster((s) => s.loadMoreHistory);
  const show = useRoster((s) => s.showHistory);
  const [text, setText] = useState(list.query);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  function onSearch(event: FormEvent) {
    event.preventDefault();
    void load(text);
  }
  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape' || text === '') return;
    event.preventDefault();
    event.stopPropagation();
    setText('');
    if (list.query !== '') void load('');
  }

  const searching = list.query !== '';
  const status =
    list.status === 'loading'
      ? t('history.loading')
      : list.status !== 'loaded'
        ? ''
        : searching
          ? t('history.found', { count: list.total, query: list.query })
          : t('history.count', { count: list.total });

  return (
    <section className="history" aria-labelledby={`${id}-title`}>
      <header className="scheduler__header">
        <h1 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="scheduler__title">
          {t('history.title')}
        </h1>
        <button
          type="button"
          className="button button--ghost"
          disabled={list.status === 'loading'}
          onClick={() => void load()}
        >
          {t('history.refresh')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => show(false)}>
          {t('history.close')}
        </button>
      </header>
      <p className="muted">{t('history.intro')}</p>
      <form className="history__search" role="search" onSubmit={onSearch}>
        <div className="field history__search-field">
          <label htmlFor={`${id}-search`} className="visually-hidden">
            {t('history.search')}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder={t('history.searchPlaceholder')}
            autoComplete="off"
            maxLength={MAX_HISTORY_SEARCH}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onSearchKeyDown}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t('history.searchButton')}
        </button>
        {searching && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setText('');
              void load('');
            }}
          >
            {t('history.clearSearch')}
          </button>
        )}
      </form>
      <p className="history__status" role="status">
        {list.status === 'loading' && <Spinner />}
        {status}
      </p>
      {list.error && <ErrorBanner error={list.error} />}
      {list.status === 'loaded' && list.rows.length === 0 && (
        <p className="empty">
          {searching ? t('history.noMatch', { query: list.query }) : t('history.empty')}
        </p>
      )}
      {list.rows.length > 0 && (
        <HistoryList
          rows={list.rows}
          total={list.total}
          hasMore={list.nextOffset !== undefined}
          loadingMore={list.loadingMore}
          onMore={() => void loadMore()}
        />
      )}
    </section>
  );
}

function HistoryList({
  rows,
  total,
  hasMore,
  loadingMore,
  onMore,
}: {
  rows: readonly ConversationSummary[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const open = useRoster((s) => s.openConversation);
  const getItemKey = useCallback((i: number) => rows[i]?.id ?? i, [rows]);
  // The virtualizer is mutable by design; this component is not compiled by React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? -1;
  // Scrolled near the end: the next page is read before the user gets there.
  useEffect(() => {
    if (!loadingMore && wantsNextPage(last, rows.length, hasMore)) onMore();
  }, [last, rows.length, hasMore, loadingMore, onMore]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const to =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? rows.length - 1
              : null;
    if (to === null || to < 0 || to >= rows.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(to, { align: 'auto' });
    const focus = () =>
      scrollRef.current?.querySelector<HTMLButtonElement>(`[data-index="${to}"] button`)?.focus();
    focus();
    // A row far away is drawn after the scroll: focus it then.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(focus);
  }

  return (
    <div ref={scrollRef} className="history-list">
      <ul
        className="history-list__sizer"
        aria-label={t('history.listLabel', { count: total })}
        style={{ height: `${virtualizer.getTotalSize()}px` }}
      >
        {items.map((item) => {
          const entry = rows[item.index];
          if (!entry) return null;
          return (
            <li
              key={item.key}
              data-index={item.index}
              className="history-list__item"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)`, height: `${item.size}px` }}
            >
              <ConversationRow
                entry={entry}
                onOpen={() => void open(entry.id, entry)}
                onKeyDown={(e) => onKeyDown(e, item.index)}
              />
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <div className="history-list__more">
          <button type="button" className="button button--ghost" disabled={loadingMore} onClick={onMore}>
            {loadingMore ? t('history.loadingMore') : t('history.more')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * One conversation as a button: its kind (a missed one says "Missed" in words), who, when, and a
 * line of its text. Shared by the History view and the contact card.
 */
export function ConversationRow({
  entry,
  onOpen,
  onKeyDown,
  showPeople = true,
}: {
  entry: ConversationSummary;
  onOpen: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>) => void;
  /** The card leaves out who (it is the card's person). */
  showPeople?: boolean;
}) {
  const t = useTranslate();
  const face = useClockface();
  const now = useRoster((s) => s.historyNow);
  const at = Date.parse(entry.at);
  const missed = isMissed(entry.kind);
  return (
    <button
      type="button"
      className={`conversation-row${missed ? ' conversation-row--missed' : ''}`}
      title={formatConversationDate(at, face)}
      onClick={onOpen}
      onKeyDown={onKeyDown}
    >
      <span className="conversation-row__head">
        <span className={`conversation-row__kind${missed ? ' badge badge--missed' : ''}`}>
          {kindLabel(entry.kind, t)}
        </span>
        {showPeople && <span className="conversation-row__people">{participantsText(entry, t)}</span>}
        <time className="conversation-row__time" dateTime={entry.at}>
          {formatConversationTime(at, now(), face)}
        </time>
      </span>
      <span className="conversation-row__preview">{rowText(entry)}</span>
      {entry.unread && <span className="visually-hidden">{t('history.unread')}</span>}
    </button>
  );
}

/** The open conversation: who took part and when, then who said what and when, as text only. */
export function ConversationDialog() {
  const { t } = useTranslation();
  const tr = useTranslate();
  const face = useClockface();
  const opened = useRoster((s) => s.openedConversation);
  const close = useRoster((s) => s.closeConversation);
  const retry = useRoster((s) => s.openConversation);
  if (!opened) return null;
  const entry =
    opened.status === 'loaded' ? opened.conversation.entry : 'entry' in opened ? opened.entry : undefined;
  const title = entry ? participantsText(entry, tr) : t('history.conversation');
  return (
    <Dialog title={title} closeLabel={t('history.closeConversation')} onClose={close}>
      <div className="conversation">
        {entry && (
          <p className="conversation__meta">
            <span className={isMissed(entry.kind) ? 'badge badge--missed' : 'conversation__kind'}>
              {kindLabel(entry.kind, tr)}
            </span>{' '}
            <time dateTime={entry.at}>{formatConversationDate(Date.parse(entry.at), face)}</time>
          </p>
        )}
        {entry?.subject && <p className="conversation__subject">{entry.subject}</p>}
        {opened.status === 'loading' && (
          <p role="status">
            <Spinner /> {t('history.opening')}
          </p>
        )}
        {opened.status === 'failed' && (
          <>
            <ErrorBanner error={opened.error} />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void retry(opened.id, opened.entry)}
            >
              {t('history.retry')}
            </button>
          </>
        )}
        {opened.status === 'loaded' && <Transcript lines={opened.conversation.transcript} />}
      </div>
    </Dialog>
  );
}

function Transcript({ lines }: { lines: readonly TranscriptLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <p className="muted">{t('history.noText')}</p>;
  return (
    <ol className="transcript" aria-label={t('history.transcript')}>
      {lines.map((line, i) => (
        <li key={i} className="transcript__line">
          {(line.speaker || line.time) && (
            <p className="transcript__who">
              {line.speaker && <span className="transcript__speaker">{line.speaker}</span>}
              {line.time && <span className="transcript__time">{line.time}</span>}
            </p>
          )}
          {/* Text, never HTML: main made it inert, React writes it as a text node. */}
          <p className="transcript__text">{line.text}</p>
        </li>
      ))}
    </ol>
  );
}
