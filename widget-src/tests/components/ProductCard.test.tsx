/** @jsxRuntime classic */
/** @jsx createElement */
import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { createStoreCart } from '../../cart/storeCart';
import { EventsContext } from '../../analytics/EventsContext';
import { ProductCard } from '../../components/ProductCard/ProductCard';
import type { AddItemFn } from '../../hooks/useAddToCart';
import { fakeStoreApi, GOOD_NONCE, REST_ROOT } from '../helpers/fakeStoreApi';
import { product } from '../helpers/streams';

const VARIABLE = product({
  id: 50,
  name: 'Cat litter',
  type: 'variable',
  price: '30',
  regular_price: '30',
  stock_quantity: null,
  variations: [
    {
      id: 51,
      attributes: { Size: '2 kg' },
      price: '30',
      regular_price: '30',
      sale_price: '',
      on_sale: false,
      stock_status: 'instock',
    },
    {
      id: 52,
      attributes: { Size: '5 kg' },
      price: '60',
      regular_price: '60',
      sale_price: '',
      on_sale: false,
      stock_status: 'outofstock',
    },
    {
      id: 53,
      attributes: { Size: '10 kg' },
      price: '90',
      regular_price: '120',
      sale_price: '90',
      on_sale: true,
      stock_status: 'instock',
    },
  ],
});

function renderCard(p = product(), addItem: AddItemFn | null = null) {
  return render(<ProductCard product={p} locale="en_US" addItem={addItem} cartUrl="/cart/" idPrefix="t" />);
}

