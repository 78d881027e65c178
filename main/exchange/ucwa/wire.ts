/**
 * UCWA's JSON on the wire: the only place a UCWA resource or property name is written. Every
 * answer is read through a zod schema: a malformed or hostile answer becomes an EwsError
 * (`server`, code `UcwaBadAnswer`), never a crash or an unchecked value.
 */
import { z } from 'zod';
import { EwsError } from '../errors';

/** A UCWA link: `{ "href": "…" }` (absolute for discovery, relative to the host inside UCWA). */
const Link = z.object({ href: z.string().min(1).max(2048) });
const Links = <T extends z.ZodRawShape>(shape: T) => z.object({ _links: z.object(shape) });

/** The discovery root (`…/autodiscoverservice.svc/root`, lyncdiscover): where the user resource is. */
export const RootResource = Links({ user: Link, self: Link.optional(), xframe: Link.optional() });

/**
 * The user resource once authenticated: `applications`, or `redirect` when the user is homed on
 * another pool (its href is that pool's discovery root).
 */
export const UserResource = Links({ applications: Link.optional(), redirect: Link.optional() }).refine(
  (u) => u._links.applications !== undefined || u._links.redirect !== undefined,
  'neither an applications nor a redirect link',
);

/** POST /WebTicket/oauthtoken → the web ticket. */
export const TokenAnswer = z.object({
  access_token: z.string().min(1).max(16_384),
  expires_in: z.coerce
    .number()
    .int()
    .positive()
    .max(31 * 86_400),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'token_type is not Bearer'),
  ms_rtc_identityscope: z.string().optional(),
});

/** The token endpoint's refusal (OAuth 2.0 error answer). */
export const TokenError = z.object({
  error: z.string().max(200),
  error_description: z.string().optional(),
});

/** POST /ucwa/oauth/v1/applications → 201 application: the links this client needs. */
export const ApplicationResource = z.object({
  _links: z.object({ self: Link }),
  _embedded: z.object({
    onlineMeetings: z.object({
      _links: z.object({ myOnlineMeetings: Link, phoneDialInInformation: Link.optional() }),
    }),
  }),
});

export const ACCESS_LEVELS = ['Everyone', 'Invited', 'Locked', 'SameEnterprise'] as const;
export const LEADER_ASSIGNMENTS = ['Disabled', 'Everyone', 'SameEnterprise'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export type LeaderAssignment = (typeof LEADER_ASSIGNMENTS)[number];
export type OnOff = 'Enabled' | 'Disabled';

/** What a myOnlineMeetings POST carries (UCWA's property names and values). */
export interface MyOnlineMeetingInput {
  subject: string;
  description?: string;
  accessLevel: AccessLevel;
  automaticLeaderAssignment: LeaderAssignment;
  /** SIP URIs. */
  attendees: string[];
  leaders: string[];
  entryExitAnnouncement: OnOff;
  lobbyBypassForPhoneUsers: OnOff;
  phoneUserAdmission: OnOff;
  /** ISO 8601. */
  expirationTime: string;
}

const httpsUrl = z
  .string()
  .max(2048)
  .refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:', 'is not an https address');

/** One myOnlineMeeting, as created or read back. */
export const MeetingResource = z.object({
  onlineMeetingId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'is not a meeting id'),
  joinUrl: httpsUrl,
  onlineMeetingUri: z.string().max(2048).optional(),
  organizerUri: z.string().max(2048).optional(),
  subject: z.string().max(4096).optional(),
  accessLevel: z.string().max(64).optional(),
  automaticLeaderAssignment: z.string().max(64).optional(),
  lobbyBypassForPhoneUsers: z.string().max(64).optional(),
  attendees: z.array(z.string().max(2048)).max(10_000).optional(),
  leaders: z.array(z.string().max(2048)).max(10_000).optional(),
  conferenceId: z.string().max(64).optional(),
  expirationTime: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date')
    .optional(),
});
export type MeetingResource = z.infer<typeof MeetingResource>;

/** `…/onlineMeetings/phoneDialInInformation`: the conference id and numbers by region. */
export const DialInResource = z.object({
  conferenceId: z.string().max(64).optional(),
  defaultRegion: z.string().max(256).optional(),
  _embedded: z
    .object({
      dialInRegion: z
        .array(
          z.object({
            name: z.string().max(256),
            number: z.string().max(64),
            languages: z.array(z.string().max(32)).max(100).optional(),
          }),
        )
        .max(500)
        .optional(),
    })
    .optional(),
});
export type DialInResource = z.infer<typeof DialInResource>;

/** UCWA's error body: `{ code, subcode?, message? }`. */
export const UcwaErrorBody = z.object({
  code: z.string().max(100),
  subcode: z.string().max(100).optional(),
  message: z.string().optional(),
});

/** Parses and checks an answer; `what` names the resource in the message ("the application"). */
export function readJson<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badAnswer(what, 'not JSON', err);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Stryker disable next-line StringLiteral: a failed zod parse always has at least one issue
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    throw badAnswer(what, where);
  }
  return parsed.data;
}

/** Like readJson, undefined instead of an error (for optional error bodies). */
// Stryker disable BlockStatement,StringLiteral: an empty catch returns undefined as well; the name is only in the message of the error dropped
export function tryReadJson<S extends z.ZodType>(text: string, schema: S): z.infer<S> | undefined {
  try {
    return readJson(text, schema, '');
  } catch {
    return undefined;
  }
}

// Stryker restore BlockStatement,StringLiteral
export function badAnswer(what: string, detail: string, cause?: unknown): EwsError {
  return new EwsError(
    'server',
    `The Lync server sent an answer Roster cannot use (${what}). Try again later; if it keeps happening, tell your IT department.`,
    // Stryker disable next-line ConditionalExpression: EwsError keeps no cause when given cause: undefined
    { code: 'UcwaBadAnswer', serverText: detail, ...(cause === undefined ? {} : { cause }) },
  );
}
