import { describe, expect, it } from 'vitest';
import {
  comparisonCheck,
  contactLimitCheck,
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
