/**
 * Secrets are shown back only by their last four characters, the way the plugin
 * shows the OpenAI key: `sk-…abcd`, `ck_…1a2b`. Short values show nothing at all.
 */
export function maskSecret(value: string | undefined | null): string | null {
  if (!value) return null;
  if (value.length < 12) return '…';
  const prefix = /^(sk-|ck_|cs_)/.exec(value)?.[1] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}
