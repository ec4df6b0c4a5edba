<?php
/**
 * The "Orders" section of the settings screen: whether shoppers may ask the assistant
 * about their orders (the proxy's `order_status` tool).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin\Sections;

use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class OrdersSection {
	public const SECTION = 'aisle_orders';
	public const FIELD   = 'order_lookup';

	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Adds the section and its one field to the settings page (on admin_init).
	 *
	 * @param string $page The settings page slug.
	 */
	public function register( string $page ): void {
		add_settings_section( self::SECTION, __( 'Orders', 'aisle' ), '__return_null', $page );
		add_settings_field( 'aisle-' . self::FIELD, __( 'Order status', 'aisle' ), array( $this, 'render' ), $page, self::SECTION );
	}

	public function render(): void {
		printf(
			'<label><input type="checkbox" id="aisle-%1$s" name="%2$s" value="1" %3$s /> %4$s</label><p class="description">%5$s</p>',
			esc_attr( self::FIELD ),
			esc_attr( Settings::OPTION . '[' . self::FIELD . ']' ),
			checked( (bool) $this->settings->get( self::FIELD ), true, false ),
			esc_html__( 'Let shoppers ask the assistant about their orders', 'aisle' ),
			esc_html__( 'A signed-in customer sees only their own orders; a guest must give the order number and the billing email. Addresses, phone numbers, emails and payment details are never shown.', 'aisle' )
		);
	}
}
