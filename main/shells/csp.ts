/**
 * The renderer's Content-Security-Policy, one definition for both shells. The renderer runs no
 * inline script or style, loads nothing remote, and reaches main only through window.roster
 * (IPC in Electron, the one WebSocket in the web shell).
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Voice mail (issue 23): recordings play from the shell's own route only.
    "media-src 'self'",
    `connect-src 'self'${connectSrc.map((s) => ` ${s}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
