import { describe, expect, it } from 'vitest';
import { Positions } from '../src/load/positions.js';
import { ownString, ownStrings } from '../src/own-strings.js';

describe('ownString', () => {
  it('keeps the characters of slices and concatenations, short and long', () => {
    const text = 'kind: Pod\nmetadata:\n  name: a-container-name-long-enough\n';
    const slice = text.slice(text.indexOf('a-container'), text.lastIndexOf('\n'));
    expect(ownString(slice)).toBe('a-container-name-long-enough');
    expect(ownString(`Deployment ${slice}/x`)).toBe('Deployment a-container-name-long-enough/x');
    expect(ownString('short')).toBe('short');
    expect(ownString('')).toBe('');
    expect(ownString('memory 512Mi — 1.5× the peak')).toBe('memory 512Mi — 1.5× the peak');
  });
});

describe('ownStrings', () => {
  it('copies plain data deeply: objects, arrays, Maps, Sets, and leaves numbers, booleans and undefined', () => {
    const data = {
      message: 'a message long enough to be shared',
      line: 3,
      flag: false,
      missing: undefined,
      list: ['first string of the list', 'x'],
      map: new Map([['a key long enough', { value: 'a value long enough' }]]),
      set: new Set(['a member long enough']),
    };
    const copy = ownStrings(data);
    expect(copy).toStrictEqual(data);
    expect(copy).not.toBe(data);
    expect(copy.list).not.toBe(data.list);
    expect(copy.map).not.toBe(data.map);
    expect(copy.map.get('a key long enough')).not.toBe(data.map.get('a key long enough'));
    expect('missing' in copy).toBe(true);
  });

  it('returns class instances as they are (they are not data, and copying would drop their methods)', () => {
    const positions = new Positions('a.yaml', 'a: 1\n');
    const copy = ownStrings({ positions, nested: [positions] });
    expect(copy.positions).toBe(positions);
    expect(copy.nested[0]).toBe(positions);
    expect(copy.positions.at(3)).toEqual({ line: 1, column: 4 });
  });
});
