<?php
/**
 * The "Insights" section of the settings screen: whether the widget may report what
 * shoppers do with it (opens, cards clicked, add to cart) for the owner's insights.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin\Sections;

use Aisle\Admin\InsightsPage;
use Aisle\Insights\Holdout;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class InsightsSection {
	public const ID = 'aisle_insights';

	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * Adds the section and its fields to the settings screen (called from admin_init).
	 *
	 * @param string $page The settings page slug.
	 */
	public function register( string $page ): void {
		add_settings_section( self::ID, __( 'Insights', 'aisle' ), array( $this, 'describe' ), $page );
		add_settings_field( 'aisle-events_consent', __( 'Shopper activity', 'aisle' ), array( $this, 'field_events_consent' ), $page, self::ID );
		add_settings_field( 'aisle-holdout_percent', __( 'Holdout', 'aisle' ), array( $this, 'field_holdout_percent' ), $page, self::ID, array( 'label_for' => 'aisle-holdout_percent' ) );
	}

	/** Whether the WP Consent API plugin is active: then the shopper's own choice decides. */
	public static function consent_api_active(): bool {
		return function_exists( 'wp_has_consent' );
	}

	/**
	 * The widget's `consent` (widget-src/analytics/consent.ts): the WP Consent API's
	 * "statistics" category where that plugin is active, otherwise this store's setting.
	 *
	 * @param array<string, mixed> $s Settings.
	 * @return array<string, mixed>
	 */
	public static function widget_consent( array $s ): array {
		if ( self::consent_api_active() ) {
			return array(
				'api'      => true,
				'category' => 'statistics',
			);
		}
		return array(
			'api'    => false,
			'events' => 'never' === ( $s['events_consent'] ?? 'always' ) ? 'never' : 'always',
		);
	}

	public function describe(): void {
		echo '<p>' . esc_html__( 'The widget can count what shoppers do with it: opening it, sending a message, clicking a product, choosing an option, adding to the cart. The counts are per day and never include what shoppers wrote.', 'aisle' ) . '</p>';
		printf(
			'<p><a href="%1$s">%2$s</a></p>',
			esc_url( InsightsPage::url() ),
			esc_html__( 'See what the chat does for the store on the Insights screen.', 'aisle' )
		);
	}

	public function field_events_consent(): void {
		if ( self::consent_api_active() ) {
			echo '<p>' . esc_html__( 'The WP Consent API plugin is active: each shopper\'s consent to statistics decides. Nothing is counted for shoppers who have not agreed.', 'aisle' ) . '</p>';
			return;
		}
		$current = $this->settings->get( 'events_consent' );
		$choices = array(
			'always' => __( 'Count shopper activity', 'aisle' ),
			'never'  => __( 'Do not count shopper activity', 'aisle' ),
		);
		echo '<fieldset><legend class="screen-reader-text">' . esc_html__( 'Shopper activity', 'aisle' ) . '</legend>';
		foreach ( $choices as $value => $label ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( Settings::OPTION . '[events_consent]' ),
				esc_attr( $value ),
				checked( $current, $value, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset><p class="description">' . esc_html__( 'Install the WP Consent API plugin to let each shopper decide through your cookie banner.', 'aisle' ) . '</p>';
	}

	public function field_holdout_percent(): void {
		printf(
			'<input type="number" class="small-text" id="aisle-holdout_percent" name="%1$s" value="%2$d" min="0" max="%3$d" step="1" dir="ltr" /> %% <p class="description">%4$s</p>',
			esc_attr( Settings::OPTION . '[holdout_percent]' ),
			(int) $this->settings->get( 'holdout_percent' ),
			(int) Holdout::MAX_PERCENT,
			esc_html__( 'This share of visitors, drawn at random and kept for each visitor, never sees the chat, so Insights can compare how often visitors with and without it order. 0 turns the holdout off.', 'aisle' )
		);
	}
}
