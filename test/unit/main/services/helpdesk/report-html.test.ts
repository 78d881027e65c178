import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReportHtml } from '../../../../../main/services/helpdesk/report-html';
import { HOSTILE, sampleBatch } from './report-fixture';

/** Strict XML well-formedness (the report is written as XHTML-compatible HTML). */
function elements(html: string): { name: string; attrs: Record<string, string> }[] {
  const parser = new SaxesParser({ xmlns: false });
  const out: { name: string; attrs: Record<string, string> }[] = [];
  parser.on('opentag', (t) => out.push({ name: t.name, attrs: t.attributes }));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(html.replace(/^<!DOCTYPE html>\s*/i, '')).close();
  return out;
}

describe('the HTML report', () => {
  const batch = sampleBatch();
  const html = renderReportHtml(batch);
  const els = elements(html);

  it('is well-formed, self-contained and has no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(els.map((e) => e.name)).not.toContain('script');
    expect(els.map((e) => e.name)).not.toContain('img');
    expect(els.map((e) => e.name)).not.toContain('link');
    for (const e of els) {
      expect(Object.keys(e.attrs).filter((a) => /^on/i.test(a))).toEqual([]);
      for (const v of Object.values(e.attrs)) expect(v).not.toMatch(/^(https?:|javascript:)/i);
    }
    expect(els.filter((e) => e.name === 'style')).toHaveLength(1);
  });

  it('escapes everything that came from a server or a file', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(HOSTILE));
  });

  it('says who, when, by whom and on which server, with every check and the comparison tables', () => {
    expect(html).toContain('2026-11-30 09:00:00 UTC');
    expect(html).toContain('helpdesk@contoso.test');
    expect(html).toContain('https://mail.contoso.test/EWS/Exchange.asmx, version 15.1.2507.6');
    for (const u of batch.users) for (const c of u.checks) expect(html).toContain(escapeHtml(c.evidence));
    expect(html).toContain('Missing in Exchange: contacts (2)');
    expect(html).toContain('Contacts in a different group (1)');
    expect(html).toContain('Added since the export: contacts (1)');
    expect(html).toContain('3 user(s): 1 pass, 1 with warnings, 1 fail');
  });

  it('prints on A4, one user per page', () => {
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('.user + .user { break-before: page; }');
  });

  it('shows the verdict in words, not colour alone', () => {
    expect(html).toMatch(/<span class="status fail">Fail<\/span>/);
    expect(html).toMatch(/<span class="status pass">Pass<\/span>/);
  });

  it('has no batch table for a single user', () => {
    const one = renderReportHtml({
      ...batch,
      summary: { total: 1, pass: 1, warn: 0, fail: 0 },
      users: [batch.users[1]!],
    });
    expect(one).not.toContain('user(s):');
    expect(one).toContain('<title>UCS migration check: alice@contoso.test</title>');
  });
});
