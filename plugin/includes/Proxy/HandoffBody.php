<?php
/**
 * The `handoff` block of `PUT /api/admin/config`: how a shopper reaches a person at the store.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Proxy;

defined( 'ABSPATH' ) || exit;

final class HandoffBody {
	/**
	 * WhatsApp digits, email on/off, the contact page's URL, the site's time zone and the opening
	 * hours (absent when none are set: someone answers at any time).
	 *
	 * @param array<string, mixed> $s Clean settings.
	 * @return array<string, mixed>
	 */
	public static function build( array $s ): array {
		$body = array(
			'whatsapp' => (string) $s['handoff_whatsapp'],
			'email'    => (bool) $s['handoff_email'],
			'timezone' => self::timezone(),
		);
		$page = (int) $s['handoff_contact_page'];
		$url  = $page > 0 && 'publish' === get_post_status( $page ) ? get_permalink( $page ) : '';
		if ( is_string( $url ) && '' !== $url ) {
			$body['contact_url'] = $url;
		}
		$hours = (array) $s['handoff_hours'];
		if ( ! empty( $hours ) ) {
			$body['hours'] = $hours;
		}
		return $body;
	}

	/** The site's zone: an IANA name, or an offset such as +02:00 when the site uses a UTC offset. */
	public static function timezone(): string {
		$zone = (string) wp_timezone_string();
		return '' === $zone ? 'UTC' : $zone;
	}
}
