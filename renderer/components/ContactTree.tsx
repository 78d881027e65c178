import {
  memo,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { KeyboardEvent, MouseEvent, Ref } from 'react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { photoUrl } from '../../preload/contract';
import type { Contact, DirectoryEntry, Group, PresenceInfo, PresenceState } from '../../preload/contract';
import type { TFunction } from 'i18next';
import { fold, hasGroupActions, isPending } from '../contacts-model';
import type { Row } from '../contacts-model';
import { rowPhotoSize } from '../photos';
import { Avatar } from './Avatar';
import { PresenceBadge, usePresenceText } from './PresenceBadge';
import { useRoster } from '../stores';
import { useGroupName } from '../group-name';
import type { SelectableRow, SelectGesture } from '../selection';
// Voice mail (issue 23)
import { featureOn } from '../stores/features';
import { unheardByEmail } from '../voicemail-model';
import type { VoicemailEntry } from '../../preload/contract';

/** Row heights in px (fixed: no measuring, so 10,000 rows cost nothing until drawn). */
const HEIGHTS: Record<Row['kind'], number> = { group: 36, contact: 56, member: 52, note: 36 };
const PAGE = 8;
/** Type-ahead: keys typed within this time make one search ("jea" finds Jean). */
const TYPEAHEAD_MS = 700;

type Props = {
  rows: readonly Row[];
  label: string;
  selectedContactId: string | null;
  showPhotos: boolean;
  readOnly: boolean;
  onOpenContact: (contact: Contact) => void;
  /** Open a distribution-group member's card. */
  onOpenMember?: (entry: DirectoryEntry) => void;
  /** The member whose card is open (by address). */
  selectedMemberEmail?: string | null;
  onToggleGroup: (group: Group) => void;
  onContactActions: (contact: Contact, groupId: string | null) => void;
  onGroupActions: (group: Group) => void;
  onRemoveContact: (contact: Contact) => void;
  /** Up from the first row: back to the filter box. */
  onLeaveTop: () => void;
  /** Scroll the first of these rows that exists into view (and make it the active row), once per seq. */
  reveal?: { keys: readonly string[]; seq: number } | null;
  /** The addresses of the people drawn now (their presence is fetched first). */
  onVisible?: (emails: readonly string[]) => void;
  /** For contacts sharing a name with another: the detail that tells them apart, by contact id. */
  namesakes?: ReadonlyMap<string, string>;
  /**
   * Multi-selection (for "Meet"): the selected contact ids, and the gestures that change them. With
   * these the tree is aria-multiselectable; without, the open contact is the selected row.
   */
  selectedIds?: ReadonlySet<string>;
  onSelectGesture?: (gesture: SelectGesture) => void;
  ref?: Ref<ContactTreeHandle>;
};

export type ContactTreeHandle = { focus: () => void };

/** A person row is named by its visible text: the name, then the detail line when there is one. */
const personLabelledBy = (rowId: string, detail: string): string =>
  detail ? `${rowId}-n ${rowId}-d` : `${rowId}-n`;

// Voice mail (issue 23)
const NO_VOICEMAIL: readonly VoicemailEntry[] = [];

/** The missed-call badge: unheard voice mails from this contact, a count with its words. */
function VoicemailBadge({ id, count }: { id: string; count: number }) {
  const { t } = useTranslation();
  const words = t('voicemail.badge', { count });
  return (
    <span className="vm-badge" id={id} title={words}>
      <span aria-hidden="true">☎ {count}</span>
      <span className="visually-hidden">{words}</span>
    </span>
  );
}

/** The name and detail lines of a person row (a contact or a distribution-group member). */
function PersonText({
  rowId,
  name,
  detail,
  namesake,
}: {
  rowId: string;
  name: string;
  detail: string;
  /** What tells this person from another of the same name (department, office…). */
  namesake?: string | undefined;
}) {
  // Cut with an ellipsis when the pane is narrow: the whole text is in the tooltip (and, for
  // screen readers, already in the row's name).
  return (
    <span
      className="contact-tree__text"
      title={[namesake ? `${name} (${namesake})` : name, detail].filter(Boolean).join('\n')}
    >
      <span className="contact-tree__name" id={`${rowId}-n`}>
        {name}
        {namesake && (
          <>
            {' '}
            <span className="contact-tree__namesake">({namesake})</span>
          </>
        )}
      </span>{' '}
      {detail && (
        <span className="contact-tree__detail" id={`${rowId}-d`}>
          {detail}
        </span>
      )}
    </span>
  );
}

/** A row as the selection model sees it: contacts are selectable, other rows only anchor. */
export const selectable = (row: Row): SelectableRow => ({
  key: row.key,
  id: row.kind === 'contact' ? row.contact.id : null,
});

const subtitle = (parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((p): p is string => !!p).join(' · ');

/** What a row's events do: one object for the tree's life, so a drawn row is not drawn again for them. */
type RowEvents = {
  focus: (row: Row) => void;
  keyDown: (event: KeyboardEvent<HTMLDivElement>, index: number) => void;
  click: (event: MouseEvent, row: Row) => void;
  contextMenu: (event: MouseEvent, row: Row) => void;
  /** The row's "…" button. */
  more: (event: MouseEvent, row: Row) => void;
};

/** The words rows are said in: one object per language (and group naming), shared by every row. */
type RowWords = {
  t: TFunction;
  groupName: (group: Pick<Group, 'kind' | 'name'>) => string;
};

type TreeRowProps = {
  row: Row;
  index: number;
  rowId: string;
  start: number;
  size: number;
  /** The roving tab stop. */
  active: boolean;
  selected: boolean;
  presenceState: PresenceState | undefined;
  /** What presence says ("In a meeting until 15:30"), when known. */
  presenceWords: string | undefined;
  photo: string | undefined;
  namesake: string | undefined;
  /** Unheard voice mails from this contact. */
  unheard: number;
  words: RowWords;
  events: RowEvents;
};

/**
 * Rows are rebuilt (new objects, same content) each time the list is flattened: a row is the same
 * row when every field is, so scrolling and typing only draw the rows that did change.
 */
function sameRow(a: Row, b: Row): boolean {
  if (a === b) return true;
  const ka = Object.keys(a) as Array<keyof Row>;
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is(a[k], b[k]));
}

function sameRowProps(a: TreeRowProps, b: TreeRowProps): boolean {
  for (const k of Object.keys(a) as Array<keyof TreeRowProps>)
    if (k === 'row' ? !sameRow(a.row, b.row) : !Object.is(a[k], b[k])) return false;
  return true;
}

/** One row of the tree: a group header, a contact, a distribution-group member or a note. */
const TreeRow = memo(function TreeRow({
  row,
  index,
  rowId,
  start,
  size,
  active,
  selected,
  presenceState,
  presenceWords,
  photo,
  namesake,
  unheard,
  words: { t, groupName },
  events,
}: TreeRowProps) {
  const common = {
    'data-row-key': row.key,
    className: `contact-tree__row contact-tree__row--${row.kind}`,
    style: { transform: `translateY(${start}px)`, height: `${size}px` },
    tabIndex: active ? 0 : -1,
    role: 'treeitem',
    onFocus: () => events.focus(row),
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => events.keyDown(e, index),
    onClick: (e: MouseEvent) => events.click(e, row),
    onContextMenu: (e: MouseEvent) => events.contextMenu(e, row),
  };
  const more = (e: MouseEvent) => events.more(e, row);

  if (row.kind === 'group') {
    const { group } = row;
    const count =
      group.kind === 'distribution'
        ? row.expanded && row.count > 0
          ? t('contacts.memberCount', { count: row.count })
          : t('contacts.distributionGroup')
        : t('contacts.groupCount', { count: row.count });
    return (
      <div
        {...common}
        aria-level={1}
        aria-setsize={row.setSize}
        aria-posinset={row.posInSet}
        aria-expanded={row.expanded}
        aria-labelledby={`${rowId}-n ${rowId}-c`}
      >
        <span className="contact-tree__chevron" aria-hidden="true" />
        <span className="contact-tree__group-name" id={`${rowId}-n`}>
          {groupName(group)}
        </span>{' '}
        <span className="visually-hidden" id={`${rowId}-c`}>
          {count}
        </span>{' '}
        <span className="contact-tree__count" aria-hidden="true">
          {group.kind === 'distribution' && !(row.expanded && row.count > 0) ? '' : row.count}
        </span>
        {hasGroupActions(group) && (
          <button
            type="button"
            className="button button--ghost contact-tree__more"
            tabIndex={-1}
            aria-label={t('contacts.row.groupActions', { name: groupName(group) })}
            onClick={more}
          >
            <span className="icon-more" aria-hidden="true" />
          </button>
        )}
      </div>
    );
  }

  if (row.kind === 'note') {
    return (
      <div {...common} aria-level={2} aria-setsize={1} aria-posinset={1}>
        <span className="muted">{t(`contacts.members.${row.note}`)}</span>
      </div>
    );
  }

  if (row.kind === 'member') {
    const { entry } = row;
    const detail = presenceWords ?? subtitle([entry.title, entry.department]);
    return (
      <div
        {...common}
        aria-level={2}
        aria-setsize={row.setSize}
        aria-posinset={row.posInSet}
        aria-selected={selected}
        aria-labelledby={personLabelledBy(rowId, detail)}
      >
        <span className="avatar-presence">
          <Avatar name={entry.displayName} address={entry.email} photoUrl={photo} />
          {presenceState && <PresenceBadge state={presenceState} />}
        </span>
        <PersonText rowId={rowId} name={entry.displayName} detail={detail} />
      </div>
    );
  }

  const { contact } = row;
  const pending = isPending(contact.id);
  const detail = pending
    ? t('contacts.row.pending')
    : (presenceWords ?? subtitle([contact.title, contact.department]));
  return (
    <div
      {...common}
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-selected={selected}
      aria-busy={pending || undefined}
      aria-labelledby={personLabelledBy(rowId, detail) + (unheard > 0 ? ` ${rowId}-vm` : '')}
    >
      <span className="avatar-presence">
        <Avatar
          name={contact.displayName}
          address={contact.email ?? contact.imAddress ?? contact.displayName}
          photoUrl={photo}
        />
        {presenceState && <PresenceBadge state={presenceState} />}
      </span>
      <PersonText rowId={rowId} name={contact.displayName} detail={detail} namesake={namesake} />
      {unheard > 0 && <VoicemailBadge id={`${rowId}-vm`} count={unheard} />}
      <button
        type="button"
        className="button button--ghost contact-tree__more"
        tabIndex={-1}
        aria-label={t('contacts.row.actions', { name: contact.displayName })}
        onClick={more}
      >
        <span className="icon-more" aria-hidden="true" />
      </button>
    </div>
  );
}, sameRowProps);

/**
 * The contact list: a virtualised ARIA tree (group headers at level 1, contacts at level 2) with
 * roving focus. Only the rows in view (plus a few, plus the focused one) exist in the DOM, each
 * with aria-setsize / aria-posinset so screen readers still tell "3 of 120".
 */
export const ContactTree = memo(function ContactTree({
  rows,
  label,
  selectedContactId,
  showPhotos,
  readOnly,
  onOpenContact,
  onOpenMember,
  selectedMemberEmail,
  onToggleGroup,
  onContactActions,
  onGroupActions,
  onRemoveContact,
  onLeaveTop,
  reveal,
  onVisible,
  namesakes,
  selectedIds,
  onSelectGesture,
  ref,
}: Props) {
  const { t } = useTranslation();
  const presenceByEmail = useRoster((s) => s.presenceByEmail);
  const presenceText = usePresenceText();
  // Voice mail (issue 23): unheard voice mails by caller, for the missed-call badge.
  const voicemailEntries = useRoster((s) =>
    featureOn(s.features, 'voicemail') && 'value' in s.voicemail
      ? (s.voicemail.value?.entries ?? NO_VOICEMAIL)
      : NO_VOICEMAIL,
  );
  const unheard = useMemo(() => unheardByEmail(voicemailEntries), [voicemailEntries]);
  const groupName = useGroupName();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const focusPending = useRef(false);

  /** Where the active row was: when it leaves the list (removed, filtered out), its neighbour takes over. */
  const lastIndex = useRef(0);
  const found = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  const activeIndex =
    found >= 0 ? found : rows.length > 0 ? Math.min(lastIndex.current, rows.length - 1) : -1;
  const activeGone = activeKey !== null && found < 0;
  useEffect(() => {
    if (activeIndex >= 0) lastIndex.current = activeIndex;
  });

  // The focused row was removed (e.g. Delete, then confirm): focus its neighbour instead of the page.
  useEffect(() => {
    if (!activeGone) return;
    const next = rows[activeIndex]?.key ?? null;
    setActiveKey(next);
    const focused = document.activeElement;
    if (!focused || focused === document.body) focusPending.current = true;
  }, [activeGone, activeIndex, rows]);

  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const estimateSize = useCallback((i: number) => HEIGHTS[rows[i]?.kind ?? 'contact'], [rows]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // The focused row always exists, so focus is never lost to virtualisation.
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );

  // The virtualizer is mutable by design; this component is not compiled by React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 6,
  });

  const focusRow = useCallback((key: string | null) => {
    if (!key) return;
    const drawn = scrollRef.current?.querySelectorAll<HTMLElement>('[data-row-key]') ?? [];
    for (const el of drawn) if (el.dataset.rowKey === key) el.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    focusRow(rows[activeIndex]?.key ?? null);
  });

  // Show what an edit produced (a new group, an added contact) without moving keyboard focus.
  const revealed = useRef(0);
  useEffect(() => {
    if (!reveal || reveal.seq === revealed.current) return;
    for (const key of reveal.keys) {
      const index = rows.findIndex((r) => r.key === key);
      if (index < 0) continue;
      revealed.current = reveal.seq;
      setActiveKey(key);
      virtualizer.scrollToIndex(index, { align: 'center' });
      return;
    }
  }, [reveal, rows, virtualizer]);

  useImperativeHandle(ref, () => ({ focus: () => moveTo(activeIndex) }));

  function moveTo(index: number): Row | undefined {
    if (rows.length === 0) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[clamped];
    if (!row) return;
    focusPending.current = true;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    // When the row is already drawn, focus it now; otherwise the effect does after the render.
    focusRow(row.key);
    return row;
  }

  /** Type-ahead, as desktop lists do: jump to the next row whose name starts with what was typed. */
  const typed = useRef({ text: '', at: 0 });
  function rowName(row: Row): string {
    if (row.kind === 'group') return groupName(row.group);
    if (row.kind === 'contact') return row.contact.displayName;
    if (row.kind === 'member') return row.entry.displayName;
    return '';
  }
  function typeAhead(char: string, index: number, now: number): void {
    const fresh = now - typed.current.at > TYPEAHEAD_MS;
    const text = fresh ? char : typed.current.text + char;
    typed.current = { text, at: now };
    // The same letter again moves on to the next match; more letters refine from the current row.
    const repeat = text.length > 1 && [...text].every((c) => c === text[0]);
    const start = text.length === 1 || repeat ? index + 1 : index;
    const prefix = fold(repeat ? char : text);
    for (let step = 0; step < rows.length; step++) {
      const i = (start + step) % rows.length;
      const row = rows[i];
      if (row && fold(rowName(row)).startsWith(prefix)) {
        moveTo(i);
        return;
      }
    }
  }

  function parentIndex(index: number): number {
    for (let i = index - 1; i >= 0; i--) if (rows[i]?.kind === 'group') return i;
    return -1;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number) {
    const row = rows[index];
    if (!row) return;
    const key = event.key;
    let handled = true;
    const typing = Date.now() - typed.current.at <= TYPEAHEAD_MS && typed.current.text !== '';
    const printable = key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (printable && (key !== ' ' || typing)) typeAhead(key, index, Date.now());
    else if (onSelectGesture && event.shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) {
      const to = moveTo(key === 'ArrowDown' ? index + 1 : index - 1);
      if (to) onSelectGesture({ kind: 'extend', to: to.key, from: row.key });
    } else if (onSelectGesture && key === ' ' && (event.ctrlKey || event.metaKey)) {
      if (row.kind === 'contact') onSelectGesture({ kind: 'toggle', row: selectable(row) });
    } else if (onSelectGesture && key === 'Escape' && (selectedIds?.size ?? 0) > 0)
      onSelectGesture({ kind: 'clear' });
    else if (key === 'ArrowDown') moveTo(index + 1);
    else if (key === 'ArrowUp') {
      if (index === 0) onLeaveTop();
      else moveTo(index - 1);
    } else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(rows.length - 1);
    else if (key === 'PageDown') moveTo(index + PAGE);
    else if (key === 'PageUp') moveTo(index - PAGE);
    else if (key === 'ArrowRight' && row.kind === 'group') {
      if (!row.expanded) onToggleGroup(row.group);
      else moveTo(index + 1);
    } else if (key === 'ArrowLeft') {
      if (row.kind === 'group') {
        if (row.expanded) onToggleGroup(row.group);
      } else {
        const parent = parentIndex(index);
        if (parent >= 0) moveTo(parent);
      }
    } else if (key === 'Enter' || key === ' ') {
      if (row.kind === 'group') onToggleGroup(row.group);
      else if (row.kind === 'contact') onOpenContact(row.contact);
      else if (row.kind === 'member') onOpenMember?.(row.entry);
    } else if ((key === 'Delete' || key === 'Backspace') && row.kind === 'contact' && !readOnly)
      onRemoveContact(row.contact);
    else if (key === 'F2' && row.kind === 'group' && hasGroupActions(row.group)) onGroupActions(row.group);
    else if (key === 'ContextMenu' || (key === 'F10' && event.shiftKey)) {
      if (row.kind === 'group') {
        if (hasGroupActions(row.group)) onGroupActions(row.group);
      } else if (row.kind === 'contact') onContactActions(row.contact, row.groupId);
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  const size = rowPhotoSize();
  const items = virtualizer.getVirtualItems();

  // The group of the row at the top stays in view above it (a sticky header), as in Outlook and
  // Lync: scrolled into a long group, one still sees which group it is (a click goes back to it).
  const offset = virtualizer.scrollOffset ?? 0;
  const topItem = items.find((item) => item.end > offset);
  let stickyGroup: Extract<Row, { kind: 'group' }> | null = null;
  if (topItem && (rows[topItem.index]?.kind !== 'group' || topItem.start < offset)) {
    for (let i = topItem.index; i >= 0; i--) {
      const row = rows[i];
      if (row?.kind === 'group') {
        stickyGroup = row.expanded ? row : null;
        break;
      }
    }
  }
  const visible = items
    .map((item) => rows[item.index])
    .flatMap((row) =>
      row?.kind === 'contact' && row.contact.email
        ? [row.contact.email]
        : row?.kind === 'member'
          ? [row.entry.email]
          : [],
    );
  const visibleKey = visible.join(',');
  useEffect(() => {
    onVisible?.(visibleKey ? visibleKey.split(',') : []);
  }, [visibleKey, onVisible]);
  // Rows are named by their visible text (aria-labelledby), so the name a voice-control user
  // reads on screen is the name (WCAG 2.5.3); the count's words are added for screen readers.
  const baseId = useId();

  const words = useMemo<RowWords>(() => ({ t, groupName }), [t, groupName]);
  // What presence says, once per person's state and instant (a presence push that changes nothing
  // for a row leaves the row as it is).
  const wordsOf = useMemo(() => {
    const said = new WeakMap<PresenceInfo, string | null>();
    return (info: PresenceInfo): string | null => {
      let text = said.get(info);
      if (text === undefined) {
        text = presenceText(info);
        said.set(info, text);
      }
      return text;
    };
  }, [presenceText]);

  // The rows' events read the tree's latest props and state through this, so the object handed to
  // every row never changes.
  const handlers = {
    onKeyDown,
    onOpenContact,
    onOpenMember,
    onToggleGroup,
    onContactActions,
    onGroupActions,
    onSelectGesture,
  };
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const events = useMemo<RowEvents>(
    () => ({
      focus: (row) => setActiveKey(row.key),
      keyDown: (event, index) => latest.current.onKeyDown(event, index),
      click: (event, row) => {
        const on = latest.current;
        if (row.kind === 'note') return;
        setActiveKey(row.key);
        if (row.kind === 'group') on.onToggleGroup(row.group);
        else if (row.kind === 'member') on.onOpenMember?.(row.entry);
        else if (on.onSelectGesture && (event.ctrlKey || event.metaKey))
          on.onSelectGesture({ kind: 'toggle', row: selectable(row) });
        else if (on.onSelectGesture && event.shiftKey) on.onSelectGesture({ kind: 'extend', to: row.key });
        else {
          on.onSelectGesture?.({ kind: 'only', row: selectable(row) });
          on.onOpenContact(row.contact);
        }
      },
      // Right-click: the row's actions, as the context-menu key and Shift+F10 give.
      contextMenu: (event, row) => {
        const on = latest.current;
        if (row.kind === 'group' && hasGroupActions(row.group)) {
          event.preventDefault();
          setActiveKey(row.key);
          on.onGroupActions(row.group);
        } else if (row.kind === 'contact') {
          event.preventDefault();
          setActiveKey(row.key);
          on.onContactActions(row.contact, row.groupId);
        }
      },
      more: (event, row) => {
        event.stopPropagation();
        const on = latest.current;
        if (row.kind === 'group') on.onGroupActions(row.group);
        else if (row.kind === 'contact') on.onContactActions(row.contact, row.groupId);
      },
    }),
    [],
  );

  return (
    <div ref={scrollRef} className="contact-tree">
      {stickyGroup && (
        // A copy for the eye and the mouse; keyboard and screen-reader users have the real header.
        <div
          className="contact-tree__row contact-tree__row--group contact-tree__sticky"
          aria-hidden="true"
          data-sticky-group={stickyGroup.group.id}
          onClick={() => {
            const index = rows.indexOf(stickyGroup);
            if (index >= 0) virtualizer.scrollToIndex(index, { align: 'start' });
          }}
        >
          <span className="contact-tree__chevron" />
          <span className="contact-tree__group-name">{groupName(stickyGroup.group)}</span>
          <span className="contact-tree__count">{stickyGroup.count}</span>
        </div>
      )}
      <div
        className="contact-tree__sizer"
        role="tree"
        aria-label={label}
        aria-multiselectable={onSelectGesture ? true : undefined}
        style={{ height: `${virtualizer.getTotalSize()}px` }}
      >
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const email =
            row.kind === 'contact' ? row.contact.email : row.kind === 'member' ? row.entry.email : undefined;
          const presence = email ? presenceByEmail.get(email.toLowerCase()) : undefined;
          return (
            <TreeRow
              key={item.key}
              row={row}
              index={item.index}
              rowId={`${baseId}-${item.index}`}
              start={item.start}
              size={item.size}
              active={item.index === activeIndex}
              selected={
                row.kind === 'contact'
                  ? selectedIds
                    ? selectedIds.has(row.contact.id)
                    : row.contact.id === selectedContactId
                  : row.kind === 'member' &&
                    !!selectedMemberEmail &&
                    row.entry.email.toLowerCase() === selectedMemberEmail.toLowerCase()
              }
              presenceState={presence?.state}
              presenceWords={presence ? (wordsOf(presence) ?? undefined) : undefined}
              photo={showPhotos && email ? photoUrl(email, size) : undefined}
              namesake={row.kind === 'contact' ? namesakes?.get(row.contact.id) : undefined}
              unheard={row.kind === 'contact' && email ? (unheard.get(email.toLowerCase()) ?? 0) : 0}
              words={words}
              events={events}
            />
          );
        })}
      </div>
    </div>
  );
});
