<?php
/**
 * Settings section "A person when needed": WhatsApp, email, contact page and opening hours.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin\Sections;

use Aisle\Proxy\HandoffBody;
use Aisle\Rest\HandoffController;
use Aisle\Settings\FactsRules;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class HandoffSection {
	public const ID = 'aisle_handoff';

	/** Opening intervals a day on the screen (the proxy takes up to FactsRules::MAX_PER_DAY). */
	public const INTERVALS_SHOWN = 2;

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
		add_settings_section( self::ID, __( 'A person when needed', 'aisle' ), array( $this, 'intro' ), $page );
		add_settings_field( 'aisle-handoff_whatsapp', __( 'WhatsApp number', 'aisle' ), array( $this, 'field_whatsapp' ), $page, self::ID, array( 'label_for' => 'aisle-handoff_whatsapp' ) );
		add_settings_field( 'aisle-handoff_email', __( 'Conversation by email', 'aisle' ), array( $this, 'field_email' ), $page, self::ID, array( 'label_for' => '' ) );
		add_settings_field( 'aisle-handoff_contact_page', __( 'Contact page', 'aisle' ), array( $this, 'field_contact_page' ), $page, self::ID, array( 'label_for' => 'aisle-handoff_contact_page' ) );
		add_settings_field( 'aisle-handoff_hours', __( 'Opening hours', 'aisle' ), array( $this, 'field_hours' ), $page, self::ID, array( 'label_for' => '' ) );
	}

	public function intro(): void {
		echo '<p>' . esc_html__( 'When a shopper asks for a person, or the assistant cannot help, it shows buttons to reach you. Outside opening hours it offers only what works without someone there (email, the contact page) and says when you answer.', 'aisle' ) . '</p>';
	}

	public function field_whatsapp(): void {
		printf(
			'<input type="tel" class="regular-text" id="aisle-handoff_whatsapp" name="%1$s" value="%2$s" placeholder="+972 50 123 4567" dir="ltr" /><p class="description">%3$s</p>',
			esc_attr( Settings::OPTION . '[handoff_whatsapp]' ),
			esc_attr( '' === (string) $this->settings->get( 'handoff_whatsapp' ) ? '' : '+' . $this->settings->get( 'handoff_whatsapp' ) ),
			esc_html__( 'With the country code. Empty: no WhatsApp button. The message starts with a short summary of the conversation.', 'aisle' )
		);
	}

	public function field_email(): void {
		printf(
			'<label><input type="checkbox" name="%1$s" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( Settings::OPTION . '[handoff_email]' ),
			checked( (bool) $this->settings->get( 'handoff_email' ), true, false ),
			esc_html__( 'Let shoppers send the conversation to the store by email', 'aisle' ),
			/* translators: %s: the email address handoff mail goes to. */
			esc_html( sprintf( __( 'The shopper types their email and agrees; the conversation goes to %s, and you reply to the shopper directly.', 'aisle' ), HandoffController::store_address() ) )
		);
	}

	public function field_contact_page(): void {
		$current = (int) $this->settings->get( 'handoff_contact_page' );
		printf( '<select id="aisle-handoff_contact_page" name="%s">', esc_attr( Settings::OPTION . '[handoff_contact_page]' ) );
		printf( '<option value="0">%s</option>', esc_html__( 'None', 'aisle' ) );
		foreach ( PoliciesSection::published_pages() as $page ) {
			printf(
				'<option value="%1$d" %2$s>%3$s</option>',
				(int) $page->ID,
				selected( $current, (int) $page->ID, false ),
				esc_html( '' !== $page->post_title ? $page->post_title : '#' . $page->ID )
			);
		}
		echo '</select>';
	}

	/**
	 * One opening interval's two time fields. The first interval keeps the ids `aisle-hours-<day>-open`
	 * and `-close`; the second gets a `-2` suffix.
	 *
	 * @param string $day   Weekday key (mon…sun).
	 * @param string $label Weekday name, translated.
	 * @param int    $index Interval, from 0.
	 * @param string $open  Saved opening time, HH:MM or empty.
	 * @param string $close Saved closing time, HH:MM or empty.
	 */
	private function print_interval( string $day, string $label, int $index, string $open, string $close ): void {
		$name   = Settings::OPTION . '[handoff_hours][' . $day . '][' . $index . ']';
		$suffix = 0 === $index ? '' : '-' . ( $index + 1 );
		printf(
			'<span class="aisle-hours__interval"><label><span class="screen-reader-text">%1$s</span><input type="time" id="aisle-hours-%2$s-open%3$s" name="%4$s[open]" value="%5$s" /></label> – <label><span class="screen-reader-text">%6$s</span><input type="time" id="aisle-hours-%2$s-close%3$s" name="%4$s[close]" value="%7$s" /></label></span> ',
			esc_html(
				0 === $index
					/* translators: %s: weekday. */
					? sprintf( __( '%s opens at', 'aisle' ), $label )
					/* translators: %s: weekday. */
					: sprintf( __( '%s opens again at', 'aisle' ), $label )
			),
			esc_attr( $day ),
			esc_attr( $suffix ),
			esc_attr( $name ),
			esc_attr( $open ),
			esc_html(
				0 === $index
					/* translators: %s: weekday. */
					? sprintf( __( '%s closes at', 'aisle' ), $label )
					/* translators: %s: weekday. */
					: sprintf( __( '%s closes again at', 'aisle' ), $label )
			),
			esc_attr( $close )
		);
	}

	public function field_hours(): void {
		$hours = (array) $this->settings->get( 'handoff_hours' );
		$names = array(
			'mon' => __( 'Monday', 'aisle' ),
			'tue' => __( 'Tuesday', 'aisle' ),
			'wed' => __( 'Wednesday', 'aisle' ),
			'thu' => __( 'Thursday', 'aisle' ),
			'fri' => __( 'Friday', 'aisle' ),
			'sat' => __( 'Saturday', 'aisle' ),
			'sun' => __( 'Sunday', 'aisle' ),
		);
		echo '<fieldset><legend class="screen-reader-text">' . esc_html__( 'Opening hours', 'aisle' ) . '</legend><table class="aisle-hours"><tbody>';
		foreach ( FactsRules::WEEKDAYS as $day ) {
			$slots = isset( $hours[ $day ] ) && is_array( $hours[ $day ] ) ? array_values( $hours[ $day ] ) : array();
			echo '<tr><th scope="row">' . esc_html( $names[ $day ] ) . '</th><td>';
			// Two intervals a day, e.g. a lunch break: 09:00–13:00 and 16:00–19:00.
			for ( $i = 0; $i < self::INTERVALS_SHOWN; $i++ ) {
				$slot = isset( $slots[ $i ] ) && is_array( $slots[ $i ] ) ? $slots[ $i ] : array();
				$this->print_interval( $day, $names[ $day ], $i, (string) ( $slot['open'] ?? '' ), (string) ( $slot['close'] ?? '' ) );
			}
			echo '</td></tr>';
		}
		echo '</tbody></table></fieldset>';
		/* translators: %s: the site's time zone, e.g. Asia/Jerusalem. */
		echo '<p class="description">' . esc_html( sprintf( __( 'In the site\'s time zone (%s). Leave a day empty when nobody answers that day; leave every day empty if someone answers at any time.', 'aisle' ), HandoffBody::timezone() ) ) . '</p>';
	}
}
