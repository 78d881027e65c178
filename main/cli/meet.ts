/**
 * `npm run roster -- meet`: find a time with a few people and, without --dry-run, schedule the
 * first proposal, on the same meetings service as the app (main/services/meetings).
 * Exit code: 0 when proposals were found (and the meeting sent), 1 when none fits or a call
 * fails, 2 for bad usage, 3 when sign-in is refused. The password comes from ROSTER_PASSWORD or
 * is asked without echo; nothing secret is printed.
 */
import { parseArgs } from 'node:util';
import { MAX_MEETING_ATTENDEES, MAX_MEETING_SUBJECT, type MeetingSlot } from '../../preload/contract';
import { createDemoExchange } from '../demo';
import { signIn, type ExchangeClient } from '../exchange/client';
import type { TransportOptions } from '../exchange/transport';
import { toRosterError } from '../errors';
import { createLogger } from '../log/logger';
import { createMeetingsService, ONLINE_UNAVAILABLE } from '../services/meetings';
import { createUcwaProviderFor } from '../services/meetings/ucwa-provider';
import type { OnlineMeetingProvider } from '../services/meetings/online';
import { askPassword } from './password';

export const MEET_USAGE = `Usage: npm run roster -- meet --email <you> --with <a@x,b@y> --duration <minutes> [options]

Finds times when you and everyone --with are free (within each person's working hours, in their
own time zone) and, unless --dry-run, sends an invitation for the first one.

Options:
  --email <address>         your mailbox (required)
  --with <addresses>        the attendees, comma-separated (required)
  --optional <addresses>    attendees who may come, comma-separated
  --duration <minutes>      how long, 5–480 (required)
  --within <days>           how far ahead to look: 5d or 5, 1–14 (default: 5d)
  --subject <text>          the invitation's subject (default: "Meeting")
  --online | --in-person    an online meeting (default) or not
  --language <en|fr>        the invitation's language (default: en)
  --dry-run                 only print the proposals
  --username <name>         DOMAIN\\user or a UPN (default: the e-mail address)
  --auth <auto|ntlm|basic>  authentication method (default: auto)
  --ews-url <url>           skip autodiscover and use this EWS URL
  --ca-file <file.pem>      also trust the CAs in this file
Times are printed in this computer's time zone.
Exit code: 0 done, 1 no time fits or the server refused, 2 bad usage, 3 sign-in refused.`;

class UsageError extends Error {}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function addresses(list: string | undefined, flag: string): string[] {
  if (list === undefined) return [];
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of out) if (!EMAIL.test(a)) throw new UsageError(`${flag} ${a}: not an e-mail address.`);
  return out;
}

function whole(text: string | undefined, flag: string, min: number, max: number, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`Give ${flag}.`);
    return fallback;
  }
  const n = Number(text.replace(/d$/i, ''));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Terminal output stays on one line per row: server text may hold newlines or escapes. */
function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short' });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function describeSlot(s: MeetingSlot): string {
  const start = new Date(s.start);
  const who = s.answers
    .filter((a) => a.answer !== 'free')
    .map((a) => `${a.email} ${a.answer === 'maybe' ? 'maybe' : a.answer}`);
  const free = s.answers.filter((a) => a.answer === 'free').length;
  return `${day.format(start)} ${time.format(start)}–${time.format(new Date(s.end))}  ${free}/${s.answers.length} free${who.length ? ` (${plain(who.join(', '))})` : ''}`;
}

export interface MeetOptions {
  /** The online-meeting provider (UCWA's when the lead plugs it in); none by default. */
  onlineMeetings?: (client: ExchangeClient) => OnlineMeetingProvider;
}

