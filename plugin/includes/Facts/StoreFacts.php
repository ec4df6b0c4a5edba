<?php
/**
 * The store facts pushed to the proxy (`PUT /api/admin/store-facts`): policy pages, the pages
 * the owner picked, shipping zones with their methods and costs, and the store's address.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Facts;

defined( 'ABSPATH' ) || exit;

/**
 * Reads WordPress and WooCommerce. Only published pages without a password go out; the admin
 * email never does (only the "store email for shoppers" the owner typed in).
 */
final class StoreFacts {
	public const PATH           = '/api/admin/store-facts';
	public const MAX_PAGE_CHARS = 200000;
	public const MAX_PAGES      = 25;

	/** The options that name WooCommerce's and WordPress's own policy pages, by kind. */
	public const KNOWN_PAGES = array(
		'terms'   => 'woocommerce_terms_page_id',
		'privacy' => 'wp_page_for_privacy_policy',
		'refunds' => 'woocommerce_refund_returns_page_id',
	);

	/**
	 * Page ID => kind, WooCommerce's own pages first, then the owner's picks.
	 *
	 * @param array<string, mixed> $s Clean settings.
	 * @return array<int, string>
	 */
	public static function page_kinds( array $s ): array {
		$kinds = array();
		foreach ( self::KNOWN_PAGES as $kind => $option ) {
			$id = absint( get_option( $option, 0 ) );
			if ( $id > 0 && ! isset( $kinds[ $id ] ) ) {
				$kinds[ $id ] = $kind;
			}
		}
		foreach ( (array) $s['policy_page_ids'] as $id ) {
			$id = absint( $id );
			if ( $id > 0 && ! isset( $kinds[ $id ] ) ) {
				$kinds[ $id ] = 'page';
			}
		}
		return array_slice( $kinds, 0, self::MAX_PAGES, true );
	}

	/**
	 * The whole body.
	 *
	 * @param array<string, mixed> $s    Clean settings.
	 * @param bool                 $sync Whether the proxy should sync them now (false when a sync starts anyway).
	 * @return array<string, mixed>
	 */
	public static function build( array $s, bool $sync = true ): array {
		return array(
			'pages'    => self::pages( $s ),
			'shipping' => self::shipping(),
			'contact'  => self::contact( $s ),
			'sync'     => $sync,
		);
	}

	/**
	 * @param array<string, mixed> $s Clean settings.
	 * @return array<int, array<string, mixed>>
	 */
	public static function pages( array $s ): array {
		$pages = array();
		foreach ( self::page_kinds( $s ) as $id => $kind ) {
			$post = get_post( $id );
			if ( ! $post || 'page' !== $post->post_type || 'publish' !== $post->post_status || '' !== (string) $post->post_password ) {
				continue;
			}
			$url = get_permalink( $post );
			if ( ! is_string( $url ) || '' === $url ) {
				continue;
			}
			$html = strip_shortcodes( (string) $post->post_content );
			if ( function_exists( 'mb_substr' ) ) {
				$html = mb_substr( $html, 0, self::MAX_PAGE_CHARS, 'UTF-8' );
			}
			$modified = (string) $post->post_modified_gmt;
			$pages[]  = array(
				'id'           => (int) $post->ID,
				'kind'         => $kind,
				'url'          => $url,
				'title'        => mb_substr( (string) $post->post_title, 0, 500, 'UTF-8' ),
				'modified'     => '' === $modified || '0000-00-00 00:00:00' === $modified ? '' : gmdate( 'Y-m-d\TH:i:s\Z', (int) strtotime( $modified . ' UTC' ) ),
				'content_html' => $html,
			);
		}
		return $pages;
	}

