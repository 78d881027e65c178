/**
 * The migration verdicts as small pure functions, each with the reason for its rule, so a test
 * can read them like a table. Each turns what was seen into a Check: a status, the evidence in
 * words a ticket can carry, and a next step a help-desk person can follow. index.ts only calls them.
 */
import type { ListStorage } from '../../../preload/contract';
import {
  CHECK_TITLES,
  type Check,
  type CheckId,
  type CheckStatus,
  type Comparison,
  type UcsCounts,
} from './types';

/** Lync Server's default cap on a user's contact list (UCS enforces the same). */
export const CONTACT_LIMIT = 1000;
/** Warn before the cap: past it, Lync silently drops new contacts and migration can fail. */
export const CONTACT_WARN_FROM = 900;
/** The photo size Lync 2013 asks Exchange for. */
export const PHOTO_FULL_SIZE = 648;

export function check(id: CheckId, status: CheckStatus, evidence: string, nextStep = ''): Check {
  return { id, title: CHECK_TITLES[id], status, evidence, nextStep };
}

/** A check that could not run because an earlier one failed: unproven is not a pass. */
export function notRun(id: CheckId, because: CheckId): Check {
  return check(
    id,
    'fail',
    `Not checked: "${CHECK_TITLES[because]}" failed first.`,
    `Fix "${CHECK_TITLES[because]}", then run the check again.`,
  );
}

/** Any failure fails the user; a warning alone does not (it proves nothing was lost). */
export function overallVerdict(checks: readonly Check[]): CheckStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'pass';
}

export type AutodiscoverSeen =
  { found: true; ewsUrl: string; via: string } | { found: false; error: string; fallbackEwsUrl?: string };

/** Lync finds the UCS through autodiscover: an EWS URL typed by hand does not help the user's client. */
export function autodiscoverCheck(seen: AutodiscoverSeen): Check {
  if (seen.found) return check('autodiscover', 'pass', `Found EWS at ${seen.ewsUrl} (via ${seen.via}).`);
  return check(
    'autodiscover',
    'fail',
    `Autodiscover did not find the mailbox: ${seen.error}` +
      (seen.fallbackEwsUrl ? ` The other checks used ${seen.fallbackEwsUrl}.` : ''),
    'Check the autodiscover DNS record and the Autodiscover virtual directory for the user’s domain; Lync needs it to find the contact list.',
  );
}

/** Major version 15 is Exchange 2013/2016/2019, the first with the Unified Contact Store. */
export function versionCheck(version: string | undefined): Check {
  const major = Number.parseInt(version ?? '', 10);
  if (!version || !Number.isFinite(major))
    return check(
      'ews-version',
      'warn',
      'EWS answered but did not say its version.',
      'Ask the Exchange team which version serves this mailbox; UCS needs Exchange 2013 or later.',
    );
  if (major >= 15)
    return check('ews-version', 'pass', `EWS answered; server version ${version} (Exchange 2013 or later).`);
  return check(
    'ews-version',
    'fail',
    `The mailbox is on Exchange version ${version}, older than Exchange 2013: it has no Unified Contact Store.`,
    'Move the mailbox to Exchange 2013 or later before migrating the contact list; until then the list stays on Lync Server.',
  );
}

export type SignInSeen =
  | { ok: true; account: string; scheme: string }
  | { ok: false; account: string; kind: string; message: string };

export function signInCheck(seen: SignInSeen): Check {
  if (seen.ok) return check('sign-in', 'pass', `Signed in as ${seen.account} with ${seen.scheme}.`);
  const next =
    seen.kind === 'auth'
      ? 'Check the user name and password of the signed-in account (and that it is not locked out).'
      : seen.kind === 'network'
        ? 'Check the network path to the Exchange server (VPN, proxy, firewall), then try again.'
        : 'Try again; if it keeps failing, give the Exchange team this evidence.';
  return check('sign-in', 'fail', `Sign-in as ${seen.account} failed (${seen.kind}): ${seen.message}`, next);
}

export type AccessSeen =
  | { ok: true; own: boolean; helpdesk: string; user: string }
  | { ok: false; own: boolean; helpdesk: string; user: string; code?: string; message: string };

