/**
 * Voice mail: the mailbox's voicemail search folder (Exchange UM's messages), newest first, with
 * callers resolved to contacts; the audio for the player (size-capped, type-checked by content
 * type and by the bytes' own header); read/unread and delete (to Deleted Items).
 *
 * Every dependency is handed in; no Electron, no shell, no simulator.
 */
import type { ExchangeClient } from '../../exchange/client';
import { MAX_ATTACHMENT_BYTES } from '../../exchange/operations/mail';
import { AppError } from '../../errors';
import { htmlToInertText } from '../history/sanitize';
import {
  sniffAudio,
  toVoicemailEntry,
  type AudioType,
  type CallerContact,
  type VoicemailEntry,
  type VoicemailPage,
} from './mapping';

export type { CallerContact, VoicemailEntry, VoicemailPage } from './mapping';

/** What the service needs of the EWS client. */
export type VoicemailClient = Pick<
  ExchangeClient,
  'findMailItems' | 'getMailItem' | 'getAttachment' | 'setReadState' | 'deleteToDeletedItems'
>;

export interface VoicemailDeps {
  client: () => VoicemailClient | null;
  /** The contact list, to name callers (none: callers keep the names the server gave). */
  contacts?: () => readonly CallerContact[];
}

export interface VoicemailMessage {
  entry: VoicemailEntry;
  /** The whole body as plain text (UM's transcription and its note). */
  text: string;
}

export interface VoicemailAudio {
  contentType: AudioType;
  bytes: Uint8Array;
}

export interface VoicemailService {
  list(page?: { offset?: number; max?: number }): Promise<VoicemailPage>;
  open(id: string): Promise<VoicemailMessage>;
  audio(id: string): Promise<VoicemailAudio>;
  setRead(id: string, read: boolean): Promise<void>;
  remove(id: string): Promise<void>;
}

export const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

function requireId(id: string): string {
  if (id.trim() === '') throw new AppError('bad-input', 'No voice mail was named.');
  return id;
}

export function createVoicemailService(deps: VoicemailDeps): VoicemailService {
  const client = (): VoicemailClient => {
    const c = deps.client();
    if (!c) throw new AppError('auth', 'Sign in to see your voice mail.');
    return c;
  };
  const contacts = (): readonly CallerContact[] => deps.contacts?.() ?? [];

  return {
    async list(page) {
      const offset = page?.offset ?? 0;
      const max = page?.max ?? DEFAULT_PAGE;
      if (!Number.isInteger(offset) || offset < 0)
        throw new AppError('bad-input', 'The page offset is not valid.');
      if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE)
        throw new AppError('bad-input', `A page holds 1 to ${MAX_PAGE} voice mails.`);
      const p = await client().findMailItems({ folder: 'voicemail', offset, max });
      const known = contacts();
      const out: VoicemailPage = {
        entries: p.items.map((i) => toVoicemailEntry(i, known)),
        total: p.totalItems,
      };
      if (p.nextOffset !== undefined) out.nextOffset = p.nextOffset;
      return out;
    },
    async open(id) {
      const item = await client().getMailItem({ id: requireId(id) });
      return { entry: toVoicemailEntry(item, contacts()), text: htmlToInertText(item.bodyHtml) };
    },
    async audio(id) {
      const c = client();
      const item = await c.getMailItem({ id: requireId(id) });
      const att = item.attachments.find((a) => a.contentType.startsWith('audio/'));
      if (!att) throw new AppError('not-found', 'This voice mail has no recording.');
      if (att.size !== undefined && att.size > MAX_ATTACHMENT_BYTES)
        throw new AppError('server', 'The recording is too large to play here.', {
          code: 'AttachmentTooLarge',
        });
      const got = await c.getAttachment(att.id, { accept: 'audio/', maxBytes: MAX_ATTACHMENT_BYTES });
      const type = sniffAudio(got.bytes);
      if (!type)
        throw new AppError('server', 'The recording is not in an audio format Roster plays.', {
          code: 'AttachmentTypeRefused',
        });
      return { contentType: type, bytes: got.bytes };
    },
    async setRead(id, read) {
      await client().setReadState([{ id: requireId(id) }], read);
    },
    async remove(id) {
      await client().deleteToDeletedItems([{ id: requireId(id) }]);
    },
  };
}
