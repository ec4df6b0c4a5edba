/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { VariationOption } from '../../../proxy/src/contract/events';
import { decodeEntities } from '../../text/decodeEntities';

export interface VariationPickerProps {
  id: string;
  variations: VariationOption[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Formats a variation's price for its option label. */
  formatPrice: (amount: string) => string;
}

export function variationLabel(variation: VariationOption): string {
  const values = Object.values(variation.attributes).map(decodeEntities);
  return values.length > 0 ? values.join(' / ') : `#${variation.id}`;
}

/** The in-stock variations of a variable product, each with its price. */
export function VariationPicker({ id, variations, selectedId, onSelect, formatPrice }: VariationPickerProps) {
  return (
    <div className="aisle-field">
      <label htmlFor={id} className="aisle-field__label">
        {__('Option', 'aisle')}
      </label>
      <select
        id={id}
        className="aisle-field__control"
        value={selectedId ?? ''}
        onChange={(event) => onSelect(Number(event.currentTarget.value))}
      >
        {variations.map((variation) => (
          <option key={variation.id} value={variation.id}>
            {`${variationLabel(variation)} — ${formatPrice(variation.price)}`}
          </option>
        ))}
      </select>
    </div>
  );
}
