import { describe, expect, it } from 'vitest';
import { parseUsersCsv } from '../../../../../main/services/helpdesk/users-csv';

describe('parseUsersCsv', () => {
  it('reads one address per line, an optional export path, and skips a header, comments and blanks', () => {
    const r = parseUsersCsv(
      '\uFEFFuser,export\r\nalice@contoso.test,exports/alice.zip\r\n\r\n# on leave\nbob@contoso.test;"C:\\exports\\bob, 2013.zip"\nsip:carol@contoso.test\tcarol.zip\ndave@contoso.test\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.users).toEqual([
      { email: 'alice@contoso.test', exportPath: 'exports/alice.zip', line: 2 },
      { email: 'bob@contoso.test', exportPath: 'C:\\exports\\bob, 2013.zip', line: 5 },
      { email: 'carol@contoso.test', exportPath: 'carol.zip', line: 6 },
      { email: 'dave@contoso.test', line: 7 },
    ]);
  });
  it.each([
    ['', 'no address'],
    ['alice\n', 'line 1: not an e-mail address'],
    ['a@b.test\nA@B.test\n', 'line 2: A@B.test is listed twice'],
    ['a@b.test\n<script>@x\n', 'line 2: not an e-mail address'],
  ])('%j → %s', (text, error) => {
    expect(parseUsersCsv(text).errors.join('\n')).toContain(error);
  });
});
