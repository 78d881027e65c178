/** The invitation's body: EN and FR, join link and dial-in when given, the agenda, everything escaped. */
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  invitationBody,
  ONLINE_MEETING_ATTR,
  onlineLocation,
  textToHtml,
  type InvitationInput,
} from '../../../../../main/services/meetings/invitation';

const online = {
  id: 'F7GH2K9Z',
  joinUrl: 'https://meet.contoso.test/alice/F7GH2K9Z',
  dialIn: {
    conferenceId: '4711',
    numbers: [
      { region: 'Paris', number: '+33 1 23 45 67 89' },
      { region: 'New York', number: '+1 (212) 555-0100' },
    ],
  },
};
const base: InvitationInput = { language: 'en', subject: 'Budget', agenda: '', online };

describe('invitationBody: what attendees read', () => {
  it.each([
    ['en', 'Join online meeting', 'Join by phone', 'Conference ID: 4711'],
    ['fr', 'Rejoindre la réunion en ligne', 'Participer par téléphone', 'ID de conférence: 4711'],
  ] as const)('in %s: the join link, the numbers and the conference id', (language, join, phone, conf) => {
    const b = invitationBody({ ...base, language });
    expect(b.html).toContain(
      `<a href="https://meet.contoso.test/alice/F7GH2K9Z" ${ONLINE_MEETING_ATTR}="F7GH2K9Z">${join}</a>`,
    );
    expect(b.html).toContain(phone);
    expect(b.html).toContain('<a href="tel:+33123456789">+33 1 23 45 67 89</a>');
    expect(b.html).toContain('<a href="tel:+12125550100">+1 (212) 555-0100</a>');
    expect(b.text).toContain(`${join}: https://meet.contoso.test/alice/F7GH2K9Z`);
    expect(b.text).toContain('  Paris: +33 1 23 45 67 89');
    expect(b.text).toContain(conf);
  });

  it('leaves out the phone part when the provider gives no dial-in', () => {
    const b = invitationBody({ ...base, online: { id: 'X', joinUrl: online.joinUrl } });
    expect(b.html).not.toContain('Join by phone');
    expect(b.html).not.toContain('Conference ID');
    expect(b.text).toBe(`${'.'.repeat(72)}\nJoin online meeting: ${online.joinUrl}`);
  });

  it('an in-person meeting has the agenda only, line breaks kept', () => {
    const { online: _none, ...inPerson } = base;
    const b = invitationBody({ ...inPerson, agenda: 'Q4 figures\nHiring' });
    expect(b.html).toContain('<div>Q4 figures<br>Hiring</div>');
    expect(b.html).not.toContain('<a ');
    expect(b.text).toBe('Agenda\nQ4 figures\nHiring');
  });

  it.each([
    ['a script in the subject', { subject: '<script>alert(1)</script>' }],
    ['a broken-out attribute in the agenda', { agenda: '"><img src=x onerror=alert(1)>' }],
    ['markup in the agenda', { agenda: "<iframe src='https://evil.test'></iframe>" }],
  ])('escapes %s', (_name, hostile) => {
    const b = invitationBody({ ...base, ...hostile });
    expect(b.html).not.toMatch(/<script|<img|<iframe|onerror=alert\(1\)>/i);
    expect(b.html).toMatch(/&lt;(script|img|iframe)/);
  });

  it('escapes what the provider sends too (dial-in region and number)', () => {
    const b = invitationBody({
      ...base,
      online: {
        ...online,
        dialIn: { conferenceId: '<b>1</b>', numbers: [{ region: '<i>x</i>', number: '"><svg onload=1>' }] },
      },
    });
    expect(b.html).not.toMatch(/<b>|<i>|<svg/);
    expect(b.html).toContain('&lt;svg onload=1&gt;');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['http (unencrypted)', 'http://meet.contoso.test/alice/X'],
    ['credentials in the link', 'https://user:pw@meet.contoso.test/x'],
    ['not a URL', 'meet.contoso.test/x'],
  ])('refuses a join link that is %s', (_name, joinUrl) => {
    expect(() => invitationBody({ ...base, online: { id: 'X', joinUrl } })).toThrow(/https/);
  });
});

describe('invitationBody: the whole body', () => {
  it('agenda, rule, join link, numbers and conference id, in that order, in HTML and text', () => {
    const b = invitationBody({
      language: 'en',
      subject: 'Q4 & "plans"',
      agenda: '  Figures\r\nHiring  ',
      online: {
        id: 'M1',
        joinUrl: ' https://meet.contoso.test/a ',
        dialIn: { conferenceId: '4711', numbers: [{ region: 'Paris', number: '00+33 1+2' }] },
      },
    });
    const rule = '.'.repeat(72);
    expect(b.html).toBe(
      '<html><head><meta charset="utf-8"><title>Q4 &amp; &quot;plans&quot;</title></head><body lang="en">' +
        '<div><strong>Agenda</strong></div><div>Figures<br>Hiring</div>' +
        `<div>${rule}</div>` +
        '<div><a href="https://meet.contoso.test/a" data-roster-online-meeting="M1">Join online meeting</a></div>' +
        '<div>Join by phone</div><ul><li>Paris: <a href="tel:003312">00+33 1+2</a></li></ul>' +
        '<div>Conference ID: 4711</div>' +
        '</body></html>',
    );
    expect(b.text).toBe(
      [
        'Agenda',
        'Figures',
        'Hiring',
        '',
        rule,
        'Join online meeting: https://meet.contoso.test/a',
        'Join by phone',
        '  Paris: 00+33 1+2',
        'Conference ID: 4711',
      ].join('\n'),
    );
  });

  it('a conference id without numbers, and no phone part for an empty list', () => {
    const b = invitationBody({
      language: 'fr',
      subject: 'S',
      agenda: ' ',
      online: { id: 'M', joinUrl: 'https://meet.x/a', dialIn: { conferenceId: '9', numbers: [] } },
    });
    expect(b.html).toBe(
      '<html><head><meta charset="utf-8"><title>S</title></head><body lang="fr">' +
        `<div>${'.'.repeat(72)}</div>` +
        '<div><a href="https://meet.x/a" data-roster-online-meeting="M">Rejoindre la réunion en ligne</a></div>' +
        '<div>ID de conférence: 9</div></body></html>',
    );
    expect(b.text).toBe(
      `${'.'.repeat(72)}\nRejoindre la réunion en ligne: https://meet.x/a\nID de conférence: 9`,
    );
  });

  it('an empty body for nothing to say', () => {
    expect(invitationBody({ language: 'en', subject: '', agenda: '' })).toEqual({
      html: '<html><head><meta charset="utf-8"><title></title></head><body lang="en"></body></html>',
      text: '',
    });
  });

  it.each([
    ['en', 'Online meeting'],
    ['fr', 'Réunion en ligne'],
  ] as const)('onlineLocation(%s) → %s', (language, want) => {
    expect(onlineLocation(language)).toBe(want);
  });
});

describe('escaping helpers', () => {
  it.each([
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["O'Brien & Co", 'O&#39;Brien &amp; Co'],
  ])('escapeHtml(%s)', (input, out) => expect(escapeHtml(input)).toBe(out));

  it('textToHtml keeps line breaks from any platform', () => {
    expect(textToHtml('a\r\nb\rc\n<d>')).toBe('a<br>b<br>c<br>&lt;d&gt;');
  });
});
