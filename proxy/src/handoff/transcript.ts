import type OpenAI from 'openai';

/** One line of a conversation as the store reads it in the handoff email. */
export interface TranscriptLine {
  role: 'shopper' | 'assistant';
  text: string;
}

/** Most items read from a conversation: far more than one handoff email needs. */
const MAX_ITEMS = 400;
const CONTEXT_SUFFIX = /\n\n\[The shopper is viewing the product with System_ID \d+\.\]$/;

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : '';
  return content
    .map((part: { type?: string; text?: string }) =>
      part && (part.type === 'input_text' || part.type === 'output_text') ? (part.text ?? '') : '',
    )
    .join('');
}

/** The shopper's and the assistant's words, oldest first; tool calls and hidden context left out. */
export async function loadTranscript(openai: OpenAI, conversationId: string, signal?: AbortSignal): Promise<TranscriptLine[]> {
  const lines: TranscriptLine[] = [];
  let read = 0;
  for await (const item of openai.conversations.items.list(conversationId, { order: 'asc', limit: 100 }, { signal })) {
    if (++read > MAX_ITEMS) break;
    if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) continue;
    const text = textOf(item.content).replace(CONTEXT_SUFFIX, '').trim();
    if (text) lines.push({ role: item.role === 'user' ? 'shopper' : 'assistant', text });
  }
  return lines;
}

/** The transcript as plain text, e.g. for an email body. */
export function transcriptText(lines: readonly TranscriptLine[]): string {
  return lines.map((line) => `${line.role === 'shopper' ? 'Shopper' : 'Assistant'}: ${line.text}`).join('\n\n');
}
