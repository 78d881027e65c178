import { describe, expect, it } from 'vitest';
import {
  autodiscoverCheck,
  comparisonCheck,
  contactLimitCheck,
  folderCheck,
  freeBusyCheck,
  notRun,
  signInCheck,
  ucsListCheck,
  ucsListFailed,
  historyFolderCheck,
  voicemailFolderCheck,
  type FolderSeen,
  isLyncContactsFolder,
  mailboxAccessCheck,
  listStorage,
  migrationCheck,
  overallVerdict,
  photoCheck,
  versionCheck,
  type MigrationSeen,
  type PhotoSeen,
} from '../../../../../main/services/helpdesk/verdicts';
import type { CheckStatus, Comparison } from '../../../../../main/services/helpdesk/types';

describe('contact limit', () => {
  it.each<[number, CheckStatus]>([
    [0, 'pass'],
    [899, 'pass'],
    [900, 'warn'],
    [1000, 'warn'],
    [1001, 'fail'],
  ])('%i contacts → %s', (n, status) => {
    expect(contactLimitCheck(n).status).toBe(status);
  });
  it('says how many to remove past the limit', () => {
    expect(contactLimitCheck(1012).nextStep).toContain('12');
  });
});

describe('server version', () => {
  it.each<[string | undefined, CheckStatus]>([
    ['15.1.2507.6', 'pass'],
    ['15.0.1497.2', 'pass'],
    ['16.0.1', 'pass'],
    ['14.3.123.4', 'fail'],
    [undefined, 'warn'],
    ['garbage', 'warn'],
  ])('%s → %s', (v, status) => {
    expect(versionCheck(v).status).toBe(status);
  });
});

describe('photo', () => {
  it.each<[PhotoSeen, CheckStatus, string]>([
    [{ status: 'ok', width: 648, height: 648, format: 'jpeg', bytes: 40_000 }, 'pass', '648×648 JPEG'],
    [{ status: 'ok', width: 648, height: 480, format: 'jpeg', bytes: 30_000 }, 'pass', '648×480'],
    [{ status: 'ok', width: 96, height: 96, format: 'jpeg', bytes: 2_000 }, 'warn', '96×96'],
    [{ status: 'none' }, 'warn', 'No photo'],
    [{ status: 'error', message: 'timed out' }, 'warn', 'timed out'],
  ])('%j → %s', (seen, status, evidence) => {
    const c = photoCheck(seen);
    expect(c.status).toBe(status);
    expect(c.evidence).toContain(evidence);
  });
});

describe('migration', () => {
  it.each<[MigrationSeen, CheckStatus, string]>([
    [{ folder: true, ucsContacts: 12 }, 'pass', 'in Exchange'],
    [{ folder: false, ucsContacts: 12 }, 'warn', 'no "Lync Contacts"'],
    [{ folder: false, ucsContacts: 0, exportContacts: 15 }, 'fail', 'Not migrated'],
    [{ folder: true, ucsContacts: 0, exportContacts: 15 }, 'fail', 'Not migrated'],
    [{ folder: true, ucsContacts: 0, exportContacts: 0 }, 'pass', 'both empty'],
    [{ folder: false, ucsContacts: 0 }, 'warn', 'Looks not migrated'],
    [{ folder: true, ucsContacts: 0 }, 'warn', 'empty'],
  ])('%j → %s', (seen, status, evidence) => {
    const c = migrationCheck(seen);
    expect(c.status).toBe(status);
    expect(c.evidence).toContain(evidence);
    // A warning or a failure always says what to do next; a pass has nothing to do.
    expect(c.nextStep !== '').toBe(status !== 'pass');
  });
});

