<?php
/**
 * The settings screen's form fields, one renderer per field of `aisle_settings`.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Settings\Defaults;
use Aisle\Settings\Sanitizer;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Renders what the Settings API asks for (add_settings_field callbacks). Secrets are
 * write-only: their inputs are always empty and only a masked hint is shown.
 */
final class SettingsFields {
	/** @var Settings */
	private $settings;

	/**
	 * @param Settings $settings Settings.
	 */
	public function __construct( Settings $settings ) {
		$this->settings = $settings;
	}

	/** @param string $field Field name. */
	private static function name( string $field ): string {
		return Settings::OPTION . '[' . $field . ']';
	}

	public function field_proxy_url(): void {
		printf(
			'<input type="url" class="regular-text code" id="aisle-proxy_url" name="%1$s" value="%2$s" placeholder="https://aisle.example.com" dir="ltr" />',
			esc_attr( self::name( 'proxy_url' ) ),
			esc_attr( $this->settings->get( 'proxy_url' ) )
		);
	}

	public function field_connection_secret(): void {
		$secret = (string) $this->settings->get( 'connection_secret' );
		$reveal = (int) get_transient( SettingsPage::REVEAL_SECRET ) === get_current_user_id() && '' !== $secret;
		if ( $reveal ) {
			delete_transient( SettingsPage::REVEAL_SECRET );
			echo '<p><strong>' . esc_html__( 'Copy this secret now: it is shown only once. Set it on the proxy as AISLE_CONNECTION_SECRET.', 'aisle' ) . '</strong></p>';
			printf(
				'<p><input type="text" readonly class="large-text code" id="aisle-secret-once" value="%1$s" dir="ltr" /> <button type="button" class="button" data-aisle-copy="aisle-secret-once">%2$s</button> <span class="aisle-copy-status" aria-live="polite"></span></p>',
				esc_attr( $secret ),
				esc_html__( 'Copy', 'aisle' )
			);
		} elseif ( '' !== $secret ) {
			/* translators: %s: masked secret, e.g. …abcd. */
			echo '<p>' . esc_html( sprintf( __( 'Set (ends in %s).', 'aisle' ), substr( $secret, -4 ) ) ) . '</p>';
		}
		printf(
			'<p><label for="aisle-connection_secret">%1$s</label><br /><input type="password" autocomplete="new-password" class="regular-text code" id="aisle-connection_secret" name="%2$s" value="" dir="ltr" /></p>',
			esc_html__( 'Or paste the secret configured on the proxy (leave empty to keep the current one):', 'aisle' ),
			esc_attr( self::name( 'connection_secret' ) )
		);
		printf(
			'<p><button type="submit" class="button" name="aisle_regenerate_secret" value="1" id="aisle-regenerate">%s</button></p>',
			esc_html__( 'Generate a new secret', 'aisle' )
		);
	}

	public function field_openai_api_key(): void {
		$key = (string) $this->settings->get( 'openai_api_key' );
		printf(
			'<input type="password" autocomplete="new-password" class="regular-text code" id="aisle-openai_api_key" name="%1$s" value="" placeholder="%2$s" dir="ltr" />',
			esc_attr( self::name( 'openai_api_key' ) ),
			esc_attr( '' === $key ? 'sk-…' : Settings::mask( $key ) )
		);
		if ( '' !== $key ) {
			/* translators: %s: masked key, e.g. sk-…abcd. */
			echo '<p class="description">' . esc_html( sprintf( __( 'Saved: %s. Type a new key to replace it. It is sent only to your proxy, never to browsers.', 'aisle' ), Settings::mask( $key ) ) ) . '</p>';
			printf(
				'<p><label><input type="checkbox" name="%1$s" value="1" /> %2$s</label></p>',
				esc_attr( self::name( 'clear_openai_key' ) ),
				esc_html__( 'Remove the saved key', 'aisle' )
			);
		}
	}

