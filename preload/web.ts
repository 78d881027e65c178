/**
 * The browser bridge for the web shell: the same window.roster as the Electron preload, carried
 * over one WebSocket to main/shells/web.ts (see web-transport.ts for how a lost link is handled).
 * The session cookie set by the web shell authenticates the socket; calls made before it opens
 * wait for it.
 */
import { buildRosterApi } from './bridge';
import { createWebTransport } from './web-transport';

if (!('roster' in window)) {
  const transport = createWebTransport(
    () => new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`),
  );
  Object.defineProperty(window, 'roster', { value: buildRosterApi(transport), enumerable: true });
  // Open at once, so a shell that is already gone shows in the window before the first click.
  transport.connect();
}
