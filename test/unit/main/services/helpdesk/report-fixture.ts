/** A batch report with every kind of row, and hostile text where a server or a file could put it. */
import type { BatchReport, UserReport } from '../../../../../main/services/helpdesk/types';
import { CHECK_IDS, CHECK_TITLES } from '../../../../../main/services/helpdesk/types';

export const HOSTILE = `<script>alert("x")</script><img src=x onerror="alert(1)">&amp;'"`;

function user(email: string, verdict: UserReport['verdict'], displayName: string): UserReport {
  return {
    schemaVersion: 1,
    user: email,
    displayName,
    checkedAt: '2026-11-30T09:00:00.000Z',
    checkedBy: 'helpdesk@contoso.test',
    server: { ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx', version: '15.1.2507.6' },
    verdict,
    checks: CHECK_IDS.map((id, i) => ({
      id,
      title: CHECK_TITLES[id],
      status: verdict === 'fail' && id === 'comparison' ? 'fail' : i % 4 === 3 ? 'warn' : 'pass',
      evidence: id === 'ucs-list' ? `Group ${HOSTILE} loaded` : `Evidence for ${id}.`,
      nextStep: verdict === 'pass' ? '' : `Do something about ${id}.`,
    })),
    counts: { groups: 4, contacts: 42, telephoneOnly: 2, distributionGroups: 1 },
    export: { file: `${email.split('@')[0] ?? ''}.zip`, sipUri: email, contacts: 44, groups: 5 },
    comparison: {
      missingContacts: [
        {
          address: 'lost@contoso.test',
          displayName: HOSTILE,
          groups: [HOSTILE, 'Team'],
          telephoneOnly: false,
        },
        { address: 'tel:+33170000001', groups: ['Other Contacts'], telephoneOnly: true },
      ],
      missingGroups: [HOSTILE],
      extraContacts: [
        { address: 'new@contoso.test', displayName: 'New Person', groups: ['Team'], telephoneOnly: false },
      ],
      extraGroups: ['Project Phoenix'],
      changedGroups: [
        {
          address: 'moved@contoso.test',
          displayName: 'Moved',
          exportGroups: ['Favorites'],
          ucsGroups: ['Team'],
        },
      ],
      telephoneMatched: 1,
      matched: 42,
      nothingLost: false,
    },
  };
}

export function sampleBatch(): BatchReport {
  const users = [
    user('bob@contoso.test', 'fail', HOSTILE),
    user('alice@contoso.test', 'pass', 'Alice Martin'),
    user('helene.dubois@contoso.test', 'warn', 'Hélène Dubois'),
  ];
  return {
    schemaVersion: 1,
    checkedAt: '2026-11-30T09:00:00.000Z',
    checkedBy: 'helpdesk@contoso.test',
    summary: { total: 3, pass: 1, warn: 1, fail: 1 },
    users,
  };
}
