/// <reference types="node" />
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import heIL from '../i18n/he_IL.json';
import { localeDataOf } from '../i18n/localeData';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'tests' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every `__('…', 'aisle')` and `_n('…', …, 'aisle')` msgid in the widget source. */
function msgids(): string[] {
  const ids = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b(?:__|_n)\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
      ids.add((match[2] ?? '').replace(/\\(.)/g, '$1'));
    }
  }
  return [...ids];
}

describe('Hebrew translation', () => {
  const data = localeDataOf(heIL) as Record<string, unknown>;

  it('covers every string of the widget', () => {
    const ids = msgids();
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((id) => !(id in data))).toEqual([]);
  });

  it('uses only the aisle text domain', () => {
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b__\(\s*(['"])(?:(?!\1)[^\\]|\\.)*\1\s*,\s*'([^']*)'/g)) {
        expect([file, match[2]]).toEqual([file, 'aisle']);
      }
    }
  });

  it('keeps printf placeholders in the translations', () => {
    for (const [id, value] of Object.entries(data)) {
      if (id === '' || !id.includes('%d')) continue;
      expect((value as string[]).some((t) => t.includes('%d'))).toBe(true);
    }
  });
});
