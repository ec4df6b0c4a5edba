/// <reference types="node" />
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

describe('classic JSX runtime', () => {
  it('every .tsx file names createElement as its JSX pragma and imports it', () => {
    const files = tsxFiles(join(__dirname, '..'));
    expect(files.length).toBeGreaterThan(10);
    const missing = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return (
        !text.startsWith('/** @jsxRuntime classic */\n/** @jsx createElement */') ||
        !/import \{[^}]*\bcreateElement\b[^}]*\} from '@wordpress\/element'/.test(text)
      );
    });
    expect(missing).toEqual([]);
  });
});
