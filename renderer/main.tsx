import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RosterApi } from '../preload/contract';
import { App } from './App';
import { initI18n } from './i18n';
import { MissingBridge } from './MissingBridge';
import './styles.css';

initI18n();

/** The bridge may be missing (preload failed, page opened outside the shells): say so, don't crash. */
function bridge(): RosterApi | undefined {
  const candidate = (window as Partial<Window>).roster;
  return candidate && typeof candidate.on === 'function' ? candidate : undefined;
}

function mount(container: HTMLElement): void {
  const api = bridge();
  createRoot(container).render(<StrictMode>{api ? <App api={api} /> : <MissingBridge />}</StrictMode>);
}

const container = document.getElementById('root');
if (container) {
  // The Electron preload defines window.roster before any page script; the web shell's bridge is a
  // script of the page, so give it until the page has loaded before declaring it missing.
  if (bridge() || document.readyState === 'complete') mount(container);
  else window.addEventListener('load', () => mount(container), { once: true });
}
