<?php
/**
 * Rules for the store-facts and handoff fields of `aisle_settings` (see Sanitizer).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Each rule returns the clean value, or `array( 'error' => message )` so the field keeps its
 * old value. Pure apart from WordPress's string helpers.
 */
final class FactsRules {
	public const MAX_PAGES      = 20;
	public const WEEKDAYS       = array( 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' );
	public const MAX_PER_DAY    = 4;
	public const MAX_PHONE_CHAR = 40;

	/**
	 * Page IDs (a list, or comma-separated).
	 *
	 * @param mixed $value Submitted.
	 * @param mixed $old   Stored.
	 */
	public function page_ids( $value, $old ) {
		$list = is_array( $value ) ? $value : preg_split( '/[\s,]+/', (string) $value, -1, PREG_SPLIT_NO_EMPTY );
		$ids  = array();
		foreach ( (array) $list as $id ) {
			$text = trim( is_scalar( $id ) ? (string) $id : '' );
			if ( '' === $text ) {
				continue;
			}
			if ( ! preg_match( '/^\d{1,12}$/', $text ) || (int) $text <= 0 ) {
				return array( 'error' => __( 'Choose pages from the list.', 'aisle' ) );
			}
			$ids[ (int) $text ] = (int) $text;
		}
		if ( count( $ids ) > self::MAX_PAGES ) {
			/* translators: %d: the most pages allowed. */
			return array( 'error' => sprintf( __( 'Choose at most %d pages.', 'aisle' ), self::MAX_PAGES ) );
		}
		return array_values( $ids );
	}

	/**
	 * One page ID, or 0 for none.
	 *
	 * @param mixed $value Submitted.
	 * @param mixed $old   Stored.
	 */
	public function page_id( $value, $old ) {
		$text = trim( is_scalar( $value ) ? (string) $value : '' );
		if ( '' === $text || '0' === $text ) {
			return 0;
		}
		return preg_match( '/^\d{1,12}$/', $text ) ? (int) $text : array( 'error' => __( 'Choose a page from the list.', 'aisle' ) );
	}

	/**
	 * An email address shoppers may write to, or empty.
	 *
	 * @param mixed $value Submitted.
	 * @param mixed $old   Stored.
	 */
	public function email( $value, $old ) {
		$email = trim( is_scalar( $value ) ? (string) $value : '' );
		if ( '' === $email ) {
			return '';
		}
		return is_email( $email ) ? sanitize_email( $email ) : array( 'error' => __( 'The store email for shoppers must be an email address such as help@shop.example.', 'aisle' ) );
	}

	/**
	 * A phone number shoppers may call, or empty: digits, spaces and + ( ) - only.
	 *
	 * @param mixed $value Submitted.
	 * @param mixed $old   Stored.
	 */
	public function phone( $value, $old ) {
		$phone = trim( is_scalar( $value ) ? (string) $value : '' );
		if ( '' === $phone ) {
			return '';
		}
		if ( strlen( $phone ) > self::MAX_PHONE_CHAR || ! preg_match( '/^\+?[0-9 ()\-.]{4,}$/', $phone ) ) {
			return array( 'error' => __( 'The store phone for shoppers may hold digits, spaces and + ( ) - only.', 'aisle' ) );
		}
		return $phone;
	}

	/**
	 * A WhatsApp number in E.164, stored as digits only ("+972 50-123-4567" → "972501234567").
	 *
	 * @param mixed $value Submitted.
	 * @param mixed $old   Stored.
	 */
	public function whatsapp( $value, $old ) {
		$text = trim( is_scalar( $value ) ? (string) $value : '' );
		if ( '' === $text ) {
			return '';
		}
		$digits = preg_replace( '/[\s().\-]/', '', $text );
		$digits = 0 === strpos( (string) $digits, '+' ) ? substr( (string) $digits, 1 ) : (string) $digits;
		if ( ! preg_match( '/^[1-9]\d{7,14}$/', $digits ) ) {
			return array( 'error' => __( 'The WhatsApp number must be in international form with the country code, e.g. +972 50 123 4567.', 'aisle' ) );
		}
		return $digits;
	}

	/**
	 * Opening hours: weekday => list of {open, close} (HH:MM, open before close). A weekday left
	 * empty is closed; hours left empty on every day mean someone answers at any time.
	 *
	 * @param mixed $value Submitted: weekday => {open, close} or a list of them.
	 * @param mixed $old   Stored.
	 */
	public function hours( $value, $old ) {
		$value = is_array( $value ) ? $value : array();
		$clean = array();
		foreach ( self::WEEKDAYS as $day ) {
			$slots = isset( $value[ $day ] ) && is_array( $value[ $day ] ) ? $value[ $day ] : array();
			if ( isset( $slots['open'] ) || isset( $slots['close'] ) ) {
				$slots = array( $slots );
			}
			$day_slots = array();
			foreach ( $slots as $slot ) {
				$open  = is_array( $slot ) && isset( $slot['open'] ) && is_scalar( $slot['open'] ) ? trim( (string) $slot['open'] ) : '';
				$close = is_array( $slot ) && isset( $slot['close'] ) && is_scalar( $slot['close'] ) ? trim( (string) $slot['close'] ) : '';
				if ( '' === $open && '' === $close ) {
					continue;
				}
				if ( ! self::is_time( $open ) || ! self::is_time( $close ) || $open >= $close ) {
					return array( 'error' => __( 'Opening hours need an opening time before the closing time, e.g. 09:00 to 17:00.', 'aisle' ) );
				}
				$day_slots[] = array(
					'open'  => $open,
					'close' => $close,
				);
			}
			if ( count( $day_slots ) > self::MAX_PER_DAY ) {
				return array( 'error' => __( 'Opening hours need an opening time before the closing time, e.g. 09:00 to 17:00.', 'aisle' ) );
			}
			if ( ! empty( $day_slots ) ) {
				$clean[ $day ] = $day_slots;
			}
		}
		return $clean;
	}

	private static function is_time( string $text ): bool {
		return (bool) preg_match( '/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/', $text );
	}
}
