/**
 * The command line, on the same client and services as the app:
 *   npm run roster -- whoami --email alice@contoso.com [--username DOMAIN\user] [--auth ntlm|basic|auto]
 *                             [--ews-url https://…/EWS/Exchange.asmx] [--ca-file ca.pem]
 *                             [--trust-fingerprint AB:CD:…] [--json]
 *   npm run roster -- verify-ucs --user alice@contoso.com [--export alice.zip] [--email helpdesk@…]
 *                                [--json out.json] [--html out.html]      (main/cli/verify-ucs.ts)
 *   npm run roster -- verify-ucs --users users.csv --email helpdesk@… [--concurrency 4] [--report-dir dir]
 *   npm run roster -- meet --email alice@… --with a@x,b@y --duration 30 [--within 5d] [--subject …]
 *                          [--online|--in-person] [--dry-run]                     (main/cli/meet.ts)
 *   npm run roster -- diagnostics --out roster-diagnostics.zip [--data-dir D]   (main/cli/diagnostics.ts)
 * The password comes from ROSTER_PASSWORD or is asked for without echo. Addresses in the
 * built-in Exchange's `.test` domains reach the built-in Exchange, started in-process.
 */
import { parseArgs } from 'node:util';
import { signIn, type SignInOptions } from './exchange/client';
import type { TransportOptions } from './exchange/transport';
import { toRosterError } from './errors';
import { createDemoExchange } from './demo';
import { askPassword } from './cli/password';
import { verifyUcs } from './cli/verify-ucs';
import { meet } from './cli/meet';
import { diagnostics } from './cli/diagnostics';
import { guardProcess, printError } from './log/fatal';

const USAGE = `Usage: npm run roster -- whoami --email <address> [options]
       npm run roster -- verify-ucs --user <address> [--export <zip>] …   (verify-ucs --help for more)
       npm run roster -- meet --email <you> --with <a@x,b@y> --duration <minutes> …   (meet --help)
       npm run roster -- diagnostics --out <file.zip> [--data-dir <folder>]

Signs in the way the app does (autodiscover, then NTLM or Basic) and prints the server version,
the EWS URL and your display name.

Options:
  --email <address>            the mailbox to sign in to (required)
  --username <name>            DOMAIN\\user or a UPN (default: the e-mail address)
  --auth <auto|ntlm|basic>     authentication method (default: auto)
  --ews-url <url>              skip autodiscover and use this EWS URL
  --ca-file <file.pem>         also trust the CAs in this file
  --trust-fingerprint <sha256> accept this server certificate (colon hex), after checking it yourself
  --json                       print JSON
The password is read from ROSTER_PASSWORD, or asked for.`;

async function whoami(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      auth: { type: 'string', default: 'auto' },
      'ews-url': { type: 'string' },
      'ca-file': { type: 'string' },
      'trust-fingerprint': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.email) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const auth = values.auth;
  if (auth !== 'auto' && auth !== 'ntlm' && auth !== 'basic') {
    console.error(`Unknown --auth ${auth}: use auto, ntlm or basic.`);
    return 2;
  }
  const email = values.email;
  const password = process.env.ROSTER_PASSWORD ?? (await askPassword(`Password for ${email}: `));

  const demo = createDemoExchange(null);
  try {
    const transportOptions: TransportOptions = demo.owns(email) ? await demo.transportOptions() : {};
    if (values['ca-file']) transportOptions.caFile = values['ca-file'];
    const pin = values['trust-fingerprint'];
    const options: SignInOptions = {
      email,
      password,
      authMethod: auth,
      transportOptions,
      onProgress: (step) => {
        if (!values.json) console.error(step === 'discovering' ? 'Finding your server…' : 'Signing in…');
      },
    };
    if (values.username) options.username = values.username;
    if (values['ews-url']) options.ewsUrl = values['ews-url'];
    if (pin) {
      const host = new URL(values['ews-url'] ?? `https://${email.split('@')[1] ?? ''}`).hostname;
      transportOptions.pinnedCertificates = { [host]: [pin.toUpperCase()] };
    }
    const { client, account } = await signIn(options);
    await client.close();
    if (values.json) {
      console.log(JSON.stringify({ ...account, authScheme: client.authScheme }));
    } else {
      console.log(`Display name:    ${account.displayName}`);
      console.log(`E-mail:          ${account.email}`);
      console.log(`EWS URL:         ${account.ewsUrl}`);
      console.log(`Server version:  ${account.serverVersion || 'not given'}`);
      console.log(`Signed in with:  ${client.authScheme}`);
    }
    return 0;
  } catch (err) {
    const e = toRosterError(err);
    if (values.json) console.log(JSON.stringify({ error: e }));
    else {
      console.error(`Sign-in failed (${e.kind}${e.code ? `, ${e.code}` : ''}): ${e.message}`);
      if (e.certificate) {
        console.error(`Certificate of ${e.certificate.host}: SHA-256 ${e.certificate.fingerprint256}`);
        console.error('If you trust it, run again with --trust-fingerprint <that fingerprint>.');
      }
    }
    return e.kind === 'auth' ? 3 : 1;
  } finally {
    await demo.close();
  }
}

// Whatever nothing caught is printed through the redactor, never as Node's raw dump.
guardProcess((msg, err) => printError(msg, err));
const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  whoami,
  'verify-ucs': verifyUcs,
  meet: (args) => meet(args),
  diagnostics,
};
const run = command ? commands[command] : undefined;
if (!run) {
  console.log(USAGE);
  process.exitCode = command ? 2 : 0;
} else {
  try {
    process.exitCode = await run(rest);
  } catch (err) {
    printError(`${command} failed`, err);
    process.exitCode = 1;
  }
}
