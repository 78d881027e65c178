/**
 * The invitation's body: the agenda, then the online meeting's join link, dial-in numbers and
 * conference id (when the provider gives them), in HTML for the CalendarItem and in plain text, in
 * English or French (the organiser's language). Pure. Every string that came from a person or a
 * server (subject, agenda, link, numbers) is escaped: attendees open this in Outlook and OWA.
 */
import type { OnlineMeeting } from './online';
import { safeHttpsUrl } from './links';

export type InvitationLanguage = 'en' | 'fr';

export interface InvitationInput {
  language: InvitationLanguage;
  subject: string;
  agenda: string;
  /** The online meeting, when there is one. */
  online?: Pick<OnlineMeeting, 'id' | 'joinUrl' | 'dialIn'>;
}

export interface Invitation {
  html: string;
  text: string;
}

/** The attribute on the join link that names the online meeting we created, so cancelling removes it. */
export const ONLINE_MEETING_ATTR = 'data-roster-online-meeting';

const STRINGS: Record<
  InvitationLanguage,
  { join: string; phone: string; conferenceId: string; agenda: string; location: string }
> = {
  en: {
    join: 'Join online meeting',
    phone: 'Join by phone',
    conferenceId: 'Conference ID',
    agenda: 'Agenda',
    location: 'Online meeting',
  },
  fr: {
    join: 'Rejoindre la réunion en ligne',
    phone: 'Participer par téléphone',
    conferenceId: 'ID de conférence',
    agenda: 'Ordre du jour',
    location: 'Réunion en ligne',
  },
};

/** What an online meeting's Location says when the organiser gave none. */
export function onlineLocation(language: InvitationLanguage): string {
  return STRINGS[language].location;
}

/** Text → HTML text or attribute value: the five characters that can end either. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A person's plain text (a message, an agenda) as HTML: escaped, line breaks kept. */
export function textToHtml(s: string): string {
  return escapeHtml(s.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>');
}

/** A dialable tel: target: digits and a leading +, nothing else. */
function telHref(number: string): string {
  const digits = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return `tel:${digits}`;
}

const RULE = '.'.repeat(72);

/**
 * The body. Throws when the online meeting's link is not a plain https link: an invitation must
 * never carry a link that runs script or sends people somewhere unencrypted.
 */
export function invitationBody(input: InvitationInput): Invitation {
  const t = STRINGS[input.language];
  const html: string[] = [];
  const text: string[] = [];
  const agenda = input.agenda.trim();
  if (agenda) {
    html.push(`<div><strong>${escapeHtml(t.agenda)}</strong></div>`, `<div>${textToHtml(agenda)}</div>`);
    text.push(`${t.agenda}`, agenda.replace(/\r\n?/g, '\n'), '');
  }
  const online = input.online;
  if (online) {
    const url = safeHttpsUrl(online.joinUrl);
    if (!url) throw new Error('The online meeting’s join link is not an https link.');
    html.push(
      `<div>${escapeHtml(RULE)}</div>`,
      `<div><a href="${escapeHtml(url)}" ${ONLINE_MEETING_ATTR}="${escapeHtml(online.id)}">${escapeHtml(t.join)}</a></div>`,
    );
    text.push(RULE, `${t.join}: ${url}`);
    const dial = online.dialIn;
    if (dial && dial.numbers.length > 0) {
      html.push(`<div>${escapeHtml(t.phone)}</div>`, '<ul>');
      text.push(t.phone);
      for (const n of dial.numbers) {
        html.push(
          `<li>${escapeHtml(n.region)}: <a href="${escapeHtml(telHref(n.number))}">${escapeHtml(n.number)}</a></li>`,
        );
        text.push(`  ${n.region}: ${n.number}`);
      }
      html.push('</ul>');
    }
    if (dial?.conferenceId) {
      html.push(`<div>${escapeHtml(t.conferenceId)}: ${escapeHtml(dial.conferenceId)}</div>`);
      text.push(`${t.conferenceId}: ${dial.conferenceId}`);
    }
  }
  return {
    html:
      `<html><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>` +
      `<body lang="${input.language}">${html.join('')}</body></html>`,
    text: text.join('\n').trim(),
  };
}
