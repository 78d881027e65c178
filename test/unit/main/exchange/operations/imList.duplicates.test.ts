/**
 * Two personas with one id (a server fault seen on lists edited from two clients): the list keeps
 * one of each, keeps every contact id they carry so group members still resolve, and reports the
 * ids instead of silently merging them.
 */
import { describe, expect, it } from 'vitest';
import * as im from '../../../../../main/exchange/operations/imList';
import type { Persona } from '../../../../../main/exchange/operations/persona';
import { fakeCaller } from '../fakeCaller';
import { fixture } from '../fixtures';

/** The documented GetImItemList answer with Persona 2 sent a second time, under another contact. */
function withDuplicate(): string {
  const xml = fixture('GetImItemList.xml');
  const start = xml.lastIndexOf('<Persona>');
  const end = xml.indexOf('</Persona>', start) + '</Persona>'.length;
  const again = xml
    .slice(start, end)
    .replace('AAMkAGContact2=', 'AAMkAGUnknown=')
    .replace('Терентий Адамов</DisplayName>', 'Someone else</DisplayName>');
  return xml.slice(0, end) + again + xml.slice(end);
}

describe('duplicate persona ids', () => {
  it('GetImItemList reports them, keeps the first, and keeps both contact ids for membership', async () => {
    const { caller } = fakeCaller(withDuplicate());
    const list = await im.getImItemList(caller);
    expect(list.personas.map((p) => p.id)).toEqual(['AAUQAPersona1=', 'AAUQAPersona2=']);
    expect(list.duplicatePersonaIds).toEqual(['AAUQAPersona2=']);
    expect(list.personas[1]!.displayName).toBe('Терентий Адамов');
    // The group naming AAMkAGUnknown= now reaches the persona that contact id belongs to.
    const team = list.groups.find((g) => g.memberIds.includes('AAMkAGUnknown='));
    expect(team?.memberPersonaIds).toEqual(['AAUQAPersona1=', 'AAUQAPersona2=']);
  });

  it('an answer without duplicates reports none', async () => {
    const { caller } = fakeCaller(fixture('GetImItemList.xml'));
    const list = await im.getImItemList(caller);
    expect(list.duplicatePersonaIds).toBeUndefined();
  });

  it('uniquePersonas keeps order and names each duplicate once', () => {
    const p = (id: string, contactIds: string[]): Persona =>
      ({ id, contactIds, displayName: id }) as unknown as Persona;
    const r = im.uniquePersonas([p('a', ['1']), p('b', []), p('a', ['2']), p('a', ['1'])]);
    expect(r.personas.map((x) => [x.id, x.contactIds])).toEqual([
      ['a', ['1', '2']],
      ['b', []],
    ]);
    expect(r.duplicates).toEqual(['a']);
  });
});
