/** POST /v1/moderations: flags any text (or photo bytes) containing KILL_TEST_FLAG (as violence), nothing else. */
import { missingParameter } from '../errors';
import { multiModalInput } from './moderation-images';
import { messageText } from '../responses/input';
import type { Route } from '../runtime';

export const MODERATION_FLAG_MARKER = 'KILL_TEST_FLAG';

const CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** The categories the omni model also scores on images (per the spec's applied input types). */
const IMAGE_CATEGORIES: ReadonlySet<string> = new Set([
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'violence',
  'violence/graphic',
]);

function inputsOf(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  return input.map((entry) => (typeof entry === 'string' ? entry : messageText([entry])));
}

function resultFor(text: string, withImage = false): Record<string, unknown> {
  const flagged = text.includes(MODERATION_FLAG_MARKER);
  const categories: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  const appliedTypes: Record<string, string[]> = {};
  for (const category of CATEGORIES) {
    const hit = flagged && category === 'violence';
    categories[category] = hit;
    scores[category] = hit ? 0.9731 : 0.0001;
    appliedTypes[category] = withImage && IMAGE_CATEGORIES.has(category) ? ['text', 'image'] : ['text'];
  }
  return { flagged, categories, category_scores: scores, category_applied_input_types: appliedTypes };
}

export const moderationRoutes: Route[] = [
  {
    method: 'POST',
    template: '/moderations',
    operation: 'moderations.create',
    handle(runtime, { body }) {
      if (body.input === undefined) throw missingParameter('input');
      const model = typeof body.model === 'string' ? body.model : 'omni-moderation-latest';
      const multiModal = multiModalInput(body.input);
      return {
        json: {
          id: runtime.ids.next('modr_'),
          model: model === 'omni-moderation-latest' ? 'omni-moderation-latest' : model,
          results: multiModal
            ? [resultFor(multiModal.text, multiModal.hasImage)]
            : inputsOf(body.input).map((text) => resultFor(text)),
        },
      };
    },
  },
];