describe('where the signed-in user’s list lives (the contact list’s note)', () => {
  it.each<[{ folder: boolean | undefined; ucsContacts: number }, string]>([
    [{ folder: true, ucsContacts: 3 }, 'ucs'],
    [{ folder: false, ucsContacts: 3 }, 'ucs'], // contacts prove the list moved, folder or not
    [{ folder: undefined, ucsContacts: 3 }, 'ucs'],
    [{ folder: true, ucsContacts: 0 }, 'ucs'], // merely empty: no note
    [{ folder: false, ucsContacts: 0 }, 'not-migrated'],
    [{ folder: undefined, ucsContacts: 0 }, 'unknown'], // the folders could not be read
  ])('%j → %s', (seen, storage) => {
    expect(listStorage(seen)).toBe(storage);
  });
  it('agrees with the help desk’s check: "looks not migrated" exactly when the list says so', () => {
    for (const folder of [true, false])
      for (const ucsContacts of [0, 4]) {
        const warnsNotMigrated = migrationCheck({ folder, ucsContacts }).evidence.startsWith(
          'Looks not migrated',
        );
        expect(warnsNotMigrated).toBe(listStorage({ folder, ucsContacts }) === 'not-migrated');
      }
  });
});

const noDiff: Comparison = {
  missingContacts: [],
  missingGroups: [],
  extraContacts: [],
  extraGroups: [],
  changedGroups: [],
  telephoneMatched: 1,
  matched: 10,
  nothingLost: true,
};

describe('comparison', () => {
  it('without an export it cannot prove anything: a warning', () => {
    expect(comparisonCheck({ given: false }).status).toBe('warn');
  });
  it('an unreadable export fails with its reason', () => {
    const c = comparisonCheck({ given: true, error: 'The zip is encrypted.' });
    expect(c.status).toBe('fail');
    expect(c.evidence).toContain('encrypted');
  });
  it('nothing missing passes, extras included', () => {
    const c = comparisonCheck({
      given: true,
      comparison: {
        ...noDiff,
        extraContacts: [{ address: 'x@y', groups: [], telephoneOnly: false }],
      },
      exportContacts: 10,
      ucsContacts: 11,
    });
    expect(c.status).toBe('pass');
    expect(c.evidence).toContain('1 added since');
  });
  it('a changed group warns but loses nothing', () => {
    const c = comparisonCheck({
      given: true,
      comparison: {
        ...noDiff,
        changedGroups: [{ address: 'a@b', exportGroups: ['A'], ucsGroups: ['B'] }],
      },
      exportContacts: 10,
      ucsContacts: 10,
    });
    expect(c.status).toBe('warn');
  });
  it('anything missing fails, and an empty UCS points at the migration instead', () => {
    const lost = {
      ...noDiff,
      nothingLost: false,
      missingContacts: [{ address: 'a@b', groups: ['~'], telephoneOnly: false }],
    };
    const partial = comparisonCheck({ given: true, comparison: lost, exportContacts: 10, ucsContacts: 9 });
    expect(partial.status).toBe('fail');
    expect(partial.evidence).toContain('1 of 10');
    const none = comparisonCheck({ given: true, comparison: lost, exportContacts: 10, ucsContacts: 0 });
    expect(none.nextStep).toContain('not moved');
  });
  it('contacts lost but every group there: the evidence names the contacts only', () => {
    const c = comparisonCheck({
      given: true,
      comparison: {
        ...noDiff,
        nothingLost: false,
        missingContacts: [
          { address: 'a@b', groups: [], telephoneOnly: false },
          { address: 'c@d', groups: [], telephoneOnly: false },
        ],
      },
      exportContacts: 10,
      ucsContacts: 8,
    });
    expect(c.status).toBe('fail');
    expect(c.evidence).toBe('2 of 10 contact(s) of the export are not in the Unified Contact Store.');
  });
});

describe('mailbox access', () => {
  it('names the impersonation role when Exchange refuses it', () => {
    const c = mailboxAccessCheck({
      ok: false,
      own: false,
      helpdesk: 'bob@x',
      user: 'alice@x',
      code: 'ErrorImpersonateUserDenied',
      message: 'refused',
    });
    expect(c.status).toBe('fail');
    expect(c.nextStep).toContain('ApplicationImpersonation');
  });
  it('own mailbox passes without impersonation', () => {
    expect(mailboxAccessCheck({ ok: true, own: true, helpdesk: 'a@x', user: 'a@x' }).evidence).toContain(
      'Own',
    );
  });
});

