/**
 * A change journal for one sync scope (one folder's items, or one folder hierarchy), as
 * SyncFolderItems and SyncFolderHierarchy read it. Every entry has the next number of a counter
 * that only grows; a client's sync state is the number it has seen up to.
 *
 * The journal is written by observation: each sync first compares what the folder holds now with
 * what it held at the last look and appends what differs (created, updated, read flag changed,
 * deleted). Every mutating operation (CreateItem, UpdateItem, DeleteItem, the UCS operations…)
 * changes an object's change key or content, so its change is in the next sync without those
 * operations calling anything; two edits between two syncs are one Update, and an object created
 * and deleted between two syncs never shows, as on Exchange.
 *
 * What a client is told is decided against the state it holds, not by replaying entries: an object
 * that did not exist at its sequence number and exists now is a Create, existed and is gone a
 * Delete, existed and exists with only read-flag entries since a ReadFlagChange, otherwise an
 * Update; one that neither existed then nor exists now is left out.
 *
 * Pure: no I/O, no clock.
 */

/** What the journal keeps of one object at one look. */
export interface Observed {
  /** The object's change key. */
  version: string;
  /** A fingerprint of everything but the change key and the read flag. */
  content: string;
  /** Messages only. */
  isRead?: boolean;
}

export type EntryKind = 'create' | 'update' | 'read' | 'delete';

export interface JournalEntry {
  seq: number;
  id: string;
  kind: EntryKind;
}

export type ChangeType = 'Create' | 'Update' | 'Delete' | 'ReadFlagChange';

export interface Change {
  id: string;
  type: ChangeType;
}

export interface ChangePage {
  changes: Change[];
  /** The sequence number the client stands at after this page. */
  next: number;
  /** False when more changes wait beyond `next`. */
  includesLast: boolean;
}

/** How an object changed between two looks; undefined when it did not. */
export function entryKind(before: Observed | undefined, now: Observed | undefined): EntryKind | undefined {
  if (!before) return now ? 'create' : undefined;
  if (!now) return 'delete';
  if (before.content !== now.content) return 'update';
  if (before.isRead !== now.isRead) return 'read';
  return before.version !== now.version ? 'update' : undefined;
}

export class ChangeJournal {
  private seq = 0;
  private readonly entries: JournalEntry[] = [];
  private last = new Map<string, Observed>();

  /** The highest sequence number given so far. */
  get head(): number {
    return this.seq;
  }

  /** Every entry, oldest first (for tests and diagnostics). */
  get log(): readonly JournalEntry[] {
    return this.entries;
  }

  /**
   * Appends what differs between the last look and `now` (objects in `now`'s order, then the
   * deleted ones in the order they were seen). Returns how many entries it added.
   */
  observe(now: ReadonlyMap<string, Observed>): number {
    const before = this.entries.length;
    for (const [id, obs] of now) {
      const kind = entryKind(this.last.get(id), obs);
      if (kind) this.append(id, kind);
    }
    for (const id of this.last.keys()) if (!now.has(id)) this.append(id, 'delete');
    this.last = new Map(now);
    return this.entries.length - before;
  }

  private append(id: string, kind: EntryKind): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, id, kind });
  }

  /**
   * The changes after sequence number `from` (at most `max`, each object once, in the order of its
   * first change after `from`), objects in `ignore` left out; undefined when `from` is beyond the
   * head (a state this journal never gave).
   */
  changesSince(from: number, max: number, ignore: ReadonlySet<string> = new Set()): ChangePage | undefined {
    if (!Number.isInteger(from) || from < 0 || from > this.seq) return undefined;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer: ${max}`);
    const atFrom = new Map<string, EntryKind>();
    const since = new Map<string, { first: number; kinds: EntryKind[] }>();
    for (const e of this.entries) {
      if (e.seq <= from) {
        atFrom.set(e.id, e.kind);
        continue;
      }
      const s = since.get(e.id);
      if (s) s.kinds.push(e.kind);
      else since.set(e.id, { first: e.seq, kinds: [e.kind] });
    }
    const reportable: { first: number; change: Change }[] = [];
    for (const [id, { first, kinds }] of since) {
      if (ignore.has(id)) continue;
      const before = atFrom.get(id);
      const existed = before !== undefined && before !== 'delete';
      const exists = kinds[kinds.length - 1] !== 'delete';
      let type: ChangeType | undefined;
      if (!existed) type = exists ? 'Create' : undefined;
      else if (!exists) type = 'Delete';
      else type = kinds.every((k) => k === 'read') ? 'ReadFlagChange' : 'Update';
      if (type) reportable.push({ first, change: { id, type } });
    }
    const page = reportable.slice(0, max);
    const after = reportable[max];
    return {
      changes: page.map((r) => r.change),
      next: after ? after.first - 1 : this.seq,
      includesLast: after === undefined,
    };
  }
}
