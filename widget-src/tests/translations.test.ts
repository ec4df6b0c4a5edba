/// <reference types="node" />
/**
 * Completeness of every shipped language: each string of the widget source has a translation in
 * each `i18n/<locale>.json`, and each string of the plugin's `aisle.pot` has one in each
 * `aisle-<locale>.po` (whose `.mo` is compiled from it). Placeholders survive translation.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LAUNCHER_LABELS } from '../i18n/launcherLabels';
import { SHIPPED_LOCALES, shippedLocaleFor } from '../i18n/locales';

const SRC = join(__dirname, '..');
const LANGUAGES = join(SRC, '../plugin/languages');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'tests' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** msgid → plural msgid (or null) of every `__('…')` and `_n('…', '…')` in the widget source. */
function widgetMsgids(): Map<string, string | null> {
  const ids = new Map<string, string | null>();
  const str = String.raw`(['"])((?:(?!\1)[^\\]|\\.)*)\1`;
  const unescape = (s: string | undefined) => (s ?? '').replace(/\\(.)/g, '$1');
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(String.raw`\b__\(\s*${str}`, 'g'))) ids.set(unescape(m[2]), null);
    const plural = new RegExp(String.raw`\b_n\(\s*${str}\s*,\s*(['"])((?:(?!\3)[^\\]|\\.)*)\3`, 'g');
    for (const m of text.matchAll(plural)) ids.set(unescape(m[2]), unescape(m[4]));
  }
  return ids;
}

/** printf placeholders, sorted: `%s`, `%1$s`, `%d`, `%%`. */
const placeholders = (text: string) => [...text.matchAll(/%(?:\d\$)?[sd%]/g)].map((m) => m[0]).sort();

type Jed = { locale_data: { messages: Record<string, unknown> } };
const widgetFile = (locale: string) => JSON.parse(readFileSync(join(SRC, 'i18n', `${locale}.json`), 'utf8')) as Jed;

interface PoEntry {
  msgid: string;
  msgidPlural: string | null;
  msgstr: string[];
}

/** A .po/.pot file's entries (the header too, as msgid ""); wrapped strings are joined. */
function parsePo(file: string): PoEntry[] {
  const entries: PoEntry[] = [];
  let current: PoEntry | null = null;
  let field: { kind: 'id' | 'plural' | 'str'; index: number } | null = null;
  const unquote = (s: string) => JSON.parse(s) as string;
  const append = (text: string) => {
    if (!current || !field) throw new Error(`${file}: string outside an entry`);
    if (field.kind === 'id') current.msgid += text;
    else if (field.kind === 'plural') current.msgidPlural = (current.msgidPlural ?? '') + text;
    else current.msgstr[field.index] = (current.msgstr[field.index] ?? '') + text;
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^msgid (".*")$/.exec(line))) {
      current = { msgid: '', msgidPlural: null, msgstr: [] };
      entries.push(current);
      field = { kind: 'id', index: 0 };
      append(unquote(m[1]!));
    } else if ((m = /^msgid_plural (".*")$/.exec(line))) {
      field = { kind: 'plural', index: 0 };
      append(unquote(m[1]!));
    } else if ((m = /^msgstr(?:\[(\d+)\])? (".*")$/.exec(line))) {
      field = { kind: 'str', index: Number(m[1] ?? 0) };
      if (current) current.msgstr[field.index] = '';
      append(unquote(m[2]!));
    } else if (/^".*"$/.test(line)) {
      append(unquote(line));
    }
  }
  return entries;
}

const header = (entries: PoEntry[], name: string) =>
  new RegExp(`^${name}: (.*)$`, 'm').exec(entries.find((e) => e.msgid === '')?.msgstr[0] ?? '')?.[1];