	/**
	 * Every shipping zone (the "rest of the world" last) with its enabled methods and costs.
	 *
	 * @return array{zones: array<int, array<string, mixed>>}|null Null without WooCommerce.
	 */
	public static function shipping(): ?array {
		if ( ! class_exists( '\WC_Shipping_Zones' ) || ! class_exists( '\WC_Shipping_Zone' ) ) {
			return null;
		}
		$zones = array();
		foreach ( \WC_Shipping_Zones::get_zones() as $data ) {
			$zone = new \WC_Shipping_Zone( (int) $data['id'] );
			$zones[] = self::zone( $zone, array( mb_substr( self::plain( (string) $zone->get_formatted_location( 20 ) ), 0, 200, 'UTF-8' ) ) );
		}
		$rest = new \WC_Shipping_Zone( 0 );
		if ( ! empty( $rest->get_shipping_methods( true ) ) ) {
			$zones[] = self::zone( $rest, array() );
		}
		return array( 'zones' => array_slice( $zones, 0, 200 ) );
	}

	/**
	 * @param \WC_Shipping_Zone $zone    Zone.
	 * @param string[]          $regions Where it ships.
	 * @return array<string, mixed>
	 */
	private static function zone( $zone, array $regions ): array {
		$methods = array();
		foreach ( $zone->get_shipping_methods( true ) as $method ) {
			$cost       = 'free_shipping' === $method->id ? '' : trim( (string) $method->get_option( 'cost', '' ) );
			$min_amount = 'free_shipping' === $method->id ? trim( (string) $method->get_option( 'min_amount', '' ) ) : '';
			$methods[]  = array(
				'title'      => mb_substr( self::plain( (string) $method->get_title() ), 0, 200, 'UTF-8' ),
				'method'     => mb_substr( (string) $method->id, 0, 60, 'UTF-8' ),
				'cost'       => '' === $cost || ( is_numeric( $cost ) && 0.0 === (float) $cost ) ? null : self::money( $cost ),
				'min_amount' => '' === $min_amount || 0.0 === (float) $min_amount ? null : self::money( $min_amount ),
			);
		}
		return array(
			'name'    => mb_substr( self::plain( (string) $zone->get_zone_name() ), 0, 200, 'UTF-8' ),
			'regions' => array_values( array_filter( $regions ) ),
			'methods' => array_slice( $methods, 0, 50 ),
		);
	}

	/**
	 * The store's name, address, and the email and phone the owner chose to give shoppers.
	 *
	 * @param array<string, mixed> $s Clean settings.
	 * @return array<string, mixed>
	 */
	public static function contact( array $s ): array {
		$city    = trim( get_option( 'woocommerce_store_postcode', '' ) . ' ' . get_option( 'woocommerce_store_city', '' ) );
		$country = (string) get_option( 'woocommerce_default_country', '' );
		$code    = explode( ':', $country )[0];
		if ( function_exists( 'WC' ) && isset( WC()->countries ) && isset( WC()->countries->countries[ $code ] ) ) {
			$country = WC()->countries->countries[ $code ];
		}
		$lines = array(
			(string) get_option( 'woocommerce_store_address', '' ),
			(string) get_option( 'woocommerce_store_address_2', '' ),
			$city,
			'' === $code ? '' : self::plain( (string) $country ),
		);
		return array(
			'store_name' => mb_substr( self::plain( (string) get_bloginfo( 'name' ) ), 0, 200, 'UTF-8' ),
			'address'    => array_values( array_filter( array_map( 'trim', $lines ) ) ),
			'email'      => '' === $s['shopper_email'] ? null : (string) $s['shopper_email'],
			'phone'      => '' === $s['shopper_phone'] ? null : (string) $s['shopper_phone'],
		);
	}

	/**
	 * A cost as the shop writes it: "₪20.00" for a number, the formula as typed otherwise.
	 *
	 * @param string $amount Amount or formula.
	 */
	private static function money( string $amount ): string {
		if ( is_numeric( $amount ) && function_exists( 'wc_price' ) ) {
			return mb_substr( self::plain( wc_price( (float) $amount ) ), 0, 100, 'UTF-8' );
		}
		return mb_substr( self::plain( $amount ), 0, 100, 'UTF-8' );
	}

	private static function plain( string $html ): string {
		return trim( html_entity_decode( wp_strip_all_tags( $html ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ) );
	}
}
