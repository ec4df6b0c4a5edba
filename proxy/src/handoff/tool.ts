import type OpenAI from 'openai';
import type { ChatEvent, HandoffOffer } from '../contract/events';
import { parseToolArguments, type ChatTool } from '../chat/tools';
import type { HandoffSettings } from '../tenants/types';
import { cleanSummary, handoffOffer } from './offer';

export const HANDOFF = 'handoff';

export const handoffDefinition: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: HANDOFF,
  description:
    'Offer the shopper a person at the store (WhatsApp, email, contact page: whatever works now). Call it when the shopper asks for a person, or when you cannot help (for example a policy question the store documents do not answer).',
  strict: true,
  parameters: {
    type: 'object',
    properties: {
      reason: {
        type: 'string',
        enum: ['asked', 'cannot_help'],
        description: 'asked: the shopper asked for a person; cannot_help: you could not answer.',
      },
      summary: {
        type: 'string',
        description:
          "A short summary of the conversation in the shopper's language (at most 300 characters), written as the shopper's message to the store.",
      },
    },
    required: ['reason', 'summary'],
    additionalProperties: false,
  },
};

/** The `function_call_output` of a handoff: what the model reads, and what a restored conversation shows again. */
export interface HandoffOutput {
  offered: HandoffOffer;
  note: string;
}

/** Reads the offer back from a handoff's `function_call_output` (history), or null. */
export function offerFromOutput(output: unknown): HandoffOffer | null {
  if (typeof output !== 'string') return null;
  try {
    const parsed = JSON.parse(output) as Partial<HandoffOutput>;
    const offered = parsed.offered;
    return offered && Array.isArray(offered.options) && typeof offered.reason === 'string' ? offered : null;
  } catch {
    return null;
  }
}

/** The store's handoff tool, or none when the owner set no way to reach a person. */
export function handoffTools(settings: HandoffSettings | undefined, now?: () => Date): ChatTool[] {
  if (!settings || !(settings.whatsapp || settings.email || settings.contactUrl)) return [];
  return [createHandoffTool(settings, now)];
}

/** `handoff`: buttons to reach a person, with only the options that work at this hour. */
export function createHandoffTool(settings: HandoffSettings, now: () => Date = () => new Date()): ChatTool {
  return {
    definition: handoffDefinition,
    run: (rawArguments) => offer(settings, rawArguments, now()),
  };
}

// A generator with nothing to wait for: the offer is computed from the settings and the clock.
async function* offer(settings: HandoffSettings, rawArguments: string, now: Date): AsyncGenerator<ChatEvent, string> {
  const args = parseToolArguments(rawArguments);
  const reason = args?.reason === 'asked' ? 'asked' : 'cannot_help';
  const summary = typeof args?.summary === 'string' ? cleanSummary(args.summary) : '';
  const offered = handoffOffer(settings, { reason, summary }, now);
  yield { type: 'handoff', data: offered };
  const note = offered.options.length
    ? `The shopper now sees buttons for: ${offered.options.map((o) => o.kind).join(', ')}. Say in one short sentence that they can reach the store with them; do not repeat links.`
    : 'No way to reach a person works right now. Tell the shopper, and when the store answers if the message says so.';
  const output: HandoffOutput = { offered, note: offered.message ? `${note} ${offered.message}` : note };
  return JSON.stringify(output);
}
