/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement, useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type {
  ProductCard as Product,
  StockStatus,
  VariationAttribute,
  VariationOption,
} from '../../../proxy/src/contract/events';
import { useTrack } from '../../analytics/EventsContext';
import { formatPrice } from '../../format/price';
import { isVariable, useAddToCart, type AddItemFn, type UseAddToCart } from '../../hooks/useAddToCart';
import { decodeEntities } from '../../text/decodeEntities';
import { VariationPicker } from '../VariationPicker/VariationPicker';

export interface ProductCardProps {
  product: Product;
  locale: string;
  /** Null outside WordPress: the card links to the product page instead. */
  addItem: AddItemFn | null;
  cartUrl: string | null;
  /** Unique prefix for control IDs. */
  idPrefix: string;
}

export function stockText(status: StockStatus, quantity: number | null): string {
  switch (status) {
    case 'instock':
      return quantity !== null && quantity > 0 && quantity <= 5
        ? sprintf(
            /* translators: %d: number of items left in stock */
            __('Only %d left', 'aisle'),
            quantity,
          )
        : __('In stock', 'aisle');
    case 'onbackorder':
      return __('Available on backorder', 'aisle');
    case 'outofstock':
      return __('Out of stock', 'aisle');
  }
}

interface PriceProps {
  price: string;
  regularPrice: string;
  onSale: boolean;
  format: (amount: string) => string;
}

/** The current price; on sale, the regular price struck through before it. */
function Price({ price, regularPrice, onSale, format }: PriceProps) {
  const showRegular = onSale && regularPrice !== '' && regularPrice !== price;
  return (
    <p className="aisle-card__price">
      {showRegular && (
        <del className="aisle-card__regular-price">
          <span className="aisle-visually-hidden">{__('Regular price:', 'aisle')} </span>
          {format(regularPrice)}
        </del>
      )}
      {showRegular ? (
        <ins className="aisle-card__sale-price">
          <span className="aisle-visually-hidden">{__('Sale price:', 'aisle')} </span>
          {format(price)}
        </ins>
      ) : (
        <span>{format(price)}</span>
      )}
    </p>
  );
}

interface ChooseOnProductPageProps {
  attributes: VariationAttribute[];
  permalink: string;
}

/**
 * A variable product whose variations the proxy does not know yet (the store was not
 * synced since it was added): without variation IDs and prices the card cannot add a
 * variation, so it lists the options and links to the product page to choose, as
 * WooCommerce's own "Select options" button does in shop lists.
 */