describe('Lync Contacts folder', () => {
  it.each<[{ displayName: string; folderClass?: string }, boolean]>([
    [{ displayName: 'Lync Contacts', folderClass: 'IPF.Contact.MOC.QuickContacts' }, true],
    [{ displayName: 'Contacts Lync', folderClass: 'IPF.Contact.MOC.QuickContacts' }, true],
    [{ displayName: 'lync contacts' }, true],
    [{ displayName: 'Skype for Business Contacts' }, true],
    // A name typed with stray spaces (as a user or a migration tool may leave it) is still the folder.
    [{ displayName: ' Lync Contacts ' }, true],
    [{ displayName: 'Suggested Contacts', folderClass: 'IPF.Contact' }, false],
  ])('%j → %s', (f, yes) => {
    expect(isLyncContactsFolder(f)).toBe(yes);
  });
});

describe('overall verdict', () => {
  const c = (status: CheckStatus) => ({
    id: 'photo' as const,
    title: '',
    status,
    evidence: '',
    nextStep: '',
  });
  it.each<[CheckStatus[], CheckStatus]>([
    [['pass', 'pass'], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'fail', 'pass'], 'fail'],
  ])('%j → %s', (statuses, verdict) => {
    expect(overallVerdict(statuses.map(c))).toBe(verdict);
  });
});

describe('the Conversation History and voice-mail folders (issue 23)', () => {
  const rows: Array<[string, FolderSeen, 'pass' | 'warn', RegExp]> = [
    ['present with items', { ok: true, items: 59 }, 'pass', /, 59 /],
    ['present and empty', { ok: true, items: 0 }, 'pass', /, 0 /],
    ['no such folder', { ok: false, code: 'ErrorFolderNotFound', message: 'x' }, 'warn', /has no/],
    [
      'not readable',
      { ok: false, code: 'ErrorAccessDenied', message: 'Access is denied.' },
      'warn',
      /Access is denied/,
    ],
    ['network', { ok: false, message: 'The server did not answer.' }, 'warn', /did not answer/],
  ];
  it.each(rows)('history folder %s', (_name, seen, status, evidence) => {
    const c = historyFolderCheck(seen);
    expect(c.id).toBe('history-folder');
    expect(c.status).toBe(status);
    expect(c.evidence).toMatch(evidence);
    // A warning always says what to do next; a pass needs nothing.
    expect(c.nextStep === '').toBe(status === 'pass');
  });
  it.each(rows)('voice-mail folder %s', (_name, seen, status, evidence) => {
    const c = voicemailFolderCheck(seen);
    expect(c.id).toBe('voicemail-folder');
    expect(c.status).toBe(status);
    expect(c.evidence).toMatch(
      status === 'pass' ? evidence : /voice-mail folder|Access is denied|did not answer/,
    );
    expect(c.nextStep === '').toBe(status === 'pass');
  });
  it('a missing voice-mail folder points at Unified Messaging, a missing history folder at Lync archiving', () => {
    const missing: FolderSeen = { ok: false, code: 'ErrorFolderNotFound', message: 'x' };
    expect(voicemailFolderCheck(missing).evidence).toMatch(/not enabled for Unified Messaging/);
    expect(voicemailFolderCheck(missing).nextStep).toMatch(/Enable-UMMailbox/);
    expect(historyFolderCheck(missing).nextStep).toMatch(/EnableIMAutoArchiving/);
  });
});

