import type { RosterApi } from '../preload/contract';

declare global {
  interface Window {
    /** The bridge: the Electron preload or the web shell's web-bridge. It may be missing (see main.tsx). */
    roster: RosterApi;
  }
}

export {};