function ChooseOnProductPage({ attributes, permalink }: ChooseOnProductPageProps) {
  return (
    <div className="aisle-card__buy">
      {attributes.length > 0 && (
        <ul className="aisle-card__options">
          {attributes.map((a) => (
            <li key={a.name} dir="auto">
              {decodeEntities(a.name)}: {a.options.map(decodeEntities).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <a className="aisle-button aisle-card__view" href={permalink}>
        {__('Select options', 'aisle')}
      </a>
    </div>
  );
}

/**
 * A variable product's stock: the chosen variation's; before a choice, the parent's (WooCommerce
 * derives it from the variations), or out of stock when no variation can be bought.
 */
function variableStock(product: Product, purchase: UseAddToCart): StockStatus {
  if (purchase.selected) return purchase.selected.stock_status;
  if (purchase.variations.length === 0) return 'outofstock';
  return product.stock_status === 'outofstock' ? 'instock' : product.stock_status;
}

/** Before a choice, the prices the variations span (as WooCommerce shows them), when they differ. */
function priceRange(variations: VariationOption[]): { min: string; max: string } | null {
  const prices = variations.map((v) => v.price).filter((p) => p !== '' && Number.isFinite(Number(p)));
  if (prices.length < 2) return null;
  const sorted = [...prices].sort((a, b) => Number(a) - Number(b));
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return Number(min) === Number(max) ? null : { min, max };
}

/** A product the assistant suggested: picture, name, price, stock, options and Add to cart. */
export function ProductCard({ product, locale, addItem, cartUrl, idPrefix }: ProductCardProps) {
  const purchase = useAddToCart(product, addItem);
  const track = useTrack();
  const clicked = () => track({ type: 'card_click', product_id: product.id });
  // A full choice of options names one variation: counted each time the shopper's choice names
  // another one (not for a product whose only variation is named before any choice).
  const chosenId = purchase.selected?.id ?? null;
  const initialId = useRef(chosenId);
  useEffect(() => {
    if (chosenId !== null && chosenId !== initialId.current) track({ type: 'variation_chosen', product_id: product.id });
  }, [chosenId, product.id, track]);
  const format = (amount: string) => formatPrice(amount, product.currency, locale, product.price_html || amount);
  const variable = isVariable(product);
  const name = decodeEntities(product.name);
  const shown = purchase.selected ?? product;
  const chooseOnPage = variable && product.variation_attributes !== undefined;
  const stockStatus = variable && !chooseOnPage ? variableStock(product, purchase) : product.stock_status;
  const nameId = `${idPrefix}-name`;
  const range = variable && !purchase.selected ? priceRange(purchase.variations) : null;
  // With one attribute, a value names one variation: its option shows that variation's price.
  const optionLabel = (attribute: string, value: string) => {
    const label = decodeEntities(value);
    const only = purchase.attributes.length === 1 ? purchase.variations.find((v) => v.attributes[attribute] === value) : null;
    return only ? `${label} — ${format(only.price)}` : label;
  };
  // Outside WordPress too: the options and their prices help choose before opening the product.
  const picker =
    variable && purchase.attributes.length > 0 ? (
      <VariationPicker
        idPrefix={idPrefix}
        attributes={purchase.attributes}
        chosen={purchase.chosen}
        onChoose={purchase.choose}
        optionLabel={optionLabel}
        missing={purchase.missing}
        choiceRequest={purchase.choiceRequest}
      />
    ) : null;

  return (
    <article className="aisle-card" aria-labelledby={nameId}>
      {product.image && (
        <img className="aisle-card__image" src={product.image.src} alt={product.image.alt || name} loading="lazy" />
      )}
      <div className="aisle-card__body">
        <h3 className="aisle-card__name" id={nameId} dir="auto">
          <a href={product.permalink} onClick={clicked}>
            {name}
          </a>
        </h3>
        <div className="aisle-card__meta">
          {range ? (
            <p className="aisle-card__price">{`${format(range.min)} – ${format(range.max)}`}</p>
          ) : (
            <Price price={shown.price} regularPrice={shown.regular_price} onSale={shown.on_sale} format={format} />
          )}
          <p className={`aisle-card__stock aisle-card__stock--${stockStatus}`}>
            {stockText(stockStatus, variable ? null : product.stock_quantity)}
          </p>
        </div>
        {product.stale && <p className="aisle-card__stale">{__('Price and stock may have changed.', 'aisle')}</p>}
        {chooseOnPage ? (
          <ChooseOnProductPage attributes={product.variation_attributes ?? []} permalink={product.permalink} />
        ) : addItem === null ? (
          <div className="aisle-card__buy">
            {picker}
            <a className="aisle-button aisle-card__view" href={product.permalink} onClick={clicked}>
              {__('View product', 'aisle')}
            </a>
          </div>
        ) : (
          purchase.canBuy && (
            <div className="aisle-card__buy">
              {picker}
              <div className="aisle-field aisle-field--quantity">
                <label htmlFor={`${idPrefix}-qty`} className="aisle-field__label">
                  {__('Quantity', 'aisle')}
                </label>
                <input
                  id={`${idPrefix}-qty`}
                  className="aisle-field__control"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={purchase.maxQuantity ?? undefined}
                  value={purchase.quantity}
                  onChange={(event) => purchase.setQuantity(Number(event.currentTarget.value))}
                />
              </div>
              <button
                type="button"
                className="aisle-button aisle-button--primary aisle-card__add"
                onClick={purchase.addToCart}
                disabled={purchase.status === 'adding'}
                aria-describedby={nameId}
              >
                {purchase.status === 'adding' ? __('Adding…', 'aisle') : __('Add to cart', 'aisle')}
              </button>
            </div>
          )
        )}
        <div className="aisle-card__result" role="status">
          {purchase.status === 'added' && (
            <p className="aisle-card__added">
              {__('Added to cart.', 'aisle')} {cartUrl && <a href={cartUrl}>{__('View cart', 'aisle')}</a>}
            </p>
          )}
          {purchase.status === 'error' && (
            <p className="aisle-card__error" dir="auto">
              {purchase.errorMessage || __('Could not add this to the cart. Please try again.', 'aisle')}
            </p>
          )}
        </div>
      </div>
    </article>
  );
}
