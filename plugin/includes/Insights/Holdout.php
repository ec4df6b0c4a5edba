<?php
/**
 * The holdout: a share of visitors who never see the chat, to measure what it changes.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Insights;

use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The widget loader draws each visitor's group once, when the holdout is on, and keeps it in the
 * first-party cookie `aisle_group` (`chat` or `holdout`, 180 days): drawn in the browser, so
 * cached pages stay the same for every visitor. Holdout visitors get no launcher at all. Once per
 * browser session and UTC day the loader posts to `POST /aisle/v1/visit`, which counts a session
 * for the group its cookie names (see VisitLog). At checkout (classic and Store API) the order
 * gets the cookie's group as `_aisle_group`, so conversion = paid orders / sessions per group.
 */
final class Holdout {
	public const COOKIE      = 'aisle_group';
	public const CHAT        = 'chat';
	public const HOLDOUT     = 'holdout';
	public const ORDER_META  = '_aisle_group';
	public const MAX_PERCENT = 20;

	/** @var Settings */
	private $settings;

	/** @var callable(): VisitLog */
	private $visits;

	/** @var array<string, mixed> */
	private $cookies;

	/**
	 * @param Settings             $settings Settings.
	 * @param callable             $visits   fn() => VisitLog.
	 * @param array<string, mixed> $cookies  The request's cookies ($_COOKIE).
	 */
	public function __construct( Settings $settings, callable $visits, array $cookies ) {
		$this->settings = $settings;
		$this->visits   = $visits;
		$this->cookies  = $cookies;
	}

	/**
	 * A group name, or null when the value is not exactly one.
	 *
	 * @param mixed $value Cookie value.
	 */
	public static function group( $value ): ?string {
		return self::CHAT === $value || self::HOLDOUT === $value ? $value : null;
	}

	/** The current visitor's group, from the cookie; null when the visitor has none. */
	public function visitor_group(): ?string {
		return self::group( $this->cookies[ self::COOKIE ] ?? null );
	}

	/** The share of visitors held out, 0 to MAX_PERCENT. */
	public function percent(): int {
		return max( 0, min( self::MAX_PERCENT, (int) $this->settings->get( 'holdout_percent' ) ) );
	}

	/**
	 * What the loader needs (`window.AisleConfig.holdout`); null while the holdout is off.
	 *
	 * @param int $percent The share held out.
	 * @return array{percent: int, cookie: string, visitEndpoint: string}|null
	 */
	public static function widget_config( int $percent ): ?array {
		$percent = max( 0, min( self::MAX_PERCENT, $percent ) );
		if ( 0 === $percent ) {
			return null;
		}
		return array(
			'percent'       => $percent,
			'cookie'        => self::COOKIE,
			'visitEndpoint' => esc_url_raw( rest_url( 'aisle/v1/visit' ) ),
		);
	}

	/**
	 * Counts one session for the visitor's group today (UTC). Nothing without a valid cookie.
	 *
	 * @return string|null The group counted.
	 */
	public function count_visit(): ?string {
		$group = $this->visitor_group();
		if ( null === $group || 0 === $this->percent() ) {
			return null;
		}
		return call_user_func( $this->visits )->add( gmdate( 'Y-m-d' ), $group ) ? $group : null;
	}

	/**
	 * Actions woocommerce_checkout_create_order (classic, before the order is saved) and
	 * woocommerce_store_api_checkout_update_order_from_request (Store API, saved right after).
	 *
	 * @param mixed $order WC_Order.
	 */
	public function tag_order( $order ): void {
		$group = $this->visitor_group();
		if ( null !== $group && is_object( $order ) && method_exists( $order, 'update_meta_data' ) ) {
			$order->update_meta_data( self::ORDER_META, $group );
		}
	}
}
