/**
 * The report as one self-contained HTML file to attach to a ticket: inline CSS, no script, no
 * external resource, readable without Roster and printable on A4. Everything that came from a
 * server or a file (names, addresses, group names, messages) is escaped: a display name is
 * untrusted text.
 */
import {
  CHECK_TITLES,
  type BatchReport,
  type CheckStatus,
  type ListedContact,
  type UserReport,
} from './types';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Long "extra" lists are cut in the HTML (the JSON keeps them all); what is missing never is. */
export const EXTRA_ROWS_SHOWN = 200;

const WORD: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail' };

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 10.5pt/1.45 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 8mm 0 2mm; border-bottom: 1px solid #c9ced6; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; }
p.lead { margin: 0 0 4mm; color: #3d4550; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0 0 3mm; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; padding: 1mm 0; }
th, td { border: 1px solid #c9ced6; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eef1f5; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.status { font-weight: 700; white-space: nowrap; }
.pass { color: #14532d; background: #e3f3e8; }
.warn { color: #6b4200; background: #fdf1d6; }
.fail { color: #8f1d14; background: #fbe4e1; }
span.status { padding: 0.3mm 2mm; border-radius: 2mm; }
.user + .user { break-before: page; }
.muted { color: #4a525d; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #4a525d; }
@media print { main { padding: 0; max-width: none; } }
`;

function badge(s: CheckStatus): string {
  return `<span class="status ${s}">${WORD[s]}</span>`;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? escapeHtml(iso)
    : `${escapeHtml(d.toISOString().replace('T', ' ').slice(0, 19))} UTC`;
}

function contactRows(list: readonly ListedContact[], max = Infinity): string {
  const rows = list
    .slice(0, max)
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.displayName ?? '')}</td><td>${escapeHtml(c.address)}</td><td>${escapeHtml(c.groups.join(', '))}</td><td>${c.telephoneOnly ? 'Telephone only' : 'SIP'}</td></tr>`,
    );
  if (list.length > max)
    rows.push(
      `<tr><td colspan="4" class="muted">… and ${list.length - max} more (all are in the JSON report).</td></tr>`,
    );
  return rows.join('');
}

function contactTable(caption: string, list: readonly ListedContact[], max?: number): string {
  if (list.length === 0) return `<p><strong>${escapeHtml(caption)}:</strong> none.</p>`;
  return `<table><caption>${escapeHtml(caption)} (${list.length})</caption><thead><tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Groups</th><th scope="col">Kind</th></tr></thead><tbody>${contactRows(list, max)}</tbody></table>`;
}

function groupList(caption: string, groups: readonly string[]): string {
  if (groups.length === 0) return `<p><strong>${escapeHtml(caption)}:</strong> none.</p>`;
  return `<p><strong>${escapeHtml(caption)} (${groups.length}):</strong> ${groups.map(escapeHtml).join(', ')}</p>`;
}

function userSection(r: UserReport, index: number): string {
  const id = `user-${index + 1}`;
  const name = r.displayName ? `${r.displayName} <${r.user}>` : r.user;
  const meta = [
    ['Checked', when(r.checkedAt)],
    ['Checked by', escapeHtml(r.checkedBy)],
    [
      'Server',
      escapeHtml(
        [r.server.ewsUrl, r.server.version ? `version ${r.server.version}` : ''].filter(Boolean).join(', ') ||
          'not reached',
      ),
    ],
    [
      'Lync export',
      r.export
        ? escapeHtml(
            `${r.export.file}${r.export.sipUri ? ` (sip:${r.export.sipUri})` : ''}: ${r.export.contacts} contact(s), ${r.export.groups} group(s)`,
          )
        : 'none given',
    ],
  ];
  if (r.counts)
    meta.push([
      'In Exchange (UCS)',
      `${r.counts.contacts} contact(s), ${r.counts.telephoneOnly} telephone-only, ${r.counts.groups} group(s), ${r.counts.distributionGroups} distribution group(s)`,
    ]);
  const checks = r.checks
    .map(
      (c) =>
        `<tr><td class="status ${c.status}">${WORD[c.status]}</td><th scope="row">${escapeHtml(c.title || CHECK_TITLES[c.id])}</th><td>${escapeHtml(c.evidence)}</td><td>${escapeHtml(c.nextStep)}</td></tr>`,
    )
    .join('');
  let comparison = '';
  const cmp = r.comparison;
  if (cmp) {
    const changed = cmp.changedGroups.length
      ? `<table><caption>Contacts in a different group (${cmp.changedGroups.length})</caption><thead><tr><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Groups in the export</th><th scope="col">Groups in UCS</th></tr></thead><tbody>${cmp.changedGroups
          .map(
            (g) =>
              `<tr><td>${escapeHtml(g.displayName ?? '')}</td><td>${escapeHtml(g.address)}</td><td>${escapeHtml(g.exportGroups.join(', '))}</td><td>${escapeHtml(g.ucsGroups.join(', '))}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p><strong>Contacts in a different group:</strong> none.</p>';
    comparison = `<h3>Comparison with the Lync export</h3>
<p>${cmp.nothingLost ? '<strong>Nothing lost:</strong> every contact and group of the export is in Exchange.' : '<strong>Contacts or groups were lost:</strong> they are in the export and not in Exchange.'} ${cmp.matched} contact(s) matched, ${cmp.telephoneMatched} of them telephone-only by number.</p>
${contactTable('Missing in Exchange: contacts', cmp.missingContacts)}
${groupList('Missing in Exchange: groups', cmp.missingGroups)}
${changed}
${contactTable('Added since the export: contacts', cmp.extraContacts, EXTRA_ROWS_SHOWN)}
${groupList('Added since the export: groups', cmp.extraGroups)}`;
  }
  return `<section class="user" aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(name)} — ${badge(r.verdict)}</h2>
<dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<table class="checks"><caption>Checks</caption><colgroup><col style="width:11%" /><col style="width:23%" /><col style="width:38%" /><col style="width:28%" /></colgroup><thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Evidence</th><th scope="col">Next step</th></tr></thead><tbody>${checks}</tbody></table>
${comparison}
</section>`;
}

function summaryTable(b: BatchReport): string {
  const rows = b.users
    .map((u, i) => {
      const failed = u.checks.filter((c) => c.status === 'fail').map((c) => c.title);
      return `<tr><td class="status ${u.verdict}">${WORD[u.verdict]}</td><td><a href="#user-${i + 1}">${escapeHtml(u.user)}</a></td><td>${escapeHtml(u.displayName ?? '')}</td><td>${u.counts?.contacts ?? ''}</td><td>${u.comparison ? u.comparison.missingContacts.length : ''}</td><td>${escapeHtml(failed.join('; '))}</td></tr>`;
    })
    .join('');
  return `<table><caption>${b.summary.total} user(s): ${b.summary.pass} pass, ${b.summary.warn} with warnings, ${b.summary.fail} fail</caption><thead><tr><th scope="col">Result</th><th scope="col">User</th><th scope="col">Name</th><th scope="col">Contacts in UCS</th><th scope="col">Missing</th><th scope="col">Failed checks</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One user or a batch, as a complete HTML document. */
export function renderReportHtml(b: BatchReport): string {
  const one = b.users.length === 1 ? b.users[0] : undefined;
  const title = one ? `UCS migration check: ${one.user}` : `UCS migration check: ${b.summary.total} users`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="Roster" />
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="lead">Did the user's Lync contact list move into Exchange (the Unified Contact Store), and did anything get lost? Checked ${when(b.checkedAt)} as ${escapeHtml(b.checkedBy)}. A user passes unless a check fails; a warning proves no loss but is worth reading.</p>
${one ? '' : summaryTable(b)}
${b.users.map(userSection).join('\n')}
<footer>Report schema version ${b.schemaVersion}. Made by Roster's help-desk check (verify-ucs).</footer>
</main>
</body>
</html>
`;
}
