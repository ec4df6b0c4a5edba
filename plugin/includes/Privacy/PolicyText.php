<?php
/**
 * Suggested privacy-policy text (Settings › Privacy › Policy Guide).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Privacy;

use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class PolicyText {
	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/** Hooked on admin_init. */
	public function add(): void {
		if ( function_exists( 'wp_add_privacy_policy_content' ) ) {
			wp_add_privacy_policy_content( __( 'Aisle shopping assistant', 'aisle' ), wp_kses_post( $this->text() ) );
		}
	}

	/** The suggested text, with this store's retention period and proxy host. */
	public function text(): string {
		$days  = (int) $this->settings->get( 'retention_days' );
		$host  = (string) wp_parse_url( (string) $this->settings->get( 'proxy_url' ), PHP_URL_HOST );
		$parts = array(
			__( 'Our shop has a shopping assistant chat. When you use it:', 'aisle' ),
			__( 'What we send to OpenAI: the messages you write in the chat, which product page you are on when you write, and a photo if you attach one. OpenAI writes the answers; its privacy policy applies to what it receives.', 'aisle' ),
			/* translators: %s: the host name of the store's Aisle proxy, e.g. aisle.example.com. */
			sprintf( __( 'Where: the chat goes through our assistant server (%s), run by us or for us, which holds the connection to OpenAI.', 'aisle' ), '' !== $host ? $host : __( 'the Aisle proxy', 'aisle' ) ),
			/* translators: %d: number of days. */
			sprintf( __( 'What is kept and for how long: the conversation is kept at OpenAI, and a reference to it (with your account number if you are signed in, and a one-way hash of any email address you type) on our assistant server, for %d days; then both are deleted.', 'aisle' ), $days ),
			__( 'What is not sent: your name, postal address, payment details and order history are not sent to the assistant unless you type them in the chat. Thumbs up or down on an answer are kept with the conversation.', 'aisle' ),
			__( 'Your rights: a personal-data export from this site includes your conversations with the assistant, and an erasure request deletes them from our assistant server and from OpenAI.', 'aisle' ),
		);
		return '<p>' . implode( '</p><p>', array_map( 'esc_html', $parts ) ) . '</p>';
	}
}
