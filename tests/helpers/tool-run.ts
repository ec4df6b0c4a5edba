import pino from 'pino';
import type { ChatTool, ToolContext } from '../../proxy/src/chat/tools';
import type { ChatEvent } from '../../proxy/src/contract/events';

/** A turn's context for a tool under test: a silent logger and default limits. */
export function toolContext(
  shopper: ToolContext['shopper'] = { owner: 'test-shopper', tenant: 'default' },
  threadId = 'thread-test',
): ToolContext {
  return {
    shopper,
    threadId,
    settings: {
      model: 'gpt-6-luna',
      reasoningEffort: 'low',
      instructions: '',
      vectorStoreId: null,
      maxToolRounds: 4,
      maxProductsPerCall: 12,
    },
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  };
}

/** Runs a tool as the turn does: every event it yields, and the output the model reads (parsed). */
export async function runTool(tool: ChatTool, args: unknown): Promise<{ events: ChatEvent[]; output: Record<string, unknown> }> {
  const generator = tool.run(typeof args === 'string' ? args : JSON.stringify(args), toolContext());
  const events: ChatEvent[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { events, output: JSON.parse(step.value) as Record<string, unknown> };
    events.push(step.value);
  }
}
