import { useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelRequest, HelpdeskUserReport } from '../../preload/contract';
import { Dialog } from '../components/Dialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { Spinner } from '../components/Spinner';
import { parseUserList, ticketSummary } from '../helpdesk-model';
import { i18next } from '../i18n';
import { useRoster } from '../stores';
import type { HelpdeskRow } from '../stores/helpdesk';

type Props = { onClose: () => void };
type Users = ChannelRequest<'verifyUcs'>['users'];

/** The contract's cap (900,000 base64 characters); one user's export is about 50 KB. */
const MAX_EXPORT_BYTES = 650_000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A download of text the app made (the report): nothing leaves the machine. */
function save(name: string, type: string, text: string): void {
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function UserDetails({ report }: { report: HelpdeskUserReport }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = (lng: 'en' | 'fr') => {
    const text = ticketSummary(report, i18next.getFixedT(lng));
    void navigator.clipboard?.writeText(text).then(() => setCopied(true));
  };
  const cmp = report.comparison;
  return (
    <details className="helpdesk__details">
      <summary>{report.displayName ? `${report.displayName} <${report.user}>` : report.user}</summary>
      <ul className="helpdesk__checks">
        {report.checks.map((c) => (
          <li key={c.id} className={`helpdesk__check helpdesk__check--${c.status}`}>
            <strong>{t(`helpdesk.verdict.${c.status}`)}</strong> {t(`helpdesk.checks.${c.id}`)}: {c.evidence}
            {c.nextStep && <div className="helpdesk__next">{t('helpdesk.next', { step: c.nextStep })}</div>}
          </li>
        ))}
      </ul>
      {cmp && (
        <section aria-label={t('helpdesk.comparison')}>
          <h3 className="helpdesk__subtitle">{t('helpdesk.comparison')}</h3>
          {cmp.nothingLost && <p>{t('helpdesk.nothingLost')}</p>}
          <p>{t('helpdesk.missing', { count: cmp.missingContacts.length + cmp.missingGroups.length })}</p>
          {cmp.missingContacts.length > 0 && (
            <ul>
              {cmp.missingContacts.map((m) => (
                <li key={m.address}>
                  {m.displayName ? `${m.displayName} <${m.address}>` : m.address} ({m.groups.join(', ')})
                </li>
              ))}
              {cmp.missingGroups.map((g) => (
                <li key={`group:${g}`}>{g}</li>
              ))}
            </ul>
          )}
          <p>{t('helpdesk.changed', { count: cmp.changedGroups.length })}</p>
          <p>{t('helpdesk.extra', { count: cmp.extraContacts.length + cmp.extraGroups.length })}</p>
        </section>
      )}
      <div className="helpdesk__actions">
        <button type="button" className="button" onClick={() => copy('en')}>
          {t('helpdesk.copySummary', { language: 'English' })}
        </button>
        <button type="button" className="button" onClick={() => copy('fr')}>
          {t('helpdesk.copySummary', { language: 'Français' })}
        </button>
        {copied && <span role="status">{t('helpdesk.copied')}</span>}
      </div>
    </details>
  );
}

function Row({ row, report }: { row: HelpdeskRow; report: HelpdeskUserReport | undefined }) {
  const { t } = useTranslation();
  const failed = row.checks.filter((c) => c.status === 'fail');
  return (
    <tr>
      <th scope="row">{report ? <UserDetails report={report} /> : row.email}</th>
      <td className={row.verdict ? `helpdesk__verdict helpdesk__verdict--${row.verdict}` : undefined}>
        {row.verdict ? t(`helpdesk.verdict.${row.verdict}`) : t('helpdesk.pending')}
      </td>
      <td>
        {row.checks.length}/11
        {failed.length > 0 && `: ${failed.map((c) => t(`helpdesk.checks.${c.id}`)).join(', ')}`}
      </td>
    </tr>
  );
}

/** Help desk: one user (with the export zip) or a list; checks run live; the report is saved or copied. */
export function Helpdesk({ onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const rows = useRoster((s) => s.helpdeskRows);
  const running = useRoster((s) => s.helpdeskRunning);
  const done = useRoster((s) => s.helpdeskDone);
  const result = useRoster((s) => s.helpdeskResult);
  const error = useRoster((s) => s.helpdeskError);
  const run = useRoster((s) => s.runHelpdesk);
  const [email, setEmail] = useState('');
  const [exportFile, setExportFile] = useState<File | null>(null);
  const [list, setList] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const loadList = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setList(await file.text());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    let users: Users;
    if (list.trim()) {
      const parsed = parseUserList(list);
      if (parsed.errors.length) {
        setProblem(t('helpdesk.badLines', { lines: parsed.errors.slice(0, 5).join('; ') }));
        return;
      }
      users = parsed.emails.map((address) => ({ email: address }));
    } else {
      const address = email.trim();
      if (!address) return;
      if (exportFile && exportFile.size > MAX_EXPORT_BYTES) {
        setProblem(t('helpdesk.exportTooLarge', { file: exportFile.name }));
        return;
      }
      const zip = exportFile
        ? { file: exportFile.name, base64: toBase64(new Uint8Array(await exportFile.arrayBuffer())) }
        : undefined;
      users = [zip ? { email: address, export: zip } : { email: address }];
    }
    await run(users);
  };

  const byUser = new Map(result?.report.users.map((u) => [u.user.toLowerCase(), u]) ?? []);
  const stamp = result?.report.checkedAt.slice(0, 16).replace(/[:T]/g, '-') ?? '';

  return (
    <Dialog title={t('helpdesk.title')} closeLabel={t('helpdesk.close')} onClose={onClose}>
      <div className="helpdesk">
        <p>{t('helpdesk.intro')}</p>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('helpdesk.user')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-export`}>{t('helpdesk.export')}</label>
            <input
              id={`${id}-export`}
              type="file"
              accept=".zip,application/zip"
              onChange={(e) => setExportFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-list`}>{t('helpdesk.list')}</label>
            <textarea id={`${id}-list`} rows={3} value={list} onChange={(e) => setList(e.target.value)} />
            <label className="helpdesk__file">
              {t('helpdesk.loadList')}{' '}
              <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void loadList(e)} />
            </label>
            <p className="field__hint">{t('helpdesk.listIgnoresExports')}</p>
          </div>
          {problem && (
            <p className="field__error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={running}>
            {t('helpdesk.run')}
          </button>
        </form>
        {error && <ErrorBanner error={error} />}
        {running && (
          <p role="status">
            <Spinner /> {t('helpdesk.running', { done, total: rows.length })}
          </p>
        )}
        {rows.length > 0 && (
          <table className="helpdesk__table">
            <caption>{t('helpdesk.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('helpdesk.colUser')}</th>
                <th scope="col">{t('helpdesk.colResult')}</th>
                <th scope="col">{t('helpdesk.colChecks')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.email} row={row} report={byUser.get(row.email.toLowerCase())} />
              ))}
            </tbody>
          </table>
        )}
        {result && (
          <div className="helpdesk__actions">
            <button
              type="button"
              className="button"
              onClick={() => save(`ucs-check-${stamp}.html`, 'text/html', result.html)}
            >
              {t('helpdesk.saveHtml')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                save(
                  `ucs-check-${stamp}.json`,
                  'application/json',
                  `${JSON.stringify(result.report, null, 2)}\n`,
                )
              }
            >
              {t('helpdesk.saveJson')}
            </button>
          </div>
        )}
      </div>
    </Dialog>
  );
}
