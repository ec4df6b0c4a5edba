import { describe, expect, it } from '@jest/globals';
import { makePageInert } from '../../a11y/modal';

describe('makePageInert', () => {
  it('makes every other top-level element inert and restores exactly what it changed', () => {
    document.body.innerHTML =
      '<header></header><main></main><aside inert></aside><div class="aisle-root"><section></section></div>';
    const widget = document.querySelector('.aisle-root')!;
    const restore = makePageInert(document, widget.querySelector('section')!);
    const inert = () => Array.from(document.body.children).map((el) => el.hasAttribute('inert'));
    expect(inert()).toEqual([true, true, true, false]);
    restore();
    // The aside the page had made inert itself stays inert.
    expect(inert()).toEqual([false, false, true, false]);
  });
});
