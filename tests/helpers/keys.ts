/**
 * Fake OpenAI keys for tests, benchmarks and the local fakes. They are key-shaped (`sk-…`, more than
 * 16 characters) so the proxy's validation and its log scrubber treat them as real keys, and they are
 * built at run time so that no key-like literal is committed (secret scanners would flag it).
 */
export function fakeOpenAIKey(label: string, prefix: 'sk-test' | 'sk-proj' = 'sk-test'): string {
  // Padded in front, so the key ends with the label (masked hints such as `sk-…9999` keep it).
  return `${prefix}-${label.padStart(24, '0')}`;
}