	public function field_model(): void {
		printf(
			'<input type="text" class="regular-text code" id="aisle-model" name="%1$s" value="%2$s" list="aisle-models" dir="ltr" /><datalist id="aisle-models"><option value="%3$s"></option></datalist><p class="description">%4$s</p>',
			esc_attr( self::name( 'model' ) ),
			esc_attr( $this->settings->get( 'model' ) ),
			esc_attr( Defaults::MODEL ),
			/* translators: %s: default model name. */
			esc_html( sprintf( __( 'Default: %s. Any OpenAI model name your key can use.', 'aisle' ), Defaults::MODEL ) )
		);
	}

	public function field_instructions(): void {
		printf(
			'<textarea class="large-text" rows="8" id="aisle-instructions" name="%1$s" maxlength="%2$d" dir="auto" placeholder="%3$s">%4$s</textarea>',
			esc_attr( self::name( 'instructions' ) ),
			(int) Sanitizer::MAX_INSTRUCTIONS_CHARS,
			esc_attr__( 'Empty: the built-in instructions below.', 'aisle' ),
			esc_textarea( $this->settings->get( 'instructions' ) )
		);
		printf(
			'<details class="aisle-default-instructions"><summary>%1$s</summary><pre dir="ltr">%2$s</pre></details>',
			esc_html__( 'Built-in instructions', 'aisle' ),
			esc_html( Defaults::INSTRUCTIONS )
		);
	}

