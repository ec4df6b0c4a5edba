/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { AttributeChoice } from '../../hooks/useAddToCart';
import { decodeEntities } from '../../text/decodeEntities';

export interface VariationPickerProps {
  /** Unique prefix for the controls' IDs. */
  idPrefix: string;
  attributes: AttributeChoice[];
  chosen: Record<string, string>;
  onChoose: (attribute: string, value: string) => void;
  /** An option's label, e.g. "2 kg — ₪30.00" when the value alone names a variation. */
  optionLabel: (attribute: string, value: string) => string;
  /** The attribute Add to cart asked for: marked invalid and described by the message. */
  missing: string | null;
  /** Changes each time Add to cart asks for a choice: focus moves to `missing` then. */
  choiceRequest: number;
}

/**
 * One select per attribute, labelled with the attribute's own name ("מידה", "Color"); nothing
 * is chosen until the shopper chooses, as on WooCommerce's product page.
 */
export function VariationPicker({
  idPrefix,
  attributes,
  chosen,
  onChoose,
  optionLabel,
  missing,
  choiceRequest,
}: VariationPickerProps) {
  const selects = useRef<Record<string, HTMLSelectElement | null>>({});
  const errorId = `${idPrefix}-choice-error`;

  useEffect(() => {
    if (choiceRequest > 0 && missing !== null) {
      selects.current[missing]?.focus();
    }
  }, [choiceRequest, missing]);

  return (
    <div className="aisle-card__choices">
      {attributes.map((attribute, index) => {
        const id = `${idPrefix}-attr${index}`;
        const invalid = attribute.name === missing;
        const label = decodeEntities(attribute.name);
        return (
          <div className="aisle-field" key={attribute.name}>
            <label htmlFor={id} className="aisle-field__label" dir="auto">
              {label}
            </label>
            <select
              id={id}
              ref={(node) => {
                selects.current[attribute.name] = node;
              }}
              className="aisle-field__control"
              value={chosen[attribute.name] ?? ''}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? errorId : undefined}
              onChange={(event) => onChoose(attribute.name, event.currentTarget.value)}
            >
              <option value="">{__('Choose an option', 'aisle')}</option>
              {attribute.options.map((value) => (
                <option key={value} value={value}>
                  {optionLabel(attribute.name, value)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      {missing !== null && (
        <p id={errorId} className="aisle-card__error aisle-card__choice-error" dir="auto">
          {sprintf(
            /* translators: %s: the name of a product attribute, e.g. "Size" */
            __('Choose %s before adding to the cart.', 'aisle'),
            decodeEntities(missing),
          )}
        </p>
      )}
    </div>
  );
}