/** Reading someone else's list needs ApplicationImpersonation; without it Exchange refuses the header. */
export function mailboxAccessCheck(seen: AccessSeen): Check {
  if (seen.ok)
    return check(
      'mailbox-access',
      'pass',
      seen.own
        ? `Own mailbox: ${seen.user}.`
        : `${seen.helpdesk} reached ${seen.user} by impersonation (ExchangeImpersonation).`,
    );
  const denied = seen.code !== undefined && /Impersonat/i.test(seen.code);
  return check(
    'mailbox-access',
    'fail',
    seen.own
      ? `The mailbox ${seen.user} could not be opened: ${seen.message}`
      : `${seen.helpdesk} could not act as ${seen.user}${seen.code && !seen.message.includes(seen.code) ? ` (${seen.code})` : ''}: ${seen.message}`,
    denied
      ? `Give ${seen.helpdesk} the ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation -User ${seen.helpdesk}), or sign in as the user.`
      : 'Check that the address is the user’s primary SMTP address and that the mailbox exists on Exchange.',
  );
}

/** The folder's class is the same in every language; its name ("Lync Contacts") is not. */
export const LYNC_CONTACTS_CLASS = 'IPF.Contact.MOC.QuickContacts';
const LYNC_CONTACTS_NAMES = ['lync contacts', 'skype for business contacts'];

export function isLyncContactsFolder(f: { displayName: string; folderClass?: string }): boolean {
  if (f.folderClass?.toLowerCase() === LYNC_CONTACTS_CLASS.toLowerCase()) return true;
  return LYNC_CONTACTS_NAMES.includes(f.displayName.trim().toLowerCase());
}

export function folderCheck(
  found: { displayName: string; folderClass?: string; totalCount?: number } | null,
): Check {
  if (found)
    return check(
      'lync-contacts-folder',
      'pass',
      `"${found.displayName}" found under Contacts${found.folderClass ? ` (${found.folderClass})` : ''}` +
        (found.totalCount !== undefined ? `, ${found.totalCount} item(s).` : '.'),
    );
  return check(
    'lync-contacts-folder',
    'fail',
    'No "Lync Contacts" folder under Contacts: Exchange makes it when Lync Server moves the list.',
    'Check that the user has a Lync user services policy with UcsAllowed $true and is homed on Lync Server 2013 or later; the list moves at the user’s next Lync sign-in.',
  );
}

export function ucsListCheck(counts: UcsCounts): Check {
  return check(
    'ucs-list',
    'pass',
    `The list loads: ${counts.contacts} contact(s) (${counts.telephoneOnly} telephone-only), ${counts.groups} group(s), ${counts.distributionGroups} distribution group(s).`,
  );
}

export function ucsListFailed(kind: string, message: string): Check {
  return check(
    'ucs-list',
    'fail',
    `The list did not load (${kind}): ${message}`,
    'Try again; if it keeps failing, give the Exchange team this evidence (GetImItemList failed).',
  );
}

export function contactLimitCheck(contacts: number): Check {
  if (contacts > CONTACT_LIMIT)
    return check(
      'contact-limit',
      'fail',
      `${contacts} contacts: over the ${CONTACT_LIMIT.toLocaleString('en')}-contact limit.`,
      `Ask the user to remove ${contacts - CONTACT_LIMIT} or more contacts; Lync stops adding and syncing past the limit.`,
    );
  if (contacts >= CONTACT_WARN_FROM)
    return check(
      'contact-limit',
      'warn',
      `${contacts} contacts: near the ${CONTACT_LIMIT.toLocaleString('en')}-contact limit (${CONTACT_LIMIT - contacts} left).`,
      'Tell the user the list is nearly full; new contacts will be refused past the limit.',
    );
  return check(
    'contact-limit',
    'pass',
    `${contacts} contacts, under the ${CONTACT_LIMIT.toLocaleString('en')}-contact limit.`,
  );
}

export type PhotoSeen =
  | { status: 'ok'; width: number; height: number; format: string; bytes: number }
  | { status: 'none' }
  | { status: 'error'; message: string };

