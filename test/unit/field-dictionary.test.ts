import { describe, expect, it } from 'vitest';
import { FieldDictionary } from '../../main/ingest/field-dictionary.ts';

describe('FieldDictionary', () => {
  it('gives each value one code per field and lists a value once, when first seen', () => {
    const d = new FieldDictionary(2);
    const fresh: string[] = [];
    const codes = [d.code('a', 0, fresh), d.code('b', 0, fresh), d.code('a', 0, fresh), d.code('a', 1, fresh), d.code('a', 1, fresh)];
    expect(codes).toEqual([0, 1, 0, 2, 2]);
    expect(fresh).toEqual(['a', 'b', 'a']); // the writing thread maps code i to fresh[i]
    expect(d.size).toBe(3);
  });

  it('starts over from code 0 after clear', () => {
    const d = new FieldDictionary(1);
    const fresh: string[] = [];
    d.code('x', 0, fresh);
    d.code('y', 0, fresh);
    d.clear();
    const after: string[] = [];
    expect([d.code('y', 0, after), d.size]).toEqual([0, 1]);
    expect(after).toEqual(['y']);
  });
});
