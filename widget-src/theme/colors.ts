/**
 * The default theme and the WCAG 2 contrast maths used to keep it (and a store's own
 * primary colour) readable.
 */
import type { ThemeColors } from '../config/types';

export const DEFAULT_COLORS: ThemeColors = {
  primary: '#1d4ed8',
  onPrimary: '#ffffff',
  surface: '#ffffff',
  text: '#1f2937',
  mutedText: '#4b5563',
  assistantBubble: '#f3f4f6',
  link: '#1d4ed8',
  danger: '#b91c1c',
  dangerSurface: '#fef2f2',
  success: '#166534',
  border: '#d1d5db',
};

/** Foreground/background pairs the theme puts text on; each must reach 4.5:1. */
export const TEXT_PAIRS: ReadonlyArray<readonly [keyof ThemeColors, keyof ThemeColors]> = [
  ['onPrimary', 'primary'],
  ['text', 'surface'],
  ['mutedText', 'surface'],
  ['text', 'assistantBubble'],
  ['mutedText', 'assistantBubble'],
  ['link', 'surface'],
  ['link', 'assistantBubble'],
  ['danger', 'surface'],
  ['danger', 'dangerSurface'],
  ['success', 'surface'],
];

export const MIN_TEXT_CONTRAST = 4.5;

/** Parses `#rgb` or `#rrggbb`; null for anything else (named colours, rgb()). */
export function parseHexColor(value: string): [number, number, number] | null {
  const hex = value.trim().replace(/^#/, '');
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) {
    return null;
  }
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio between two hex colours, 1 to 21; null when either is not hex. */
export function contrastRatio(foreground: string, background: string): number | null {
  const fg = parseHexColor(foreground);
  const bg = parseHexColor(background);
  if (!fg || !bg) {
    return null;
  }
  const [light, dark] = [relativeLuminance(fg), relativeLuminance(bg)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableTextOn(background: string): string {
  const onWhite = contrastRatio('#ffffff', background) ?? 21;
  const onBlack = contrastRatio('#000000', background) ?? 1;
  return onWhite >= onBlack ? '#ffffff' : '#000000';
}

/**
 * Merges a store's colours over the defaults. A store that sets only `primary` gets a
 * matching `onPrimary`, so a light brand colour does not end up with white text.
 */
export function resolveColors(input: Partial<ThemeColors> | undefined): ThemeColors {
  const colors = { ...DEFAULT_COLORS, ...(input ?? {}) };
  if (input?.primary && !input.onPrimary) {
    colors.onPrimary = readableTextOn(input.primary);
  }
  return colors;
}

/** CSS custom properties for the widget root, e.g. `--aisle-primary`. */
export function colorsToCssVariables(colors: ThemeColors): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(colors)) {
    vars[`--aisle-${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`] = value;
  }
  return vars;
}
