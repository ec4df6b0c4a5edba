/**
 * Deterministic ids in the real formats' prefixes and lengths (no randomness, so test
 * output is stable): resp_ + 50 hex, msg_/fc_/fs_/rs_ + 50 hex, call_ + 24 chars,
 * conv_ + 48 hex, file- + 22 chars, vs_ + 32 hex.
 */
const LENGTHS: Record<string, number> = {
  resp_: 50,
  msg_: 50,
  fc_: 50,
  fco_: 50,
  fs_: 50,
  rs_: 50,
  conv_: 48,
  call_: 24,
  'file-': 22,
  vs_: 32,
  modr_: 24,
  req_: 32,
};

export class IdFactory {
  private counter = 0;

  next(prefix: keyof typeof LENGTHS | string): string {
    this.counter += 1;
    const length = LENGTHS[prefix] ?? 24;
    // A fixed "fake" marker keeps ids recognisable in logs; the counter keeps them unique and ordered.
    const body = `fa4e${this.counter.toString(16).padStart(length - 4, '0')}`;
    return `${prefix === 'modr_' ? 'modr-' : prefix}${body}`;
  }

  reset(): void {
    this.counter = 0;
  }
}
