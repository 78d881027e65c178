/**
 * The batch list: one address per line, optionally followed by the path of that user's
 * Export-CsUserData zip, separated by a comma, semicolon or tab. Blank lines and lines starting
 * with # are skipped, as is a header line ("user,export"). A field may be quoted ("C:\\exports\\bob, 2013.zip").
 */
export interface UserLine {
  email: string;
  exportPath?: string;
  line: number;
}

export interface UsersCsv {
  users: UserLine[];
  /** "line 4: not an e-mail address: bob" — the whole list is refused when there is any. */
  errors: string[];
}

const EMAIL = /^[^\s@<>(),;"]+@[^\s@<>(),;"]+\.[^\s@<>(),;"]+$/;
const HEADER = /^(user|users|email|e-mail|mail|address|smtp|sip)$/i;
export const MAX_BATCH_USERS = 10_000;

/** Fields split on , ; or tab outside double quotes ("" inside quotes is one quote). */
export function splitFields(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      fields.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  fields.push(cur.trim());
  return fields;
}

export function parseUsersCsv(text: string): UsersCsv {
  const users: UserLine[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const [first = '', ...rest] = splitFields(s);
    if (users.length === 0 && errors.length === 0 && HEADER.test(first)) return;
    const email = first.replace(/^(sip|smtp):/i, '');
    if (!EMAIL.test(email)) {
      errors.push(`line ${line}: not an e-mail address: ${first.slice(0, 80)}`);
      return;
    }
    if (seen.has(email.toLowerCase())) {
      errors.push(`line ${line}: ${email} is listed twice`);
      return;
    }
    seen.add(email.toLowerCase());
    const exportPath = rest.find((x) => x !== '');
    users.push({ email, line, ...(exportPath ? { exportPath } : {}) });
  });
  if (users.length === 0 && errors.length === 0) errors.push('the list holds no address');
  if (users.length > MAX_BATCH_USERS)
    errors.push(`the list holds ${users.length} addresses; at most ${MAX_BATCH_USERS} at once`);
  return { users, errors };
}
