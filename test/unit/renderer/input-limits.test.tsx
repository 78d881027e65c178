/**
 * Every text field carries the contract's limit as maxLength (issue 16, finding 2): a paste of a
 * million characters into "Search the directory" used to go to main as it was. The limits come
 * from preload/contract.ts, the same constants the schemas use.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  MAX_DISPLAY_NAME,
  MAX_EMAIL,
  MAX_EWS_URL,
  MAX_GROUP_NAME,
  MAX_IM_ADDRESS,
  MAX_PASSWORD,
  MAX_PHONE_NUMBER,
  MAX_SEARCH_QUERY,
  MAX_USERNAME,
} from '../../../preload/contract';
import { workAccount } from './fake-roster';
import { renderApp } from './render';

const TEXT_TYPES = new Set(['text', 'email', 'password', 'url', 'search', 'tel', '']);

/** Every text input now in the document has a positive maxLength. */
function expectAllTextInputsBounded(): void {
  const inputs = [...document.querySelectorAll('input, textarea')].filter(
    (el) => el instanceof HTMLTextAreaElement || TEXT_TYPES.has((el as HTMLInputElement).type),
  ) as (HTMLInputElement | HTMLTextAreaElement)[];
  expect(inputs.length).toBeGreaterThan(0);
  for (const el of inputs) expect(el.maxLength, `#${el.id} has no maxLength`).toBeGreaterThan(0);
}

const maxOf = (el: HTMLElement): number => (el as HTMLInputElement).maxLength;

describe('text field limits', () => {
  it('sign-in: e-mail, password, server URL and user name', async () => {
    renderApp();
    await screen.findByRole('heading', { name: 'Sign in to Exchange' });
    fireEvent.click(screen.getByRole('button', { name: 'Advanced' }));
    expect(maxOf(screen.getByLabelText('E-mail address'))).toBe(MAX_EMAIL);
    expect(maxOf(screen.getByLabelText('Password'))).toBe(MAX_PASSWORD);
    expect(maxOf(screen.getByLabelText('Server URL (EWS)', { exact: false }))).toBe(MAX_EWS_URL);
    expect(maxOf(screen.getByLabelText('User name', { exact: false }))).toBe(MAX_USERNAME);
    expectAllTextInputsBounded();
  });

  it('contacts: the filter, the add-contact dialog and the group dialog', async () => {
    renderApp({ session: { status: 'signed-in', account: workAccount, vault: 'os' } });
    await screen.findByRole('tree', { name: 'Contact list' });
    expect(maxOf(screen.getByLabelText('Search contacts and directory'))).toBe(MAX_SEARCH_QUERY);

    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const add = await screen.findByRole('dialog', { name: 'Add contact' });
    expect(maxOf(within(add).getByLabelText('Search the directory'))).toBe(MAX_SEARCH_QUERY);
    expect(maxOf(within(add).getByLabelText('Address or number'))).toBe(MAX_IM_ADDRESS);
    expect(maxOf(within(add).getByLabelText('Display name (optional)'))).toBe(MAX_DISPLAY_NAME);
    fireEvent.change(within(add).getByLabelText('Type'), { target: { value: 'phone' } });
    expect(maxOf(within(add).getByLabelText('Address or number'))).toBe(MAX_PHONE_NUMBER);
    const target = within(add).getByLabelText('Add to group');
    const newGroup = [...target.querySelectorAll('option')].find((o) => o.textContent === 'New group…');
    fireEvent.change(target, { target: { value: newGroup?.value } });
    expect(maxOf(within(add).getByLabelText('New group name'))).toBe(MAX_GROUP_NAME);
    expectAllTextInputsBounded();
    fireEvent.click(within(add).getByRole('button', { name: 'Close' }));

    fireEvent.click(screen.getByRole('button', { name: 'New group' }));
    const group = await screen.findByRole('dialog', { name: 'New group' });
    expect(maxOf(within(group).getByRole('textbox', { name: 'Group name' }))).toBe(MAX_GROUP_NAME);
    expectAllTextInputsBounded();
  });
});