/** A missing or small photo costs no contact: it is worth a warning, never a failure. */
export function photoCheck(seen: PhotoSeen): Check {
  if (seen.status === 'none')
    return check(
      'photo',
      'warn',
      'No photo stored in Exchange (GetUserPhoto HR648x648 answered "no photo").',
      'If the user wants a high-resolution photo, upload one (Set-UserPhoto) at 648×648.',
    );
  if (seen.status === 'error')
    return check(
      'photo',
      'warn',
      `The photo could not be read: ${seen.message}`,
      'Try again later; this does not affect the contact list.',
    );
  const size = `${seen.width}×${seen.height} ${seen.format.toUpperCase()}, ${Math.max(1, Math.round(seen.bytes / 1024))} KB`;
  if (Math.max(seen.width, seen.height) < PHOTO_FULL_SIZE)
    return check(
      'photo',
      'warn',
      `Photo stored, served at HR648x648 as ${size}: smaller than 648×648.`,
      'Upload a larger photo (648×648) with Set-UserPhoto for a sharp picture in Lync.',
    );
  return check('photo', 'pass', `Photo stored, served at HR648x648 as ${size}.`);
}

export function freeBusyCheck(seen: { ok: true; events: number } | { ok: false; message: string }): Check {
  if (seen.ok)
    return check(
      'free-busy',
      'pass',
      `Free/busy read for the next 24 hours: ${seen.events} calendar period(s).`,
    );
  return check(
    'free-busy',
    'fail',
    `Free/busy could not be read: ${seen.message}`,
    'Check the calendar’s default sharing permission (at least "Free/Busy time") and the availability service.',
  );
}

/** What reading one of the mailbox's folders showed: its item count, or why it could not be read. */
export type FolderSeen = { ok: true; items: number } | { ok: false; code?: string; message: string };

/** The folder's distinguished id is not there (no such folder in this mailbox). */
const folderMissing = (seen: { code?: string }): boolean => seen.code === 'ErrorFolderNotFound';

/**
 * Lync archives IM and conference transcripts in Conversation History. Missing or unreadable is a
 * warning, not a failure: the contact list does not depend on it, and saving is a Lync option.
 */
export function historyFolderCheck(seen: FolderSeen): Check {
  if (seen.ok)
    return check('history-folder', 'pass', `Conversation History folder found, ${seen.items} item(s).`);
  return check(
    'history-folder',
    'warn',
    folderMissing(seen)
      ? 'This mailbox has no Conversation History folder.'
      : `The Conversation History folder could not be read: ${seen.message}`,
    'Check that Lync archives to Exchange (client policy EnableIMAutoArchiving, and "Save IM conversations in my email Conversation History folder" in Lync’s options); Lync creates the folder at its first save.',
  );
}

/**
 * Exchange Unified Messaging keeps voice mail in the `voicemail` search folder. Missing is a
 * warning: a user not enabled for UM has none, and nothing else depends on it.
 */
export function voicemailFolderCheck(seen: FolderSeen): Check {
  if (seen.ok)
    return check('voicemail-folder', 'pass', `Voice-mail folder reachable, ${seen.items} message(s).`);
  return check(
    'voicemail-folder',
    'warn',
    folderMissing(seen)
      ? 'This mailbox has no voice-mail folder: the user is probably not enabled for Unified Messaging.'
      : `The voice-mail folder could not be read: ${seen.message}`,
    'If the user should get voice mail in Exchange, enable the mailbox for Unified Messaging (Enable-UMMailbox) with the right UM mailbox policy.',
  );
}

/** Where the signed-in user's contact list lives, as far as the mailbox shows (the contract's). */
export type { ListStorage };

/**
 * The one "looks not migrated" rule, for the help desk's check and the user's own list: Exchange
 * makes the Lync Contacts folder when Lync Server moves the list, so an empty list with no such
 * folder is most likely still on Lync Server; an empty list with the folder is merely empty.
 * `folder` undefined: the folders could not be read, so nothing can be said.
 */
export function listStorage(seen: { folder: boolean | undefined; ucsContacts: number }): ListStorage {
  if (seen.ucsContacts > 0) return 'ucs';
  if (seen.folder === undefined) return 'unknown';
  return seen.folder ? 'ucs' : 'not-migrated';
}

