/**
 * The managed policy file an administrator deploys: where it lives on each system, its schema, and
 * reading it. A file that is not valid is refused whole, with the line and the reason, and never
 * half-applied: one wrong value must not leave the rest of a policy silently in force.
 *
 * {
 *   "ring": "Pilot ring A",                       the pilot ring's name, shown in the header
 *   "features": { "meetings": false, "photos": false, "helpdesk": true },
 *   "allowOptIn": false,                          close opt-in for the features it does not set
 *   "server": { "ewsUrl": "https://mail.contoso.com/EWS/Exchange.asmx", "authMethod": "ntlm" },
 *   "autodiscover": { "allowRedirectHosts": ["mail.contoso-hosted.net"] },
 *   "presence": { "refreshMinutes": 5 }
 * }
 *
 * "photos": false turns photos off; "helpdesk": true shows the Help desk view to every account
 * (otherwise it is shown to accounts that may impersonate).
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AuthMethod, FeatureId, MAX_EWS_URL, MAX_HOST_NAME } from '../../../preload/contract';

/** A policy is a few hundred bytes; anything past this is refused before it is read. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Where the policy file is: ROSTER_POLICY, else the system-wide place of each OS. */
export function policyFilePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ROSTER_POLICY) return env.ROSTER_POLICY;
  if (platform === 'win32')
    return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Roster', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Roster/policy.json';
  return '/etc/roster/policy.json';
}

const Host = z
  .string()
  .trim()
  .min(1)
  .max(MAX_HOST_NAME)
  .regex(/^[A-Za-z0-9.-]+$/, 'a host name (letters, digits, dots, dashes)');

const FeatureSettings = z
  .object(Object.fromEntries(FeatureId.options.map((id) => [id, z.boolean().optional()])))
  .strict() as unknown as z.ZodType<Partial<Record<FeatureId, boolean>>>;

export const Policy = z
  .object({
    ring: z.string().trim().min(1).max(64).optional(),
    features: FeatureSettings.optional(),
    allowOptIn: z.boolean().optional(),
    server: z
      .object({
        ewsUrl: z
          .url({ protocol: /^https$/ })
          .max(MAX_EWS_URL)
          .optional(),
        authMethod: AuthMethod.optional(),
      })
      .strict()
      .optional(),
    autodiscover: z
      .object({ allowRedirectHosts: z.array(Host).max(50) })
      .strict()
      .optional(),
    presence: z
      .object({ refreshMinutes: z.number().int().min(1).max(240) })
      .strict()
      .optional(),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;

export type PolicyRead =
  | { status: 'none' }
  | { status: 'applied'; policy: Policy; text: string }
  | { status: 'invalid'; line?: number; reason: string; text?: string };

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, Math.max(0, offset)).split('\n').length;
}

/** The line a JSON.parse error points at ("… at position 41 (line 3 column 5)" or "… position 41"). */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  return undefined;
}

/** The line where a property path is written: each key looked for after the one before it. */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number | undefined {
  let from = 0;
  let found = false;
  for (const key of path) {
    if (typeof key !== 'string') continue;
    const re = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) break;
    from = m.index;
    found = true;
  }
  return found ? lineAt(text, from) : undefined;
}

/** Checks a policy file's text: the policy, or why not (with the line when it can be found). */
export function parsePolicy(text: string): PolicyRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = jsonErrorLine(text, message);
    return { status: 'invalid', ...(line ? { line } : {}), reason: `not valid JSON (${message})`, text };
  }
  const parsed = Policy.safeParse(raw);
  if (parsed.success) return { status: 'applied', policy: parsed.data, text };
  const issue = parsed.error.issues[0];
  // Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral: a zod failure always carries an issue; this only satisfies the type
  if (!issue) return { status: 'invalid', reason: 'refused', text };
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path, ...keys.slice(0, 1)];
  const where = path.length ? path.join('.') : 'the file';
  const reason =
    issue.code === 'unrecognized_keys'
      ? `unknown setting "${[...issue.path, keys.join('", "')].join('.')}"`
      : `${where}: ${issue.message}`;
  const line = lineOfPath(text, path);
  return { status: 'invalid', ...(line ? { line } : {}), reason, text };
}

/**
 * Reads the policy file: none when it does not exist, invalid when it is too large (checked
 * before reading a byte), unreadable or not a valid policy.
 */
export async function readPolicyFile(path: string, maxBytes = MAX_POLICY_BYTES): Promise<PolicyRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'none' };
    return { status: 'invalid', reason: `cannot be read (${code ?? 'error'})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { status: 'invalid', reason: 'is not a file' };
    if (info.size > maxBytes)
      return {
        status: 'invalid',
        reason: `is too large (${info.size} bytes; a policy is at most ${maxBytes} bytes)`,
      };
    // Read at most one byte past the cap, in case the file grew since the stat.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes)
      return { status: 'invalid', reason: `is too large (a policy is at most ${maxBytes} bytes)` };
    return parsePolicy(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'invalid', reason: `cannot be read (${code ?? 'error'})` };
  } finally {
    await handle.close();
  }
}
