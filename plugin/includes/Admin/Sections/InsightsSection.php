<?php
/**
 * The settings screen's "Insights" section.
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
	 * Adds the section and its fields to a settings page.
	 *
	 * @param string $page The settings page slug.
	 */
	public function register( string $page ): void {
		add_settings_section( self::ID, __( 'Insights', 'aisle' ), array( $this, 'intro' ), $page );
		add_settings_field( 'aisle-holdout_percent', __( 'Holdout', 'aisle' ), array( $this, 'field_holdout_percent' ), $page, self::ID, array( 'label_for' => 'aisle-holdout_percent' ) );
	}

	public function intro(): void {
		printf(
			'<p><a href="%1$s">%2$s</a></p>',
			esc_url( InsightsPage::url() ),
			esc_html__( 'See what the chat does for the store on the Insights screen.', 'aisle' )
		);
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