export interface MigrationSeen {
  folder: boolean;
  ucsContacts: number;
  /** undefined when no export was given. */
  exportContacts?: number;
}

/**
 * "Not migrated" looks exactly like an empty list, so the rule needs the folder and, best, the
 * export: an empty UCS while the export holds contacts means the list is still on Lync Server.
 */
export function migrationCheck(seen: MigrationSeen): Check {
  const { folder, ucsContacts, exportContacts } = seen;
  if (ucsContacts > 0)
    return check(
      'migration',
      folder ? 'pass' : 'warn',
      folder
        ? `The list is in Exchange: ${ucsContacts} contact(s) in the Unified Contact Store.`
        : `${ucsContacts} contact(s) in UCS, but no "Lync Contacts" folder.`,
      folder ? '' : 'Ask the user to sign in to Lync once; Exchange recreates the folder.',
    );
  if (exportContacts !== undefined && exportContacts > 0)
    return check(
      'migration',
      'fail',
      `Not migrated: the Unified Contact Store is empty while the Lync export holds ${exportContacts} contact(s)${folder ? '' : ' and there is no "Lync Contacts" folder'}.`,
      'The list is still on Lync Server, nothing is lost yet: check the user services policy (UcsAllowed $true) and the user’s Lync sign-in, or run Invoke-CsUcsRollback only if the move must be undone.',
    );
  if (exportContacts === 0)
    return check(
      'migration',
      'pass',
      'Nothing to move: the export and the Unified Contact Store are both empty.',
    );
  if (listStorage({ folder, ucsContacts }) === 'not-migrated')
    return check(
      'migration',
      'warn',
      'Looks not migrated: no "Lync Contacts" folder and an empty list.',
      'Get the user’s Export-CsUserData zip and run the check again with it; in the Lync client, Configuration Information shows "Contact List Provider".',
    );
  return check(
    'migration',
    'warn',
    'The list is empty in Exchange; without the export nothing shows whether it was empty before.',
    'Run the check again with the user’s Export-CsUserData zip.',
  );
}

export type ComparisonSeen =
  | { given: false }
  | { given: true; error: string }
  | { given: true; comparison: Comparison; exportContacts: number; ucsContacts: number };

/** "Nothing lost" only when nothing of the export is missing; moved contacts are worth a look only. */
export function comparisonCheck(seen: ComparisonSeen): Check {
  if (!seen.given)
    return check(
      'comparison',
      'warn',
      'No Lync export given: the check cannot prove that nothing was lost.',
      'Export the user’s data on Lync Server (Export-CsUserData -PoolFqdn <pool> -UserFilter <sip> -FileName <zip>) and run the check again with it.',
    );
  if ('error' in seen)
    return check(
      'comparison',
      'fail',
      `The export could not be read: ${seen.error}`,
      'Export the user’s data again with Export-CsUserData and give the zip as it was written.',
    );
  const c = seen.comparison;
  if (!c.nothingLost) {
    const parts = [
      c.missingContacts.length ? `${c.missingContacts.length} of ${seen.exportContacts} contact(s)` : '',
      c.missingGroups.length ? `${c.missingGroups.length} group(s)` : '',
    ].filter(Boolean);
    return check(
      'comparison',
      'fail',
      `${parts.join(' and ')} of the export are not in the Unified Contact Store.`,
      seen.ucsContacts === 0
        ? 'The list has not moved yet (see "List moved to Exchange"): fix the migration rather than adding contacts by hand.'
        : 'Add the missing contacts and groups back for the user (listed in the report), or import the export again with Import-CsUserData and re-run the migration.',
    );
  }
  const notes = [
    `All ${seen.exportContacts} contact(s) of the export are in UCS (${c.telephoneMatched} telephone-only matched by number)`,
    c.extraContacts.length ? `${c.extraContacts.length} added since` : '',
    c.changedGroups.length ? `${c.changedGroups.length} in a different group` : '',
  ].filter(Boolean);
  return check(
    'comparison',
    c.changedGroups.length ? 'warn' : 'pass',
    `${notes.join('; ')}.`,
    c.changedGroups.length
      ? 'Nothing was lost; tell the user which contacts now sit in another group (listed in the report).'
      : '',
  );
}
