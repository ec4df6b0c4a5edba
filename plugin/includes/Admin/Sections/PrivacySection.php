<?php
/**
 * The "Privacy" section of WooCommerce › Aisle: transcript review and the chat consent notice.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin\Sections;

use Aisle\Admin\ConversationsPage;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class PrivacySection {
	public const ID = 'aisle_privacy';

	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * The section and its two fields, on the settings screen's page.
	 *
	 * @param string $page Settings page slug.
	 */
	public function register( string $page ): void {
		add_settings_section( self::ID, __( 'Privacy', 'aisle' ), array( $this, 'describe' ), $page );
		add_settings_field( 'aisle-transcript_review', __( 'Transcript review', 'aisle' ), array( $this, 'field_transcript_review' ), $page, self::ID );
		add_settings_field( 'aisle-chat_consent_required', __( 'Consent before chatting', 'aisle' ), array( $this, 'field_chat_consent_required' ), $page, self::ID );
	}

	public function describe(): void {
		echo '<p>' . esc_html__( 'Shoppers\' messages go to OpenAI through your Aisle proxy. Personal-data exports and erasures (Tools › Export / Erase Personal Data) include the assistant\'s conversations.', 'aisle' ) . '</p>';
	}

	public function field_transcript_review(): void {
		$this->checkbox(
			'transcript_review',
			__( 'Let store managers read conversations (emails and phone numbers masked) and delete them', 'aisle' ),
			__( 'Off by default. When on, WooCommerce › Aisle conversations lists them with the shoppers\' thumbs up and down.', 'aisle' )
		);
		if ( (bool) $this->settings->get( 'transcript_review' ) ) {
			printf( '<p><a href="%1$s">%2$s</a></p>', esc_url( ConversationsPage::url() ), esc_html__( 'Open the conversations', 'aisle' ) );
		}
	}

	public function field_chat_consent_required(): void {
		$this->checkbox(
			'chat_consent_required',
			__( 'Ask shoppers to agree before their first message', 'aisle' ),
			__( 'The chat shows a short notice with a link to your privacy policy page and an "I agree" button. Nothing is sent before they agree.', 'aisle' )
		);
	}

	/**
	 * @param string $field       Settings key.
	 * @param string $label       Label next to the box.
	 * @param string $description Description under it.
	 */
	private function checkbox( string $field, string $label, string $description ): void {
		printf(
			'<label><input type="checkbox" id="aisle-%1$s" name="%2$s" value="1" %3$s /> %4$s</label><p class="description">%5$s</p>',
			esc_attr( $field ),
			esc_attr( Settings::OPTION . '[' . $field . ']' ),
			checked( (bool) $this->settings->get( $field ), true, false ),
			esc_html( $label ),
			esc_html( $description )
		);
	}
}