	public function field_woo_access(): void {
		$s = $this->settings->all();
		$choices = array(
			'generated' => __( 'Create a read-only key for Aisle automatically (recommended)', 'aisle' ),
			'manual'    => __( 'Use a key I enter', 'aisle' ),
		);
		echo '<fieldset><legend class="screen-reader-text">' . esc_html__( 'API key', 'aisle' ) . '</legend>';
		foreach ( $choices as $value => $label ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( self::name( 'woo_access' ) ),
				esc_attr( $value ),
				checked( $s['woo_access'], $value, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset>';
		if ( $s['woo_key_id'] > 0 ) {
			/* translators: %s: last characters of the key. */
			echo '<p class="description">' . esc_html( sprintf( __( 'Aisle created the read-only key ending in %s. Disconnecting or uninstalling revokes it.', 'aisle' ), substr( $s['woo_consumer_key'], -4 ) ) ) . '</p>';
		}
		echo '<div class="aisle-manual-keys" data-aisle-show-when="manual">';
		foreach ( array(
			'woo_consumer_key'    => __( 'Consumer key', 'aisle' ),
			'woo_consumer_secret' => __( 'Consumer secret', 'aisle' ),
		) as $field => $label ) {
			$saved = 'manual' === $s['woo_access'] && '' !== $s[ $field ] ? Settings::mask( $s[ $field ] ) : '';
			printf(
				'<p><label for="aisle-%1$s">%2$s</label><br /><input type="password" autocomplete="off" class="regular-text code" id="aisle-%1$s" name="%3$s" value="" placeholder="%4$s" dir="ltr" /></p>',
				esc_attr( $field ),
				esc_html( $label ),
				esc_attr( self::name( $field ) ),
				esc_attr( $saved )
			);
		}
		echo '</div>';
	}

	public function field_placement(): void {
		$choices = array(
			'product' => __( 'Product pages', 'aisle' ),
			'shop'    => __( 'Shop, category and product pages', 'aisle' ),
			'site'    => __( 'The whole site', 'aisle' ),
		);
		$this->radios( 'placement', $choices, __( 'Show the assistant on', 'aisle' ) );
	}

	public function field_greeting(): void {
		printf(
			'<input type="text" class="large-text" id="aisle-greeting" name="%1$s" value="%2$s" maxlength="%3$d" dir="auto" placeholder="%4$s" />',
			esc_attr( self::name( 'greeting' ) ),
			esc_attr( $this->settings->get( 'greeting' ) ),
			(int) Sanitizer::MAX_GREETING_CHARS,
			esc_attr__( 'Empty: the built-in greeting in the shopper\'s language.', 'aisle' )
		);
	}

	public function field_quick_prompts(): void {
		printf(
			'<textarea class="large-text" rows="4" id="aisle-quick_prompts" name="%1$s" dir="auto">%2$s</textarea><p class="description">%3$s</p>',
			esc_attr( self::name( 'quick_prompts' ) ),
			esc_textarea( implode( "\n", (array) $this->settings->get( 'quick_prompts' ) ) ),
			/* translators: %d: maximum number of prompts. */
			esc_html( sprintf( __( 'Buttons shown under the greeting, one per line, at most %d.', 'aisle' ), Sanitizer::MAX_PROMPTS ) )
		);
	}

	public function field_color(): void {
		printf(
			'<input type="text" class="small-text code" id="aisle-color" name="%1$s" value="%2$s" pattern="#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?" dir="ltr" /> <input type="color" aria-label="%3$s" data-aisle-color-for="aisle-color" value="%2$s" />',
			esc_attr( self::name( 'color' ) ),
			esc_attr( $this->settings->get( 'color' ) ),
			esc_attr__( 'Pick a colour', 'aisle' )
		);
	}

	public function field_position(): void {
		$this->radios(
			'position',
			array(
				'bottom-end'   => __( 'Bottom corner on the reading end (right in English, left in Hebrew)', 'aisle' ),
				'bottom-start' => __( 'Bottom corner on the reading start (left in English, right in Hebrew)', 'aisle' ),
			),
			__( 'Position', 'aisle' )
		);
	}

	public function field_streaming(): void {
		printf(
			'<label><input type="checkbox" name="%1$s" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( self::name( 'streaming' ) ),
			checked( (bool) $this->settings->get( 'streaming' ), true, false ),
			esc_html__( 'Show answers as they are written', 'aisle' ),
			esc_html__( 'Turn off if a proxy or firewall in front of the Aisle proxy buffers responses.', 'aisle' )
		);
	}

	public function field_daily_token_cap(): void {
		$this->number( 'daily_token_cap', 0, Sanitizer::MAX_DAILY_TOKEN_CAP, 1, __( 'Input and output tokens this store may spend per day (UTC). Past it the assistant answers with catalog search only, until midnight UTC. 0 means no cap.', 'aisle' ) );
	}

	public function field_rate_session_per_min(): void {
		$this->number( 'rate_session_per_min', 0, Sanitizer::MAX_RATE_PER_MIN, 1, __( 'Messages one shopper may send per minute. 0 means no limit.', 'aisle' ) );
	}

	public function field_retention_days(): void {
		$this->number( 'retention_days', 1, Sanitizer::MAX_RETENTION_DAYS, 1, __( 'Days. Older conversations are deleted from the proxy and from OpenAI.', 'aisle' ) );
	}

	public function field_moderation(): void {
		printf(
			'<label><input type="checkbox" name="%1$s" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( self::name( 'moderation' ) ),
			checked( (bool) $this->settings->get( 'moderation' ), true, false ),
			esc_html__( 'Check every shopper message with OpenAI\'s moderation before answering', 'aisle' ),
			esc_html__( 'Flagged messages get a polite refusal. Adds a short delay to each answer.', 'aisle' )
		);
	}

	/**
	 * A whole-number input with its description.
	 *
	 * @param string $field       Field.
	 * @param int    $min         Smallest allowed.
	 * @param int    $max         Largest allowed.
	 * @param int    $step        Step of the arrows.
	 * @param string $description Description.
	 */
	private function number( string $field, int $min, int $max, int $step, string $description ): void {
		printf(
			'<input type="number" class="regular-text" id="aisle-%1$s" name="%2$s" value="%3$d" min="%4$d" max="%5$d" step="%6$d" dir="ltr" /><p class="description">%7$s</p>',
			esc_attr( $field ),
			esc_attr( self::name( $field ) ),
			(int) $this->settings->get( $field ),
			(int) $min,
			(int) $max,
			(int) $step,
			esc_html( $description )
		);
	}

	/**
	 * @param string               $field   Field.
	 * @param array<string,string> $choices Value => label.
	 * @param string               $legend  Legend for screen readers.
	 */
	private function radios( string $field, array $choices, string $legend ): void {
		$current = $this->settings->get( $field );
		echo '<fieldset><legend class="screen-reader-text">' . esc_html( $legend ) . '</legend>';
		foreach ( $choices as $value => $label ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( self::name( $field ) ),
				esc_attr( $value ),
				checked( $current, $value, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset>';
	}
}
