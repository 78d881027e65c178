import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { initI18n, i18next } from '../../../renderer/i18n';

initI18n('en');

beforeEach(async () => {
  await i18next.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});

// jsdom does no layout: give the virtualised contact list a viewport so it draws its first rows.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    // …and the History view's list (issue 23).
    return this.classList.contains('contact-tree') || this.classList.contains('history-list') ? 600 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('contact-tree') || this.classList.contains('history-list') ? 320 : 0;
  },
});
