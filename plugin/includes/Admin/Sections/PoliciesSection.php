<?php
/**
 * Settings section "Store policies and facts": which pages the assistant may answer from, and
 * the store's email and phone for shoppers.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin\Sections;

use Aisle\Facts\StoreFacts;
use Aisle\Settings\FactsRules;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class PoliciesSection {
	public const ID = 'aisle_policies';

	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Adds the section and its fields to the settings screen.
	 *
	 * @param string $page Settings page slug.
	 */
	public function register( string $page ): void {
		add_settings_section( self::ID, __( 'Store policies and facts', 'aisle' ), array( $this, 'intro' ), $page );
		add_settings_field( 'aisle-policy_page_ids', __( 'More pages to answer from', 'aisle' ), array( $this, 'field_pages' ), $page, self::ID, array( 'label_for' => 'aisle-policy_page_ids' ) );
		add_settings_field( 'aisle-shopper_email', __( 'Store email for shoppers', 'aisle' ), array( $this, 'field_email' ), $page, self::ID, array( 'label_for' => 'aisle-shopper_email' ) );
		add_settings_field( 'aisle-shopper_phone', __( 'Store phone for shoppers', 'aisle' ), array( $this, 'field_phone' ), $page, self::ID, array( 'label_for' => 'aisle-shopper_phone' ) );
	}

	public function intro(): void {
		$known = array();
		$names = array(
			'terms'   => __( 'Terms and conditions', 'aisle' ),
			'privacy' => __( 'Privacy policy', 'aisle' ),
			'refunds' => __( 'Refund and returns policy', 'aisle' ),
		);
		foreach ( StoreFacts::KNOWN_PAGES as $kind => $option ) {
			$id = absint( get_option( $option, 0 ) );
			if ( $id > 0 && 'publish' === get_post_status( $id ) ) {
				$known[] = $names[ $kind ] . ': ' . get_the_title( $id );
			}
		}
		echo '<p>' . esc_html__( 'The assistant answers questions about shipping, returns and other policies only from these pages and your shipping settings, and links to the page it used. They are sent to the proxy when you connect and whenever they change.', 'aisle' ) . '</p>';
		if ( ! empty( $known ) ) {
			echo '<p class="description">' . esc_html__( 'Always included:', 'aisle' ) . ' ' . esc_html( implode( ' · ', $known ) ) . '</p>';
		}
	}

	public function field_pages(): void {
		$chosen = array_map( 'intval', (array) $this->settings->get( 'policy_page_ids' ) );
		printf( '<input type="hidden" name="%s" value="" />', esc_attr( Settings::OPTION . '[policy_page_ids][]' ) );
		printf( '<select multiple size="6" id="aisle-policy_page_ids" name="%s" class="regular-text">', esc_attr( Settings::OPTION . '[policy_page_ids][]' ) );
		foreach ( self::published_pages() as $page ) {
			printf(
				'<option value="%1$d" %2$s>%3$s</option>',
				(int) $page->ID,
				selected( in_array( (int) $page->ID, $chosen, true ), true, false ),
				esc_html( '' !== $page->post_title ? $page->post_title : '#' . $page->ID )
			);
		}
		echo '</select>';
		/* translators: %d: the most pages allowed. */
		echo '<p class="description">' . esc_html( sprintf( __( 'Shipping, FAQ, about us… Hold Ctrl (or Cmd) to choose several, at most %d.', 'aisle' ), FactsRules::MAX_PAGES ) ) . '</p>';
	}

	public function field_email(): void {
		printf(
			'<input type="email" class="regular-text" id="aisle-shopper_email" name="%1$s" value="%2$s" dir="ltr" /><p class="description">%3$s</p>',
			esc_attr( Settings::OPTION . '[shopper_email]' ),
			esc_attr( (string) $this->settings->get( 'shopper_email' ) ),
			esc_html__( 'Optional. The assistant may give it to shoppers who ask how to reach you. Your admin email is never shared.', 'aisle' )
		);
	}

	public function field_phone(): void {
		printf(
			'<input type="tel" class="regular-text" id="aisle-shopper_phone" name="%1$s" value="%2$s" maxlength="%3$d" dir="ltr" /><p class="description">%4$s</p>',
			esc_attr( Settings::OPTION . '[shopper_phone]' ),
			esc_attr( (string) $this->settings->get( 'shopper_phone' ) ),
			(int) FactsRules::MAX_PHONE_CHAR,
			esc_html__( 'Optional. The assistant may give it to shoppers who ask how to reach you.', 'aisle' )
		);
	}

	/**
	 * Published pages, by title.
	 *
	 * @return \WP_Post[]
	 */
	public static function published_pages(): array {
		$pages = get_pages(
			array(
				'post_status' => 'publish',
				'sort_column' => 'post_title',
				'number'      => 500,
			)
		);
		return is_array( $pages ) ? $pages : array();
	}
}
