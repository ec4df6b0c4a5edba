/**
 * How the vector store cuts shard files into chunks, and the entry budget that
 * follows from it.
 *
 * The static chunker cuts every `max - overlap` tokens without looking at the
 * text. With overlap O, any run of at most O + 1 consecutive tokens lies whole
 * inside at least one chunk (a chunk starts every max − O tokens and is max
 * tokens long). Keeping every entry at or below O tokens therefore guarantees
 * each product appears complete in some chunk, whatever its position in the
 * file. ENTRY_TOKEN_BUDGET leaves a margin under O for estimation error.
 */
export const CHUNKING_STRATEGY = {
  type: 'static',
  static: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 500 },
} as const;

export const ENTRY_TOKEN_BUDGET = 420;

/**
 * A deliberately pessimistic token count without a tokenizer: o200k averages
 * ~4 Latin characters and ~2.5–3 Hebrew characters per token; we count 3 and
 * 1.8, so real entries come out smaller than estimated.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 3 + other / 1.8);
}
