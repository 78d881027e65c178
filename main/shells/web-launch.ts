/**
 * The web shell's first contact with the user (issue 20 item 16), as small pure decisions:
 * which port to ask for, how to open the user's browser, and what the refusal page says. Wired in
 * web.ts and web-entry.ts; tested without a network or a browser.
 */

/**
 * The port `npm start -- --web` asks for first: the same address every run, so a browser that
 * holds the cookie can reopen it. Taken → the next ones, then any free port.
 */
export const STABLE_PORT = 4747;
const STABLE_TRIES = 10;

/** Ports to try in order; 0 (any free port) last. An explicit --port is tried alone. */
export function candidatePorts(requested: number | undefined): number[] {
  if (requested !== undefined) return [requested];
  return [...Array.from({ length: STABLE_TRIES }, (_, i) => STABLE_PORT + i), 0];
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The command that opens `url` in the user's browser, or null when there is no one to see it:
 * no display on Linux/BSD (a server, SSH, CI), or when told not to (--no-open, the tests' --json,
 * CI, ROSTER_NO_OPEN=1). The URL is one argument, never a shell string.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: Env,
  told: { noOpen: boolean },
): { command: string; args: string[] } | null {
  if (told.noOpen || env.CI || env.ROSTER_NO_OPEN === '1') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // start's first quoted argument is the window title: an empty one, so the URL is not taken for it.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/** English unless the browser prefers French (first match in Accept-Language, by q-value). */
export function pageLanguage(acceptLanguage: string | undefined): 'en' | 'fr' {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'fr' || tag.startsWith('fr-')) return 'fr';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const FORBIDDEN = {
  en: {
    title: 'Roster: open the link from the terminal',
    heading: 'This address needs the link Roster printed',
    body: 'For your safety, Roster only answers the browser that opened the link it printed when it started.',
    todo: 'Open the link printed in the terminal where you ran npm start, or run it again.',
  },
  fr: {
    title: 'Roster : ouvrez le lien du terminal',
    heading: 'Cette adresse demande le lien affiché par Roster',
    body: 'Pour votre sécurité, Roster ne répond qu’au navigateur qui a ouvert le lien affiché à son démarrage.',
    todo: 'Ouvrez le lien affiché dans le terminal où vous avez lancé npm start, ou relancez-le.',
  },
} as const;

/** The 403 page: what happened and exactly what to do, in the browser's language; no script. */
export function forbiddenPage(acceptLanguage: string | undefined): { lang: 'en' | 'fr'; html: string } {
  const lang = pageLanguage(acceptLanguage);
  const t = FORBIDDEN[lang];
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1c2430}h1{font-size:1.3rem}</style></head>
<body><main><h1>${t.heading}</h1><p>${t.body}</p><p><strong>${t.todo}</strong></p></main></body>
</html>
`;
  return { lang, html };
}

/** The refusal page's CSP: nothing runs, nothing loads; only its own inline style. */
export const FORBIDDEN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