/** The words a help-desk person copies into a ticket: each check's full answer, pinned. */
describe('what each check says, word for word', () => {
  it('autodiscover found', () => {
    expect(
      autodiscoverCheck({
        found: true,
        ewsUrl: 'https://mail.x/EWS/Exchange.asmx',
        via: 'https://autodiscover.x',
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "Found EWS at https://mail.x/EWS/Exchange.asmx (via https://autodiscover.x).",
        "id": "autodiscover",
        "nextStep": "",
        "status": "pass",
        "title": "Autodiscover finds the mailbox",
      }
    `);
  });
  it('autodiscover not found, with the URL used instead', () => {
    expect(autodiscoverCheck({ found: false, error: 'no SRV record.', fallbackEwsUrl: 'https://mail.x/EWS' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Autodiscover did not find the mailbox: no SRV record. The other checks used https://mail.x/EWS.",
        "id": "autodiscover",
        "nextStep": "Check the autodiscover DNS record and the Autodiscover virtual directory for the user’s domain; Lync needs it to find the contact list.",
        "status": "fail",
        "title": "Autodiscover finds the mailbox",
      }
    `);
  });
  it('autodiscover not found, no fallback', () => {
    expect(autodiscoverCheck({ found: false, error: 'no SRV record.' })).toMatchInlineSnapshot(`
      {
        "evidence": "Autodiscover did not find the mailbox: no SRV record.",
        "id": "autodiscover",
        "nextStep": "Check the autodiscover DNS record and the Autodiscover virtual directory for the user’s domain; Lync needs it to find the contact list.",
        "status": "fail",
        "title": "Autodiscover finds the mailbox",
      }
    `);
  });
  it('a check not run', () => {
    expect(notRun('ucs-list', 'sign-in')).toMatchInlineSnapshot(`
      {
        "evidence": "Not checked: "Sign-in works" failed first.",
        "id": "ucs-list",
        "nextStep": "Fix "Sign-in works", then run the check again.",
        "status": "fail",
        "title": "Unified Contact Store list loads",
      }
    `);
  });
  it('version 15', () => {
    expect(versionCheck('15.1.2507.6')).toMatchInlineSnapshot(`
      {
        "evidence": "EWS answered; server version 15.1.2507.6 (Exchange 2013 or later).",
        "id": "ews-version",
        "nextStep": "",
        "status": "pass",
        "title": "EWS answers, Exchange 2013 or later",
      }
    `);
  });
  it('version 14', () => {
    expect(versionCheck('14.3.123.4')).toMatchInlineSnapshot(`
      {
        "evidence": "The mailbox is on Exchange version 14.3.123.4, older than Exchange 2013: it has no Unified Contact Store.",
        "id": "ews-version",
        "nextStep": "Move the mailbox to Exchange 2013 or later before migrating the contact list; until then the list stays on Lync Server.",
        "status": "fail",
        "title": "EWS answers, Exchange 2013 or later",
      }
    `);
  });
  it('no version', () => {
    expect(versionCheck(undefined)).toMatchInlineSnapshot(`
      {
        "evidence": "EWS answered but did not say its version.",
        "id": "ews-version",
        "nextStep": "Ask the Exchange team which version serves this mailbox; UCS needs Exchange 2013 or later.",
        "status": "warn",
        "title": "EWS answers, Exchange 2013 or later",
      }
    `);
  });
  it('signed in', () => {
    expect(signInCheck({ ok: true, account: 'a@x', scheme: 'NTLM' })).toMatchInlineSnapshot(`
      {
        "evidence": "Signed in as a@x with NTLM.",
        "id": "sign-in",
        "nextStep": "",
        "status": "pass",
        "title": "Sign-in works",
      }
    `);
  });
  it('sign-in refused', () => {
    expect(signInCheck({ ok: false, account: 'a@x', kind: 'auth', message: 'The password is wrong.' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Sign-in as a@x failed (auth): The password is wrong.",
        "id": "sign-in",
        "nextStep": "Check the user name and password of the signed-in account (and that it is not locked out).",
        "status": "fail",
        "title": "Sign-in works",
      }
    `);
  });
  it('sign-in unreachable', () => {
    expect(signInCheck({ ok: false, account: 'a@x', kind: 'network', message: 'No route.' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Sign-in as a@x failed (network): No route.",
        "id": "sign-in",
        "nextStep": "Check the network path to the Exchange server (VPN, proxy, firewall), then try again.",
        "status": "fail",
        "title": "Sign-in works",
      }
    `);
  });
  it('sign-in other failure', () => {
    expect(signInCheck({ ok: false, account: 'a@x', kind: 'server', message: 'Error 500.' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Sign-in as a@x failed (server): Error 500.",
        "id": "sign-in",
        "nextStep": "Try again; if it keeps failing, give the Exchange team this evidence.",
        "status": "fail",
        "title": "Sign-in works",
      }
    `);
  });
  it('impersonation works', () => {
    expect(mailboxAccessCheck({ ok: true, own: false, helpdesk: 'hd@x', user: 'u@x' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "hd@x reached u@x by impersonation (ExchangeImpersonation).",
        "id": "mailbox-access",
        "nextStep": "",
        "status": "pass",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it('own mailbox', () => {
    expect(mailboxAccessCheck({ ok: true, own: true, helpdesk: 'u@x', user: 'u@x' })).toMatchInlineSnapshot(`
      {
        "evidence": "Own mailbox: u@x.",
        "id": "mailbox-access",
        "nextStep": "",
        "status": "pass",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it('own mailbox not opened', () => {
    expect(mailboxAccessCheck({ ok: false, own: true, helpdesk: 'u@x', user: 'u@x', message: 'Gone.' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "The mailbox u@x could not be opened: Gone.",
        "id": "mailbox-access",
        "nextStep": "Check that the address is the user’s primary SMTP address and that the mailbox exists on Exchange.",
        "status": "fail",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it('impersonation refused, code not in the message', () => {
    expect(
      mailboxAccessCheck({
        ok: false,
        own: false,
        helpdesk: 'hd@x',
        user: 'u@x',
        code: 'ErrorImpersonateUserDenied',
        message: 'Refused.',
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "hd@x could not act as u@x (ErrorImpersonateUserDenied): Refused.",
        "id": "mailbox-access",
        "nextStep": "Give hd@x the ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation -User hd@x), or sign in as the user.",
        "status": "fail",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it('impersonation refused, code in the message', () => {
    expect(
      mailboxAccessCheck({
        ok: false,
        own: false,
        helpdesk: 'hd@x',
        user: 'u@x',
        code: 'ErrorImpersonateUserDenied',
        message: 'ErrorImpersonateUserDenied: no.',
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "hd@x could not act as u@x: ErrorImpersonateUserDenied: no.",
        "id": "mailbox-access",
        "nextStep": "Give hd@x the ApplicationImpersonation role (New-ManagementRoleAssignment -Role ApplicationImpersonation -User hd@x), or sign in as the user.",
        "status": "fail",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it("another user's mailbox missing", () => {
    expect(
      mailboxAccessCheck({
        ok: false,
        own: false,
        helpdesk: 'hd@x',
        user: 'u@x',
        code: 'ErrorNonExistentMailbox',
        message: 'No mailbox.',
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "hd@x could not act as u@x (ErrorNonExistentMailbox): No mailbox.",
        "id": "mailbox-access",
        "nextStep": "Check that the address is the user’s primary SMTP address and that the mailbox exists on Exchange.",
        "status": "fail",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it("another user's mailbox, no code", () => {
    expect(
      mailboxAccessCheck({ ok: false, own: false, helpdesk: 'hd@x', user: 'u@x', message: 'No mailbox.' }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "hd@x could not act as u@x: No mailbox.",
        "id": "mailbox-access",
        "nextStep": "Check that the address is the user’s primary SMTP address and that the mailbox exists on Exchange.",
        "status": "fail",
        "title": "Mailbox reachable (own or by impersonation)",
      }
    `);
  });
  it('folder with class and count', () => {
    expect(
      folderCheck({
        displayName: 'Lync Contacts',
        folderClass: 'IPF.Contact.MOC.QuickContacts',
        totalCount: 12,
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": ""Lync Contacts" found under Contacts (IPF.Contact.MOC.QuickContacts), 12 item(s).",
        "id": "lync-contacts-folder",
        "nextStep": "",
        "status": "pass",
        "title": ""Lync Contacts" folder exists",
      }
    `);
  });
  it('folder without class or count', () => {
    expect(folderCheck({ displayName: 'Lync Contacts' })).toMatchInlineSnapshot(`
      {
        "evidence": ""Lync Contacts" found under Contacts.",
        "id": "lync-contacts-folder",
        "nextStep": "",
        "status": "pass",
        "title": ""Lync Contacts" folder exists",
      }
    `);
  });
  it('no folder', () => {
    expect(folderCheck(null)).toMatchInlineSnapshot(`
      {
        "evidence": "No "Lync Contacts" folder under Contacts: Exchange makes it when Lync Server moves the list.",
        "id": "lync-contacts-folder",
        "nextStep": "Check that the user has a Lync user services policy with UcsAllowed $true and is homed on Lync Server 2013 or later; the list moves at the user’s next Lync sign-in.",
        "status": "fail",
        "title": ""Lync Contacts" folder exists",
      }
    `);
  });
  it('list loads', () => {
    expect(ucsListCheck({ contacts: 12, telephoneOnly: 2, groups: 3, distributionGroups: 1 }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "The list loads: 12 contact(s) (2 telephone-only), 3 group(s), 1 distribution group(s).",
        "id": "ucs-list",
        "nextStep": "",
        "status": "pass",
        "title": "Unified Contact Store list loads",
      }
    `);
  });
  it('list fails', () => {
    expect(ucsListFailed('network', 'Timed out.')).toMatchInlineSnapshot(`
      {
        "evidence": "The list did not load (network): Timed out.",
        "id": "ucs-list",
        "nextStep": "Try again; if it keeps failing, give the Exchange team this evidence (GetImItemList failed).",
        "status": "fail",
        "title": "Unified Contact Store list loads",
      }
    `);
  });
  it('over the limit', () => {
    expect(contactLimitCheck(1012)).toMatchInlineSnapshot(`
      {
        "evidence": "1012 contacts: over the 1,000-contact limit.",
        "id": "contact-limit",
        "nextStep": "Ask the user to remove 12 or more contacts; Lync stops adding and syncing past the limit.",
        "status": "fail",
        "title": "Within the 1,000-contact limit",
      }
    `);
  });
  it('near the limit', () => {
    expect(contactLimitCheck(950)).toMatchInlineSnapshot(`
      {
        "evidence": "950 contacts: near the 1,000-contact limit (50 left).",
        "id": "contact-limit",
        "nextStep": "Tell the user the list is nearly full; new contacts will be refused past the limit.",
        "status": "warn",
        "title": "Within the 1,000-contact limit",
      }
    `);
  });
  it('under the limit', () => {
    expect(contactLimitCheck(12)).toMatchInlineSnapshot(`
      {
        "evidence": "12 contacts, under the 1,000-contact limit.",
        "id": "contact-limit",
        "nextStep": "",
        "status": "pass",
        "title": "Within the 1,000-contact limit",
      }
    `);
  });
  it('no photo', () => {
    expect(photoCheck({ status: 'none' })).toMatchInlineSnapshot(`
      {
        "evidence": "No photo stored in Exchange (GetUserPhoto HR648x648 answered "no photo").",
        "id": "photo",
        "nextStep": "If the user wants a high-resolution photo, upload one (Set-UserPhoto) at 648×648.",
        "status": "warn",
        "title": "Photo stored in Exchange (HR648x648)",
      }
    `);
  });
  it('photo unreadable', () => {
    expect(photoCheck({ status: 'error', message: 'Timed out.' })).toMatchInlineSnapshot(`
      {
        "evidence": "The photo could not be read: Timed out.",
        "id": "photo",
        "nextStep": "Try again later; this does not affect the contact list.",
        "status": "warn",
        "title": "Photo stored in Exchange (HR648x648)",
      }
    `);
  });
  it('small photo', () => {
    expect(photoCheck({ status: 'ok', width: 96, height: 64, format: 'png', bytes: 300 }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Photo stored, served at HR648x648 as 96×64 PNG, 1 KB: smaller than 648×648.",
        "id": "photo",
        "nextStep": "Upload a larger photo (648×648) with Set-UserPhoto for a sharp picture in Lync.",
        "status": "warn",
        "title": "Photo stored in Exchange (HR648x648)",
      }
    `);
  });
  it('full photo', () => {
    expect(photoCheck({ status: 'ok', width: 480, height: 648, format: 'jpeg', bytes: 41_000 }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "Photo stored, served at HR648x648 as 480×648 JPEG, 40 KB.",
        "id": "photo",
        "nextStep": "",
        "status": "pass",
        "title": "Photo stored in Exchange (HR648x648)",
      }
    `);
  });
  it('free/busy read', () => {
    expect(freeBusyCheck({ ok: true, events: 3 })).toMatchInlineSnapshot(`
      {
        "evidence": "Free/busy read for the next 24 hours: 3 calendar period(s).",
        "id": "free-busy",
        "nextStep": "",
        "status": "pass",
        "title": "Free/busy readable",
      }
    `);
  });
  it('free/busy unreadable', () => {
    expect(freeBusyCheck({ ok: false, message: 'Denied.' })).toMatchInlineSnapshot(`
      {
        "evidence": "Free/busy could not be read: Denied.",
        "id": "free-busy",
        "nextStep": "Check the calendar’s default sharing permission (at least "Free/Busy time") and the availability service.",
        "status": "fail",
        "title": "Free/busy readable",
      }
    `);
  });
  it('history folder present', () => {
    expect(historyFolderCheck({ ok: true, items: 59 })).toMatchInlineSnapshot(`
      {
        "evidence": "Conversation History folder found, 59 item(s).",
        "id": "history-folder",
        "nextStep": "",
        "status": "pass",
        "title": "Conversation History folder present",
      }
    `);
  });
  it('history folder missing', () => {
    expect(historyFolderCheck({ ok: false, code: 'ErrorFolderNotFound', message: 'x' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "This mailbox has no Conversation History folder.",
        "id": "history-folder",
        "nextStep": "Check that Lync archives to Exchange (client policy EnableIMAutoArchiving, and "Save IM conversations in my email Conversation History folder" in Lync’s options); Lync creates the folder at its first save.",
        "status": "warn",
        "title": "Conversation History folder present",
      }
    `);
  });
  it('voice-mail folder present', () => {
    expect(voicemailFolderCheck({ ok: true, items: 2 })).toMatchInlineSnapshot(`
      {
        "evidence": "Voice-mail folder reachable, 2 message(s).",
        "id": "voicemail-folder",
        "nextStep": "",
        "status": "pass",
        "title": "Voice-mail folder reachable (Exchange UM)",
      }
    `);
  });
  it('voice-mail folder unreadable', () => {
    expect(voicemailFolderCheck({ ok: false, code: 'ErrorAccessDenied', message: 'Denied.' }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "The voice-mail folder could not be read: Denied.",
        "id": "voicemail-folder",
        "nextStep": "If the user should get voice mail in Exchange, enable the mailbox for Unified Messaging (Enable-UMMailbox) with the right UM mailbox policy.",
        "status": "warn",
        "title": "Voice-mail folder reachable (Exchange UM)",
      }
    `);
  });
  it('migrated', () => {
    expect(migrationCheck({ folder: true, ucsContacts: 12 })).toMatchInlineSnapshot(`
      {
        "evidence": "The list is in Exchange: 12 contact(s) in the Unified Contact Store.",
        "id": "migration",
        "nextStep": "",
        "status": "pass",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('migrated, no folder', () => {
    expect(migrationCheck({ folder: false, ucsContacts: 12 })).toMatchInlineSnapshot(`
      {
        "evidence": "12 contact(s) in UCS, but no "Lync Contacts" folder.",
        "id": "migration",
        "nextStep": "Ask the user to sign in to Lync once; Exchange recreates the folder.",
        "status": "warn",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('not migrated, folder there', () => {
    expect(migrationCheck({ folder: true, ucsContacts: 0, exportContacts: 15 })).toMatchInlineSnapshot(`
      {
        "evidence": "Not migrated: the Unified Contact Store is empty while the Lync export holds 15 contact(s).",
        "id": "migration",
        "nextStep": "The list is still on Lync Server, nothing is lost yet: check the user services policy (UcsAllowed $true) and the user’s Lync sign-in, or run Invoke-CsUcsRollback only if the move must be undone.",
        "status": "fail",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('not migrated, no folder', () => {
    expect(migrationCheck({ folder: false, ucsContacts: 0, exportContacts: 15 })).toMatchInlineSnapshot(`
      {
        "evidence": "Not migrated: the Unified Contact Store is empty while the Lync export holds 15 contact(s) and there is no "Lync Contacts" folder.",
        "id": "migration",
        "nextStep": "The list is still on Lync Server, nothing is lost yet: check the user services policy (UcsAllowed $true) and the user’s Lync sign-in, or run Invoke-CsUcsRollback only if the move must be undone.",
        "status": "fail",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('both empty', () => {
    expect(migrationCheck({ folder: false, ucsContacts: 0, exportContacts: 0 })).toMatchInlineSnapshot(`
      {
        "evidence": "Nothing to move: the export and the Unified Contact Store are both empty.",
        "id": "migration",
        "nextStep": "",
        "status": "pass",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('looks not migrated', () => {
    expect(migrationCheck({ folder: false, ucsContacts: 0 })).toMatchInlineSnapshot(`
      {
        "evidence": "Looks not migrated: no "Lync Contacts" folder and an empty list.",
        "id": "migration",
        "nextStep": "Get the user’s Export-CsUserData zip and run the check again with it; in the Lync client, Configuration Information shows "Contact List Provider".",
        "status": "warn",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('empty, no export', () => {
    expect(migrationCheck({ folder: true, ucsContacts: 0 })).toMatchInlineSnapshot(`
      {
        "evidence": "The list is empty in Exchange; without the export nothing shows whether it was empty before.",
        "id": "migration",
        "nextStep": "Run the check again with the user’s Export-CsUserData zip.",
        "status": "warn",
        "title": "List moved to Exchange",
      }
    `);
  });
  it('no export', () => {
    expect(comparisonCheck({ given: false })).toMatchInlineSnapshot(`
      {
        "evidence": "No Lync export given: the check cannot prove that nothing was lost.",
        "id": "comparison",
        "nextStep": "Export the user’s data on Lync Server (Export-CsUserData -PoolFqdn <pool> -UserFilter <sip> -FileName <zip>) and run the check again with it.",
        "status": "warn",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
  it('unreadable export', () => {
    expect(comparisonCheck({ given: true, error: 'The zip is encrypted.' })).toMatchInlineSnapshot(`
      {
        "evidence": "The export could not be read: The zip is encrypted.",
        "id": "comparison",
        "nextStep": "Export the user’s data again with Export-CsUserData and give the zip as it was written.",
        "status": "fail",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
  it('contacts and groups lost', () => {
    expect(
      comparisonCheck({
        given: true,
        comparison: {
          ...noDiff,
          nothingLost: false,
          missingContacts: [{ address: 'a@b', groups: [], telephoneOnly: false }],
          missingGroups: ['Team'],
        },
        exportContacts: 10,
        ucsContacts: 9,
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "1 of 10 contact(s) and 1 group(s) of the export are not in the Unified Contact Store.",
        "id": "comparison",
        "nextStep": "Add the missing contacts and groups back for the user (listed in the report), or import the export again with Import-CsUserData and re-run the migration.",
        "status": "fail",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
  it('only a group lost, list not moved', () => {
    expect(
      comparisonCheck({
        given: true,
        comparison: { ...noDiff, nothingLost: false, missingGroups: ['Team'] },
        exportContacts: 10,
        ucsContacts: 0,
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "1 group(s) of the export are not in the Unified Contact Store.",
        "id": "comparison",
        "nextStep": "The list has not moved yet (see "List moved to Exchange"): fix the migration rather than adding contacts by hand.",
        "status": "fail",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
  it('nothing lost, extras and moves', () => {
    expect(
      comparisonCheck({
        given: true,
        comparison: {
          ...noDiff,
          extraContacts: [{ address: 'x@y', groups: [], telephoneOnly: false }],
          changedGroups: [{ address: 'a@b', exportGroups: ['A'], ucsGroups: ['B'] }],
        },
        exportContacts: 10,
        ucsContacts: 11,
      }),
    ).toMatchInlineSnapshot(`
      {
        "evidence": "All 10 contact(s) of the export are in UCS (1 telephone-only matched by number); 1 added since; 1 in a different group.",
        "id": "comparison",
        "nextStep": "Nothing was lost; tell the user which contacts now sit in another group (listed in the report).",
        "status": "warn",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
  it('nothing lost, nothing else', () => {
    expect(comparisonCheck({ given: true, comparison: noDiff, exportContacts: 10, ucsContacts: 10 }))
      .toMatchInlineSnapshot(`
      {
        "evidence": "All 10 contact(s) of the export are in UCS (1 telephone-only matched by number).",
        "id": "comparison",
        "nextStep": "",
        "status": "pass",
        "title": "Nothing lost against the Lync export",
      }
    `);
  });
});
