/**
 * Multi-modal moderation input (`[{ type: 'image_url', image_url: { url } }, { type: 'text', text }]`):
 * the API answers one result for the whole list, its `category_applied_input_types` naming `image`
 * when a photo was read. A photo whose decoded bytes contain the flag marker counts as flagged, so a
 * test can send a "violent photo" without a model.
 */
import { invalidRequest } from '../errors';

export interface MultiModalInput {
  /** The text parts and each photo's decoded bytes as latin1 (where a test hides the flag marker). */
  text: string;
  hasImage: boolean;
}

type Part = { type?: unknown; text?: unknown; image_url?: { url?: unknown } };

const isPart = (value: unknown): value is Part => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Null unless `input` is a list of parts (rather than a string or a list of strings). */
export function multiModalInput(input: unknown): MultiModalInput | null {
  if (!Array.isArray(input) || !input.some(isPart)) return null;
  let text = '';
  let hasImage = false;
  for (const part of input) {
    if (!isPart(part)) throw invalidRequest(400, 'Invalid type for input: mixed strings and objects.', 'input');
    if (part.type === 'text' && typeof part.text === 'string') text += `${part.text}\n`;
    else if (part.type === 'image_url' && typeof part.image_url?.url === 'string') {
      hasImage = true;
      const match = /^data:[^,]*;base64,(.*)$/s.exec(part.image_url.url);
      if (match) text += Buffer.from(match[1]!, 'base64').toString('latin1');
    } else throw invalidRequest(400, `Invalid input part type: ${String(part.type)}.`, 'input');
  }
  return { text, hasImage };
}