describe('shipped languages', () => {
  it('are exactly the translation files of the widget', () => {
    const files = readdirSync(join(SRC, 'i18n'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...SHIPPED_LOCALES].sort());
    expect(SHIPPED_LOCALES).toEqual(expect.arrayContaining(['ar', 'de_DE', 'es_ES', 'fr_FR', 'he_IL', 'ru_RU']));
  });

  it('are chosen by the page language, the region only a tie-breaker', () => {
    expect(shippedLocaleFor('es-MX')).toBe('es_ES');
    expect(shippedLocaleFor('ar')).toBe('ar');
    expect(shippedLocaleFor('ar_EG')).toBe('ar');
    expect(shippedLocaleFor('he')).toBe('he_IL');
    expect(shippedLocaleFor('de-AT')).toBe('de_DE');
    expect(shippedLocaleFor('fr')).toBe('fr_FR');
    expect(shippedLocaleFor('ru-RU')).toBe('ru_RU');
    expect(shippedLocaleFor('en-US')).toBeNull();
    expect(shippedLocaleFor('')).toBeNull();
  });
});

describe.each([...SHIPPED_LOCALES])('widget strings in %s', (locale) => {
  const messages = widgetFile(locale).locale_data.messages;
  const ids = widgetMsgids();
  const meta = messages[''] as { lang?: string; 'plural-forms'?: string };
  const nplurals = Number(/nplurals=(\d+)/.exec(meta['plural-forms'] ?? '')?.[1]);

  it('names its language and plural forms', () => {
    expect(meta.lang).toBe(locale);
    expect(nplurals).toBeGreaterThan(0);
  });

  it('translates every string of the widget source, keeping its placeholders', () => {
    expect(ids.size).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const [id, plural] of ids) {
      const value = messages[id];
      const forms = Array.isArray(value) ? (value as unknown[]) : [];
      if (forms.length === 0 || forms.some((f) => typeof f !== 'string' || f.trim() === '')) {
        problems.push(`missing: ${id}`);
        continue;
      }
      if (plural !== null && forms.length !== nplurals) problems.push(`needs ${nplurals} plural forms: ${id}`);
      const wanted = placeholders(id);
      // A plural form for exactly one (or two) may spell the number out; no form may invent one.
      for (const form of forms as string[]) {
        const got = placeholders(form);
        if (plural === null ? got.join() !== wanted.join() : !got.every((p) => wanted.includes(p))) {
          problems.push(`placeholders ${JSON.stringify(got)} ≠ ${JSON.stringify(wanted)}: ${id}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives the loader the same launcher labels', () => {
    for (const label of ['Open chat', 'Close chat'] as const) {
      expect([label, LAUNCHER_LABELS[locale][label]]).toEqual([label, (messages[label] as string[])[0]]);
    }
  });

  it('holds no string the source no longer uses', () => {
    expect(Object.keys(messages).filter((id) => id !== '' && !ids.has(id))).toEqual([]);
  });
});

describe.each([...SHIPPED_LOCALES])('plugin strings in %s', (locale) => {
  const template = parsePo(join(LANGUAGES, 'aisle.pot')).filter((e) => e.msgid !== '');
  const poFile = join(LANGUAGES, `aisle-${locale}.po`);
  const po = parsePo(poFile);

  it('translates every string of aisle.pot, keeping its placeholders', () => {
    expect(template.length).toBeGreaterThan(100);
    const translated = new Map(po.filter((e) => e.msgid !== '').map((e) => [e.msgid, e]));
    const problems: string[] = [];
    for (const entry of template) {
      const found = translated.get(entry.msgid);
      if (!found || found.msgstr.length === 0 || found.msgstr.some((s) => s.trim() === '')) {
        problems.push(`missing: ${entry.msgid}`);
      } else if (found.msgstr.some((s) => placeholders(s).join() !== placeholders(entry.msgid).join())) {
        problems.push(`placeholders differ: ${entry.msgid}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('declares its language and plural forms, and its .mo is compiled from it', () => {
    expect(header(po, 'Language')).toBe(locale);
    expect(header(po, 'Plural-Forms')).toMatch(/^nplurals=\d+; plural=/);
    const compiled = execFileSync('msgfmt', ['--check', '-o', '-', poFile]);
    expect(Buffer.compare(compiled, readFileSync(join(LANGUAGES, `aisle-${locale}.mo`)))).toBe(0);
  });
});