describe('ProductCard', () => {
  it('shows image, decoded name with a link, price and stock', () => {
    renderCard();
    const link = screen.getByRole('link', { name: 'מזון יבש לכלבים בוגרים – עוף ואורז 12 ק”ג' });
    expect(link.getAttribute('href')).toBe('https://store.example/product/adult-dog-food/');
    expect(screen.getByRole('img').getAttribute('src')).toBe('https://store.example/img/dog-food.jpg');
    expect(screen.getByText('₪199.90')).toBeTruthy();
    expect(screen.getByText('In stock')).toBeTruthy();
    expect(document.querySelector('del')).toBeNull();
  });

  it('strikes through the regular price of a product on sale', () => {
    renderCard(product({ price: '149.90', sale_price: '149.90', regular_price: '199.90', on_sale: true }));
    expect(document.querySelector('del')?.textContent).toContain('₪199.90');
    expect(document.querySelector('ins')?.textContent).toContain('₪149.90');
  });

  it('links to the product page instead of adding to cart outside WordPress', () => {
    renderCard();
    expect(screen.queryByRole('button', { name: /add to cart/i })).toBeNull();
    expect(screen.getByRole('link', { name: 'View product' }).getAttribute('href')).toContain('/product/adult-dog-food/');
  });

  it('outside WordPress a variable product still offers its options and prices, next to View product', () => {
    renderCard(VARIABLE, null);
    const picker = screen.getByLabelText('Size') as HTMLSelectElement;
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual(['Choose an option', '2 kg — ₪30.00', '10 kg — ₪90.00']);
    fireEvent.change(picker, { target: { value: '10 kg' } });
    expect(document.querySelector('ins')?.textContent).toContain('₪90.00');
    expect(screen.getByRole('link', { name: 'View product' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /add to cart/i })).toBeNull();
  });

  it("names the picker after the attribute, preselects nothing and shows the variations' price range", () => {
    renderCard(VARIABLE, async () => undefined);
    expect(screen.queryByLabelText('Option')).toBeNull();
    const picker = screen.getByLabelText('Size') as HTMLSelectElement;
    // Only in-stock variations, each with its price; nothing chosen for the shopper.
    expect(Array.from(picker.options).map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Choose an option'],
      ['2 kg', '2 kg — ₪30.00'],
      ['10 kg', '10 kg — ₪90.00'],
    ]);
    expect(picker.value).toBe('');
    expect(document.querySelector('.aisle-card__price')?.textContent).toBe('₪30.00 – ₪90.00');
    expect(screen.getByText('In stock')).toBeTruthy();
    fireEvent.change(picker, { target: { value: '10 kg' } });
    expect(document.querySelector('del')?.textContent).toContain('₪120.00');
    expect(document.querySelector('ins')?.textContent).toContain('₪90.00');
  });

  it('Add to cart with nothing chosen asks for the choice: focus, an error tied to the picker, no request', async () => {
    const addItem = jest.fn<AddItemFn>(async () => undefined);
    renderCard(VARIABLE, addItem);
    const picker = screen.getByLabelText('Size') as HTMLSelectElement;
    expect(picker.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));

    expect(addItem).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(picker);
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    const describedBy = picker.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(document.getElementById(describedBy!)?.textContent).toBe('Choose Size before adding to the cart.');
    expect(screen.queryByText('Added to cart.')).toBeNull();

    // Focus left and Add to cart pressed again: focus comes back to the picker.
    (screen.getByLabelText('Quantity') as HTMLInputElement).focus();
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    expect(document.activeElement).toBe(picker);

    // Choosing clears the error; now the variation is added with its attributes and quantity.
    fireEvent.change(picker, { target: { value: '10 kg' } });
    expect(picker.getAttribute('aria-invalid')).toBeNull();
    expect(picker.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText('Choose Size before adding to the cart.')).toBeNull();
    fireEvent.change(screen.getByLabelText('Quantity'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    await screen.findByText('Added to cart.');
    expect(addItem).toHaveBeenCalledTimes(1);
    expect(addItem).toHaveBeenCalledWith({ id: 53, quantity: 3, variation: [{ attribute: 'Size', value: '10 kg' }] });
  });

  it('two attributes get a picker each; options follow the other choice, and an "any" attribute is sent as chosen', async () => {
    const variation = (id: number, attributes: Record<string, string>, price: string) => ({
      id,
      attributes,
      price,
      regular_price: price,
      sale_price: '',
      on_sale: false,
      stock_status: 'instock' as const,
    });
    const shirt = product({
      id: 60,
      name: 'Dog shirt',
      type: 'variable',
      stock_quantity: null,
      variations: [
        variation(61, { Size: 'S', Color: 'Red' }, '20'),
        variation(62, { Size: 'M', Color: 'Red' }, '22'),
        variation(63, { Size: 'M', Color: 'Blue' }, '24'),
        // Large in any colour.
        variation(64, { Size: 'L' }, '26'),
      ],
    });
    const addItem = jest.fn<AddItemFn>(async () => undefined);
    renderCard(shirt, addItem);
    const size = screen.getByLabelText('Size') as HTMLSelectElement;
    const color = screen.getByLabelText('Color') as HTMLSelectElement;
    const values = (select: HTMLSelectElement) => Array.from(select.options).map((o) => o.value);
    expect(values(size)).toEqual(['', 'S', 'M', 'L']);
    expect(values(color)).toEqual(['', 'Red', 'Blue']);
    // Small comes only in red.
    fireEvent.change(size, { target: { value: 'S' } });
    expect(values(color)).toEqual(['', 'Red']);
    fireEvent.change(size, { target: { value: '' } });
    // With two attributes a value alone names no variation, so options carry no price.
    expect(Array.from(size.options).map((o) => o.textContent)).toEqual(['Choose an option', 'S', 'M', 'L']);

    fireEvent.change(color, { target: { value: 'Blue' } });
    expect(values(size)).toEqual(['', 'M', 'L']);
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    expect(addItem).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(size);
    expect(document.getElementById(size.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Choose Size before adding to the cart.',
    );
    expect(color.getAttribute('aria-invalid')).toBeNull();

    fireEvent.change(size, { target: { value: 'L' } });
    // Large comes in any colour: every colour stays on offer.
    expect(values(color)).toEqual(['', 'Red', 'Blue']);
    expect(document.querySelector('.aisle-card__price')?.textContent).toBe('₪26.00');
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    await screen.findByText('Added to cart.');
    expect(addItem).toHaveBeenCalledWith({
      id: 64,
      quantity: 1,
      variation: [
        { attribute: 'Size', value: 'L' },
        { attribute: 'Color', value: 'Blue' },
      ],
    });
  });

  it('a variable product whose variations are not known lists its options and links to the product page', () => {
    const unsynced = product({
      ...VARIABLE,
      variations: [],
      variation_attributes: [{ name: 'Size', options: ['2 kg', '5 kg'] }],
    });
    renderCard(unsynced, async () => undefined);
    expect(screen.getByText('Size: 2 kg, 5 kg')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Select options' }).getAttribute('href')).toBe(unsynced.permalink);
    // The parent's own stock status, not "Out of stock" for want of a chosen variation.
    expect(screen.getByText('In stock')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /add to cart/i })).toBeNull();
  });

  it('hides Add to cart for an out-of-stock product', () => {
    renderCard(product({ stock_status: 'outofstock' }), async () => undefined);
    expect(screen.getByText('Out of stock')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /add to cart/i })).toBeNull();
  });

  it('a double click sends exactly one request to the Store API', async () => {
    const api = fakeStoreApi();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: GOOD_NONCE, fetch: api.fetch });
    renderCard(product(), async (input) => {
      await cart.addItem(input);
    });
    const button = screen.getByRole('button', { name: /add to cart/i });
    // Both clicks land before React re-renders the disabled button.
    act(() => {
      button.click();
      button.click();
    });
    fireEvent.click(button);
    await waitFor(() => expect(api.requests).toHaveLength(1));
    act(() => api.release());
    await screen.findByText('Added to cart.');
    expect(api.requests).toHaveLength(1);
  });

  it("shows the store's error message", async () => {
    const api = fakeStoreApi({
      refuseWith: { status: 400, code: 'woocommerce_rest_cart_invalid', message: 'Only 2 left &amp; in cart.' },
    });
    api.release();
    const cart = createStoreCart({ restRoot: REST_ROOT, nonce: GOOD_NONCE, fetch: api.fetch });
    renderCard(product(), async (input) => {
      await cart.addItem(input);
    });
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    expect(await screen.findByText('Only 2 left & in cart.')).toBeTruthy();
    // The button is usable again after a failure.
    expect((screen.getByRole('button', { name: /add to cart/i }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('ProductCard: events for the owner', () => {
  it('counts a click on the product and each variation the choice names, nothing for an incomplete one', () => {
    const track = jest.fn();
    render(
      <EventsContext.Provider value={track}>
        <ProductCard product={VARIABLE} locale="en_US" addItem={null} cartUrl={null} idPrefix="e" />
      </EventsContext.Provider>,
    );
    expect(track).not.toHaveBeenCalled();
    const picker = screen.getByLabelText('Size') as HTMLSelectElement;
    fireEvent.change(picker, { target: { value: '10 kg' } });
    fireEvent.change(picker, { target: { value: '' } });
    fireEvent.change(picker, { target: { value: '2 kg' } });
    const link = screen.getByRole('link', { name: 'Cat litter' });
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    expect(track.mock.calls.map(([event]) => event)).toEqual([
      { type: 'variation_chosen', product_id: 50 },
      { type: 'variation_chosen', product_id: 50 },
      { type: 'card_click', product_id: 50 },
    ]);
  });
});
