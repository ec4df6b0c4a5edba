import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COLORS } from '../../theme/colors';
import { contrastRatio, MIN_TEXT_CONTRAST, readableTextOn, resolveColors, TEXT_PAIRS } from '../../theme/colors';

describe('default theme contrast', () => {
  it.each(TEXT_PAIRS.map(([fg, bg]) => [fg, bg]))('%s on %s reaches 4.5:1', (fg, bg) => {
    const ratio = contrastRatio(DEFAULT_COLORS[fg], DEFAULT_COLORS[bg]);
    expect(ratio).not.toBeNull();
    expect(ratio as number).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('red', '#fff')).toBeNull();
  });

  it('picks readable text for a store primary colour', () => {
    expect(readableTextOn('#ffe066')).toBe('#000000');
    expect(readableTextOn('#0b3d2e')).toBe('#ffffff');
    const colors = resolveColors({ primary: '#ffe066' });
    expect(contrastRatio(colors.onPrimary, colors.primary) as number).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
});
