import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, Avatar, avatarColour, initials } from '../../../renderer/components/Avatar';
import { MissingBridge } from '../../../renderer/MissingBridge';

describe('Avatar', () => {
  it('takes initials from the first and last names, in any script', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('jean-luc de la Tour')).toBe('JT');
    expect(initials('Élodie Ñúñez')).toBe('ÉÑ');
    expect(initials('Лев Толстой')).toBe('ЛТ');
    expect(initials('山田太郎')).toBe('山');
    expect(initials('Dupont, Jean (Sales)')).toBe('DJ');
    expect(initials('', 'zoe@contoso.example')).toBe('Z');
  });

  it('gives one address one colour, whatever its case, and spreads addresses over the palette', () => {
    expect(avatarColour('Ada@Contoso.example')).toBe(avatarColour('ada@contoso.example'));
    const colours = new Set(Array.from({ length: 64 }, (_, i) => avatarColour(`user${i}@contoso.example`)));
    expect(colours.size).toBe(AVATAR_COLOURS);
  });

  it('is decorative next to a name, and labelled when it stands alone', () => {
    const { container } = render(<Avatar name="Ada Lovelace" address="ada@contoso.example" />);
    expect(container.querySelector('[data-initials]')?.getAttribute('data-initials')).toBe('AL');
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('img')).toBeNull();
    render(<Avatar name="Ada Lovelace" address="ada@contoso.example" decorative={false} />);
    expect(screen.getByRole('img', { name: 'Ada Lovelace' })).toBeTruthy();
  });
});

describe('MissingBridge', () => {
  it('explains that the app cannot start instead of crashing', () => {
    render(<MissingBridge />);
    expect(screen.getByRole('alert').textContent).toContain('Roster couldn’t start');
  });
});
