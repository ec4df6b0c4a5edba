/** @jsxRuntime classic */
/** @jsx createElement */
import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { createStoreCart } from '../../cart/storeCart';
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
    const picker = screen.getByLabelText('Option') as HTMLSelectElement;
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual(['2 kg — ₪30.00', '10 kg — ₪90.00']);
    fireEvent.change(picker, { target: { value: '53' } });
    expect(document.querySelector('ins')?.textContent).toContain('₪90.00');
    expect(screen.getByRole('link', { name: 'View product' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /add to cart/i })).toBeNull();
  });

  it('offers only in-stock variations, each with its price, and shows the chosen one on sale', () => {
    renderCard(VARIABLE, async () => undefined);
    const picker = screen.getByLabelText('Option') as HTMLSelectElement;
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual(['2 kg — ₪30.00', '10 kg — ₪90.00']);
    fireEvent.change(picker, { target: { value: '53' } });
    expect(document.querySelector('del')?.textContent).toContain('₪120.00');
    expect(document.querySelector('ins')?.textContent).toContain('₪90.00');
  });

  it('adds the chosen variation with its attributes and quantity', async () => {
    const addItem = jest.fn<AddItemFn>(async () => undefined);
    renderCard(VARIABLE, addItem);
    fireEvent.change(screen.getByLabelText('Option'), { target: { value: '53' } });
    fireEvent.change(screen.getByLabelText('Quantity'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: /add to cart/i }));
    await screen.findByText('Added to cart.');
    expect(addItem).toHaveBeenCalledWith({ id: 53, quantity: 3, variation: [{ attribute: 'Size', value: '10 kg' }] });
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