export async function meet(args: string[], options: MeetOptions = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        with: { type: 'string' },
        optional: { type: 'string' },
        duration: { type: 'string' },
        within: { type: 'string' },
        subject: { type: 'string' },
        online: { type: 'boolean', default: false },
        'in-person': { type: 'boolean', default: false },
        language: { type: 'string', default: 'en' },
        'dry-run': { type: 'boolean', default: false },
        username: { type: 'string' },
        auth: { type: 'string', default: 'auto' },
        'ews-url': { type: 'string' },
        'ca-file': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error('Run with --help for the options.');
    return 2;
  }
  if (values.help) {
    console.log(MEET_USAGE);
    return 0;
  }
  let request: {
    email: string;
    auth: 'auto' | 'ntlm' | 'basic';
    language: 'en' | 'fr';
    subject: string;
    attendees: Array<{ email: string; required: boolean }>;
    durationMinutes: number;
    withinDays: number;
    online: boolean;
  };
  try {
    const email = (values.email ?? '').trim();
    if (!EMAIL.test(email)) throw new UsageError('Give --email <your address>.');
    const required = addresses(values.with, '--with');
    const optional = addresses(values.optional, '--optional');
    if (required.length === 0) throw new UsageError('Give --with <a@x,b@y>: who to meet.');
    if (required.length + optional.length > MAX_MEETING_ATTENDEES)
      throw new UsageError(`At most ${MAX_MEETING_ATTENDEES} attendees.`);
    if (values.online && values['in-person']) throw new UsageError('Give --online or --in-person, not both.');
    const auth = values.auth;
    if (auth !== 'auto' && auth !== 'ntlm' && auth !== 'basic')
      throw new UsageError(`Unknown --auth ${auth}: use auto, ntlm or basic.`);
    const language = values.language;
    if (language !== 'en' && language !== 'fr') throw new UsageError('--language must be en or fr.');
    const subject = (values.subject ?? 'Meeting').trim();
    if (!subject || subject.length > MAX_MEETING_SUBJECT)
      throw new UsageError(`--subject must be 1 to ${MAX_MEETING_SUBJECT} characters.`);
    request = {
      email,
      auth,
      language,
      subject,
      attendees: [
        ...required.map((e) => ({ email: e, required: true })),
        ...optional.map((e) => ({ email: e, required: false })),
      ],
      durationMinutes: whole(values.duration, '--duration', 5, 480),
      withinDays: whole(values.within, '--within', 1, 14, 5),
      online: !values['in-person'],
    };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    console.error('Run with --help for the options.');
    return 2;
  }

  const password = process.env.ROSTER_PASSWORD ?? (await askPassword(`Password for ${request.email}: `));
  if (!password) {
    console.error('No password: set ROSTER_PASSWORD or type it when asked.');
    return 2;
  }
  const demo = createDemoExchange(null);
  let client: ExchangeClient | null = null;
  try {
    const transportOptions: TransportOptions = demo.owns(request.email) ? await demo.transportOptions() : {};
    if (values['ca-file']) transportOptions.caFile = values['ca-file'];
    ({ client } = await signIn({
      email: request.email,
      password,
      authMethod: request.auth,
      transportOptions,
      ...(values.username ? { username: values.username } : {}),
      ...(values['ews-url'] ? { ewsUrl: values['ews-url'] } : {}),
    }));
    const signedIn = client;
    const service = createMeetingsService({
      client: () => signedIn,
      onlineMeetings: options.onlineMeetings ?? ((c) => createUcwaProviderFor(c, c.signInCredentials())),
      emit: () => undefined,
      refreshPresence: () => Promise.resolve(),
      log: createLogger({ level: 'error' }),
    });
    const found = await service.findTime({
      attendees: request.attendees,
      durationMinutes: request.durationMinutes,
      withinDays: request.withinDays,
    });
    if (found.slots.length === 0) {
      console.log(`No time in the next ${request.withinDays} day(s) suits everyone required.`);
      return 1;
    }
    console.log('Proposals (your time):');
    found.slots.forEach((s, i) => console.log(`  ${i + 1}. ${describeSlot(s)}`));
    if (values['dry-run']) return 0;

    const first = found.slots[0]!;
    const result = await service.schedule({
      attendees: request.attendees,
      subject: request.subject,
      start: first.start,
      end: first.end,
      agenda: '',
      online: request.online,
      language: request.language,
    });
    const start = new Date(result.meeting.start);
    console.log(
      `Invitation sent: "${plain(result.meeting.subject)}" on ${day.format(start)} at ${time.format(start)}.`,
    );
    if (result.meeting.joinUrl) console.log(`Join link: ${result.meeting.joinUrl}`);
    return 0;
  } catch (err) {
    const e = toRosterError(err);
    console.error(`Failed (${e.kind}${e.code ? `, ${e.code}` : ''}): ${plain(e.message)}`);
    if (e.code === ONLINE_UNAVAILABLE)
      console.error('Run again with --in-person to send the invitation without an online meeting.');
    return e.kind === 'auth' ? 3 : 1;
  } finally {
    await client?.close();
    await demo.close();
  }
}
