/**
 * The Help desk view's pure parts: reading a pasted or loaded list of addresses, and the
 * one-paragraph summary a help-desk person pastes into the ticket (in the ticket's language).
 */
import type { TFunction } from 'i18next';
import type { HelpdeskUserReport } from '../preload/contract';

const EMAIL = /^[^\s@<>(),;"]+@[^\s@<>(),;"]+\.[^\s@<>(),;"]+$/;
const HEADER = /^(user|users|email|e-mail|mail|address|smtp|sip)$/i;

/**
 * One address per line (a CSV's first column; a header, blank lines and # comments skipped).
 * Export paths in the list are not read here: the app only reads files the user picks.
 */
export function parseUserList(text: string, max = 500): { emails: string[]; errors: string[] } {
  const emails: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const first = (line.split(/[,;\t]/)[0] ?? '').replace(/^"|"$/g, '').trim();
      if (emails.length === 0 && errors.length === 0 && HEADER.test(first)) return;
      const email = first.replace(/^(sip|smtp):/i, '');
      if (!EMAIL.test(email)) errors.push(`${i + 1}: ${first.slice(0, 60)}`);
      else if (!seen.has(email.toLowerCase())) {
        seen.add(email.toLowerCase());
        emails.push(email);
      }
    });
  if (emails.length > max) errors.push(`> ${max}`);
  return { emails, errors };
}

/** The paragraph for the ticket: who, when, the verdict, the counts, what failed and what next. */
export function ticketSummary(r: HelpdeskUserReport, t: TFunction): string {
  const failed = r.checks.filter((c) => c.status === 'fail');
  const warned = r.checks.filter((c) => c.status === 'warn');
  const parts = [
    t('helpdesk.summary.head', {
      user: r.displayName ? `${r.displayName} <${r.user}>` : r.user,
      when: r.checkedAt.slice(0, 16).replace('T', ' '),
      by: r.checkedBy,
      verdict: t(`helpdesk.verdict.${r.verdict}`),
    }),
  ];
  if (r.counts)
    parts.push(t('helpdesk.summary.counts', { contacts: r.counts.contacts, groups: r.counts.groups }));
  if (r.comparison)
    parts.push(
      r.comparison.nothingLost
        ? t('helpdesk.summary.nothingLost', { matched: r.comparison.matched })
        : t('helpdesk.summary.lost', {
            contacts: r.comparison.missingContacts.length,
            groups: r.comparison.missingGroups.length,
          }),
    );
  else parts.push(t('helpdesk.summary.noExport'));
  if (failed.length)
    parts.push(
      t('helpdesk.summary.failed', { checks: failed.map((c) => t(`helpdesk.checks.${c.id}`)).join(', ') }),
    );
  if (warned.length)
    parts.push(
      t('helpdesk.summary.warned', { checks: warned.map((c) => t(`helpdesk.checks.${c.id}`)).join(', ') }),
    );
  return parts.join(' ');
}
