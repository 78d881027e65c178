/**
 * Conversation History: the mailbox's Lync transcripts, read in pages (newest first), searched on
 * subject and body, opened as inert text, and the recent ones with one contact. Read-only.
 *
 * Every dependency is handed in; no Electron, no shell, no simulator.
 */
import type { ExchangeClient } from '../../exchange/client';
import { MAX_SEARCH_LENGTH, type FindMailOptions, type MailPage } from '../../exchange/operations/mail';
import { AppError } from '../../errors';
import { involves, toHistoryEntry, type HistoryEntry, type HistoryPage, type Me } from './mapping';
import { htmlToInertText, transcriptEntries, type TranscriptEntry } from './sanitize';

export type { HistoryEntry, HistoryPage } from './mapping';
export type { TranscriptEntry } from './sanitize';

/** What the service needs of the EWS client. */
export type HistoryClient = Pick<ExchangeClient, 'findMailItems' | 'getMailItem' | 'findFolders'>;

export interface HistoryDeps {
  client: () => HistoryClient | null;
  /** The signed-in user (to leave them out of participants). */
  me: () => Me | null;
}

export interface PageRequest {
  offset?: number;
  /** 1–100, default 50. */
  max?: number;
}

export interface Conversation {
  entry: HistoryEntry;
  /** Who said what and when; plain text only. */
  transcript: TranscriptEntry[];
  /** The whole body as plain text (for copy). */
  text: string;
}

export interface HistoryService {
  list(page?: PageRequest): Promise<HistoryPage>;
  search(text: string, page?: PageRequest): Promise<HistoryPage>;
  open(id: string): Promise<Conversation>;
  /** The latest conversations with one person (looks through the newest `scan` items, 200). */
  recentWith(who: { email: string; displayName?: string }, max?: number): Promise<HistoryEntry[]>;
}

export const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;
const SCAN = 200;

/**
 * The folder's name where a server has no `conversationhistory` distinguished id (Exchange 2010),
 * as Lync names it in the languages Roster speaks.
 */
export const HISTORY_FOLDER_NAMES = ['Conversation History', 'Historique des conversations'];
/** What a server without the distinguished id answers for it. */
const NO_DISTINGUISHED_ID = new Set(['ErrorFolderNotFound', 'ErrorSchemaValidation', 'ErrorInvalidRequest']);

type Folder = FindMailOptions['folder'];

function pageArgs(page: PageRequest | undefined): { offset: number; max: number } {
  const offset = page?.offset ?? 0;
  const max = page?.max ?? DEFAULT_PAGE;
  if (!Number.isInteger(offset) || offset < 0)
    throw new AppError('bad-input', 'The page offset is not valid.');
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE)
    throw new AppError('bad-input', `A page holds 1 to ${MAX_PAGE} conversations.`);
  return { offset, max };
}

export function createHistoryService(deps: HistoryDeps): HistoryService {
  const session = (): { client: HistoryClient; me: Me } => {
    const client = deps.client();
    const me = deps.me();
    if (!client || !me) throw new AppError('auth', 'Sign in to see your conversation history.');
    return { client, me };
  };

  // The folder found for the client in use (a new sign-in is a new client).
  let resolved: { client: HistoryClient; folder: Folder } | undefined;

  const findIn = async (client: HistoryClient, args: Omit<FindMailOptions, 'folder'>): Promise<MailPage> => {
    if (resolved?.client === client) return client.findMailItems({ folder: resolved.folder, ...args });
    try {
      const p = await client.findMailItems({ folder: 'conversationhistory', ...args });
      resolved = { client, folder: 'conversationhistory' };
      return p;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !NO_DISTINGUISHED_ID.has(code)) throw err;
      const names = HISTORY_FOLDER_NAMES.map((n) => n.toLowerCase());
      const found = (await client.findFolders('msgfolderroot')).find((f) =>
        names.includes(f.displayName.trim().toLowerCase()),
      );
      if (!found)
        throw new AppError('not-found', 'This mailbox has no Conversation History folder.', {
          code: 'NoConversationHistory',
        });
      resolved = { client, folder: { id: found.id } };
      return client.findMailItems({ folder: resolved.folder, ...args });
    }
  };

  const find = async (page: PageRequest | undefined, search?: string): Promise<HistoryPage> => {
    const { client, me } = session();
    const p = await findIn(client, { ...pageArgs(page), ...(search ? { search } : {}) });
    const out: HistoryPage = { entries: p.items.map((i) => toHistoryEntry(i, me)), total: p.totalItems };
    if (p.nextOffset !== undefined) out.nextOffset = p.nextOffset;
    return out;
  };

  return {
    list: (page) => find(page),
    search(text, page) {
      const t = text.trim();
      if (t === '') return find(page);
      if (t.length > MAX_SEARCH_LENGTH)
        return Promise.reject(
          new AppError('bad-input', `Search for at most ${MAX_SEARCH_LENGTH} characters.`),
        );
      return find(page, t);
    },
    async open(id) {
      if (id.trim() === '') throw new AppError('bad-input', 'No conversation was named.');
      const { client, me } = session();
      const item = await client.getMailItem({ id });
      return {
        entry: toHistoryEntry(item, me),
        transcript: transcriptEntries(item.bodyHtml),
        text: htmlToInertText(item.bodyHtml),
      };
    },
    async recentWith(who, max = 5) {
      if (who.email.trim() === '') throw new AppError('bad-input', 'No contact was named.');
      const { client, me } = session();
      const found: HistoryEntry[] = [];
      let offset: number | undefined = 0;
      while (offset !== undefined && offset < SCAN && found.length < max) {
        const p = await findIn(client, { offset, max: MAX_PAGE });
        for (const item of p.items) {
          const entry = toHistoryEntry(item, me);
          if (involves(entry, who)) found.push(entry);
        }
        offset = p.nextOffset;
      }
      return found.slice(0, max);
    },
  };
}
