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
