/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

export interface QuickPromptsProps {
  prompts: string[];
  onPick: (prompt: string) => void;
  disabled: boolean;
}

/** Conversation starters configured by the store. */
export function QuickPrompts({ prompts, onPick, disabled }: QuickPromptsProps) {
  if (prompts.length === 0) {
    return null;
  }
  return (
    <ul className="aisle-prompts" aria-label={__('Suggested questions', 'aisle')}>
      {prompts.map((prompt) => (
        <li key={prompt}>
          <button type="button" className="aisle-prompts__button" dir="auto" disabled={disabled} onClick={() => onPick(prompt)}>
            {prompt}
          </button>
        </li>
      ))}
    </ul>
  );
}
