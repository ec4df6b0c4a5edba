/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ComparisonItem, ComparisonTable } from '../../../proxy/src/contract/events';
import { toLanguageTag } from '../../config/locale';
import { decodeEntities } from '../../text/decodeEntities';
import { stockText } from '../ProductCard/ProductCard';

export interface ComparisonProps {
  table: ComparisonTable;
  locale: string;
  /** Unique prefix for the caption's ID. */
  idPrefix: string;
}

function ratingText(item: ComparisonItem, locale: string): string {
  if (item.rating === null || item.rating_count === 0) return __('No reviews yet', 'aisle');
  let rating: string;
  try {
    rating = new Intl.NumberFormat(toLanguageTag(locale), { maximumFractionDigits: 1 }).format(item.rating);
  } catch {
    rating = String(item.rating);
  }
  return sprintf(
    /* translators: 1: average rating such as 4.5, 2: number of reviews */
    _n('%1$s out of 5 (%2$d review)', '%1$s out of 5 (%2$d reviews)', item.rating_count, 'aisle'),
    rating,
    item.rating_count,
  );
}

/** A value the product does not list: a dash for the eye, words for a screen reader. */
function Missing() {
  return (
    <span>
      <span aria-hidden="true">—</span>
      <span className="aisle-visually-hidden">{__('Not listed', 'aisle')}</span>
    </span>
  );
}

/** The price as the store writes it; on sale, the regular price struck through first, as on a card. */
function Price({ item }: { item: ComparisonItem }) {
  if (!item.price_html) return <Missing />;
  if (!item.regular_price_html) return <span>{item.price_html}</span>;
  return (
    <span>
      <del className="aisle-card__regular-price">
        <span className="aisle-visually-hidden">{__('Regular price:', 'aisle')} </span>
        {item.regular_price_html}
      </del>{' '}
      <ins className="aisle-card__sale-price">
        <span className="aisle-visually-hidden">{__('Sale price:', 'aisle')} </span>
        {item.price_html}
      </ins>
    </span>
  );
}

/**
 * Products side by side: a real table (caption, product names as column headers, the
 * compared facts as row headers) so a screen reader announces "Price, <product>" for
 * every cell. Wide tables scroll inside their own focusable region on a narrow screen,
 * and the columns follow the page's direction (right to left in Hebrew).
 */
export function Comparison({ table, locale, idPrefix }: ComparisonProps) {
  const captionId = `${idPrefix}-caption`;
  const row = (label: string, cell: (item: ComparisonItem) => ReturnType<typeof createElement> | string | null, key: string) => (
    <tr key={key}>
      <th scope="row" dir="auto">
        {label}
      </th>
      {table.items.map((item) => (
        <td key={item.id} dir="auto">
          {cell(item) ?? <Missing />}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="aisle-comparison" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="aisle-comparison__table">
        <caption id={captionId}>
          {sprintf(
            /* translators: %d: number of products compared */
            _n('Comparison of %d product', 'Comparison of %d products', table.items.length, 'aisle'),
            table.items.length,
          )}
        </caption>
        <thead>
          <tr>
            <td />
            {table.items.map((item) => (
              <th key={item.id} scope="col" dir="auto">
                {item.permalink ? <a href={item.permalink}>{decodeEntities(item.name)}</a> : decodeEntities(item.name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row(
            __('Price', 'aisle'),
            (item) => (
              <Price item={item} />
            ),
            'price',
          )}
          {row(__('Stock', 'aisle'), (item) => stockText(item.stock_status, null), 'stock')}
          {row(__('Rating', 'aisle'), (item) => ratingText(item, locale), 'rating')}
          {table.rows.map((name) => row(name, (item) => item.attributes[name] || null, `attribute-${name}`))}
        </tbody>
      </table>
    </div>
  );
}
