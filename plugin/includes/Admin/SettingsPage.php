<?php
/**
 * The settings screen: WooCommerce → Aisle (Settings → Aisle without WooCommerce).
 *
 * @package Aisle
 */

namespace Aisle\Admin;

use Aisle\Session\Base64Url;
use Aisle\Settings\Defaults;
use Aisle\Settings\Sanitizer;
use Aisle\Settings\Settings;
use Aisle\Site;
use Aisle\Woo\Compat;

defined( 'ABSPATH' ) || exit;

final class SettingsPage {
	const SLUG          = 'aisle';
	const GROUP         = 'aisle';
	const REVEAL_SECRET = 'aisle_reveal_secret';

	/** @var Settings */
	private $settings;

	/** @var callable(): Connector */
	private $connector;

	/** @var string|false Hook suffix of the screen. */
	private $hook = false;

	/** @var array{ok: bool, message: string}|null Outcome of Connect in this request. */
	private $connect_outcome = null;

	/** @var string|null The secret generated in this request (sanitize may run twice). */
	private static $generated_secret = null;

	/**
	 * @param Settings $settings  Settings.
	 * @param callable $connector fn() => Connector.
	 */
	public function __construct( Settings $settings, callable $connector ) {
		$this->settings  = $settings;
		$this->connector = $connector;
	}

	/** The screen's URL. */
	public static function url() {
		return admin_url( ( Compat::is_active() ? 'admin.php' : 'options-general.php' ) . '?page=' . self::SLUG );
	}

	/** Hooked on admin_menu. */
	public function add_menu() {
		$title = __( 'Aisle shopping assistant', 'aisle' );
		$this->hook = Compat::is_active()
			? add_submenu_page( 'woocommerce', $title, __( 'Aisle', 'aisle' ), Compat::capability(), self::SLUG, array( $this, 'render' ) )
			: add_options_page( $title, __( 'Aisle', 'aisle' ), Compat::capability(), self::SLUG, array( $this, 'render' ) );
		if ( $this->hook ) {
			add_action( 'load-' . $this->hook, array( $this, 'on_load' ) );
		}
	}

	/** Hooked on admin_init: the option, its sanitize callback, sections and fields. */
	public function register() {
		register_setting(
			self::GROUP,
			Settings::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( $this, 'sanitize' ),
				'default'           => Defaults::all(),
				'show_in_rest'      => false,
			)
		);

		add_settings_section( 'aisle_connection', __( 'Connection', 'aisle' ), array( $this, 'section_connection' ), self::SLUG );
		add_settings_section( 'aisle_woo', __( 'WooCommerce access', 'aisle' ), array( $this, 'section_woo' ), self::SLUG );
		add_settings_section( 'aisle_widget', __( 'Chat widget', 'aisle' ), '__return_null', self::SLUG );

		$fields = array(
			'proxy_url'         => array( 'aisle_connection', __( 'Proxy URL', 'aisle' ) ),
			'connection_secret' => array( 'aisle_connection', __( 'Connection secret', 'aisle' ) ),
			'openai_api_key'    => array( 'aisle_connection', __( 'OpenAI API key', 'aisle' ) ),
			'model'             => array( 'aisle_connection', __( 'Model', 'aisle' ) ),
			'instructions'      => array( 'aisle_connection', __( 'Assistant instructions', 'aisle' ) ),
			'woo_access'        => array( 'aisle_woo', __( 'API key', 'aisle' ) ),
			'placement'         => array( 'aisle_widget', __( 'Show the assistant on', 'aisle' ) ),
			'greeting'          => array( 'aisle_widget', __( 'Greeting', 'aisle' ) ),
			'quick_prompts'     => array( 'aisle_widget', __( 'Quick prompts', 'aisle' ) ),
			'color'             => array( 'aisle_widget', __( 'Colour', 'aisle' ) ),
			'position'          => array( 'aisle_widget', __( 'Position', 'aisle' ) ),
			'streaming'         => array( 'aisle_widget', __( 'Streaming', 'aisle' ) ),
		);
		foreach ( $fields as $field => $where ) {
			$label_for = in_array( $field, array( 'woo_access', 'placement', 'position', 'streaming' ), true ) ? '' : 'aisle-' . $field;
			add_settings_field( 'aisle-' . $field, $where[1], array( $this, 'field_' . $field ), self::SLUG, $where[0], array( 'label_for' => $label_for ) );
		}
	}

	/**
	 * The sanitize callback: inline errors, the old value kept for every bad field.
	 * The Settings API has already checked the nonce and the capability (options.php).
	 *
	 * @param mixed $input Submitted.
	 */
	public function sanitize( $input ) {
		if ( Settings::is_internal_write() ) {
			return $this->settings->sanitize( $input )->values;
		}
		$input = is_array( $input ) ? $input : array(); // options.php has already unslashed it.
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- options.php verified the nonce.
		if ( isset( $_POST['aisle_regenerate_secret'] ) ) {
			if ( null === self::$generated_secret ) {
				self::$generated_secret = Base64Url::random( 32 );
			}
			$input['connection_secret'] = self::$generated_secret;
			set_transient( self::REVEAL_SECRET, get_current_user_id(), HOUR_IN_SECONDS );
		}
		$connect = isset( $_POST['aisle_connect'] );
		// phpcs:enable
		$result = $this->settings->sanitize( $input );
		foreach ( $result->errors as $field => $message ) {
			add_settings_error( Settings::OPTION, 'aisle-' . $field, $message, 'error' );
		}
		if ( $connect ) {
			// Connect runs after the redirect, once the new values are stored (on_load).
			set_transient( 'aisle_connect_' . get_current_user_id(), empty( $result->errors ) ? 'go' : 'blocked', 5 * MINUTE_IN_SECONDS );
		}
		return $result->values;
	}

	/** Runs before the screen renders: a pending Connect, and the admin script. */
	public function on_load() {
		$key     = 'aisle_connect_' . get_current_user_id();
		$pending = get_transient( $key );
		if ( false !== $pending ) {
			delete_transient( $key );
			$this->connect_outcome = 'go' === $pending
				? call_user_func( $this->connector )->connect( get_current_user_id() )
				: array(
					'ok'      => false,
					'message' => __( 'Not connected: fix the fields marked below first.', 'aisle' ),
				);
		}
	}

	/**
	 * Hooked on admin_enqueue_scripts.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( $hook ) {
		if ( $hook !== $this->hook ) {
			return;
		}
		$url = plugins_url( 'assets/', AISLE_FILE );
		wp_enqueue_style( 'aisle-admin', $url . 'admin.css', array(), AISLE_VERSION );
		wp_enqueue_script( 'aisle-admin', $url . 'admin.js', array(), AISLE_VERSION, true );
		wp_add_inline_script(
			'aisle-admin',
			'window.aisleAdmin = ' . wp_json_encode(
				array(
					'restUrl' => esc_url_raw( rest_url( 'aisle/v1/admin/' ) ),
					'nonce'   => wp_create_nonce( 'wp_rest' ),
					'i18n'    => array(
						'copied'        => __( 'Copied.', 'aisle' ),
						'copyFailed'    => __( 'Select the text and copy it by hand.', 'aisle' ),
						'testing'       => __( 'Testing the connection…', 'aisle' ),
						'starting'      => __( 'Starting the sync…', 'aisle' ),
						'requestFailed' => __( 'The request failed. Reload the page and try again.', 'aisle' ),
						'confirmRegen'  => __( 'Generate a new secret? The proxy must then get the new one too, or chat stops working.', 'aisle' ),
						'confirmDisc'   => __( 'Disconnect? The proxy forgets this store and the generated WooCommerce key is revoked.', 'aisle' ),
						'ok'            => __( 'OK', 'aisle' ),
						'problem'       => __( 'Problem', 'aisle' ),
					),
				)
			) . ';',
			'before'
		);
	}

	public function render() {
		if ( ! current_user_can( Compat::capability() ) ) {
			return;
		}
		$s         = $this->settings->all();
		$connected = $s['connected_at'] > 0;
		?>
		<div class="wrap aisle-settings">
			<h1><?php esc_html_e( 'Aisle shopping assistant', 'aisle' ); ?></h1>
			<?php
			if ( null !== $this->connect_outcome ) {
				printf(
					'<div class="notice %1$s"><p>%2$s</p></div>',
					esc_attr( $this->connect_outcome['ok'] ? 'notice-success' : 'notice-error' ),
					esc_html( $this->connect_outcome['message'] )
				);
			}
			// Under Settings, core's options-head.php has already printed every settings error;
			// printing them again here would show each one twice.
			if ( 'options-general.php' !== get_admin_page_parent() ) {
				settings_errors( Settings::OPTION );
			}
			?>
			<div class="aisle-card aisle-status" aria-live="polite">
				<h2><?php esc_html_e( 'Status', 'aisle' ); ?></h2>
				<p class="aisle-status__line">
					<?php
					echo esc_html(
						$connected
							/* translators: %s: date and time. */
							? sprintf( __( 'Connected since %s.', 'aisle' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $s['connected_at'] ) )
							: __( 'Not connected yet. Fill in the connection below and press "Save and connect".', 'aisle' )
					);
					?>
				</p>
				<p>
					<button type="button" class="button" id="aisle-test" <?php disabled( '' === $s['proxy_url'] ); ?>><?php esc_html_e( 'Test connection', 'aisle' ); ?></button>
					<button type="button" class="button" id="aisle-sync" <?php disabled( ! $connected ); ?>><?php esc_html_e( 'Sync catalog now', 'aisle' ); ?></button>
					<?php if ( $connected ) : ?>
						<button type="button" class="button-link aisle-danger" id="aisle-disconnect"><?php esc_html_e( 'Disconnect', 'aisle' ); ?></button>
					<?php endif; ?>
				</p>
				<ul class="aisle-test-results" id="aisle-test-results" hidden></ul>
				<div class="aisle-sync" id="aisle-sync-box" <?php echo $connected ? '' : 'hidden'; ?>>
					<progress id="aisle-sync-progress" max="100" aria-labelledby="aisle-sync-text" hidden></progress>
					<p id="aisle-sync-text"></p>
					<p id="aisle-sync-last" class="description"></p>
				</div>
			</div>

			<form method="post" action="options.php" class="aisle-form">
				<?php
				settings_fields( self::GROUP );
				do_settings_sections( self::SLUG );
				?>
				<p class="submit">
					<?php submit_button( __( 'Save changes', 'aisle' ), 'secondary', 'submit', false ); ?>
					<?php submit_button( __( 'Save and connect', 'aisle' ), 'primary', 'aisle_connect', false ); ?>
				</p>
			</form>
		</div>
		<?php
	}

	public function section_connection() {
		echo '<p>' . esc_html__( 'The proxy is the small server that holds the OpenAI key and talks to OpenAI. This site signs every request to it with the connection secret.', 'aisle' ) . '</p>';
		/* translators: %s: the site ID, e.g. shop.example. */
		echo '<p class="description">' . esc_html( sprintf( __( 'This store\'s site ID on the proxy: %s', 'aisle' ), Site::id() ) ) . '</p>';
	}

	public function section_woo() {
		$s           = $this->settings->all();
		$manual_keys = 'manual' === $s['woo_access'] && '' !== $s['woo_consumer_key'] && '' !== $s['woo_consumer_secret'];
		// Keys typed in are pushed and used even without WooCommerce here, so then there is a catalog to read.
		if ( ! Compat::is_active() && ! $manual_keys ) {
			echo '<p>' . esc_html__( 'WooCommerce is not active, so there is no catalog to read. The assistant can still chat on the whole site.', 'aisle' ) . '</p>';
		}
	}

	/** @param string $field Field name. */
	private static function name( $field ) {
		return Settings::OPTION . '[' . $field . ']';
	}

	public function field_proxy_url() {
		printf(
			'<input type="url" class="regular-text code" id="aisle-proxy_url" name="%1$s" value="%2$s" placeholder="https://aisle.example.com" dir="ltr" />',
			esc_attr( self::name( 'proxy_url' ) ),
			esc_attr( $this->settings->get( 'proxy_url' ) )
		);
	}

	public function field_connection_secret() {
		$secret = (string) $this->settings->get( 'connection_secret' );
		$reveal = (int) get_transient( self::REVEAL_SECRET ) === get_current_user_id() && '' !== $secret;
		if ( $reveal ) {
			delete_transient( self::REVEAL_SECRET );
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

	public function field_openai_api_key() {
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

	public function field_model() {
		printf(
			'<input type="text" class="regular-text code" id="aisle-model" name="%1$s" value="%2$s" list="aisle-models" dir="ltr" /><datalist id="aisle-models"><option value="%3$s"></option></datalist><p class="description">%4$s</p>',
			esc_attr( self::name( 'model' ) ),
			esc_attr( $this->settings->get( 'model' ) ),
			esc_attr( Defaults::MODEL ),
			/* translators: %s: default model name. */
			esc_html( sprintf( __( 'Default: %s. Any OpenAI model name your key can use.', 'aisle' ), Defaults::MODEL ) )
		);
	}

	public function field_instructions() {
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

	public function field_woo_access() {
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

	public function field_placement() {
		$choices = array(
			'product' => __( 'Product pages', 'aisle' ),
			'shop'    => __( 'Shop, category and product pages', 'aisle' ),
			'site'    => __( 'The whole site', 'aisle' ),
		);
		$this->radios( 'placement', $choices, __( 'Show the assistant on', 'aisle' ) );
	}

	public function field_greeting() {
		printf(
			'<input type="text" class="large-text" id="aisle-greeting" name="%1$s" value="%2$s" maxlength="%3$d" dir="auto" placeholder="%4$s" />',
			esc_attr( self::name( 'greeting' ) ),
			esc_attr( $this->settings->get( 'greeting' ) ),
			(int) Sanitizer::MAX_GREETING_CHARS,
			esc_attr__( 'Empty: the built-in greeting in the shopper\'s language.', 'aisle' )
		);
	}

	public function field_quick_prompts() {
		printf(
			'<textarea class="large-text" rows="4" id="aisle-quick_prompts" name="%1$s" dir="auto">%2$s</textarea><p class="description">%3$s</p>',
			esc_attr( self::name( 'quick_prompts' ) ),
			esc_textarea( implode( "\n", (array) $this->settings->get( 'quick_prompts' ) ) ),
			/* translators: %d: maximum number of prompts. */
			esc_html( sprintf( __( 'Buttons shown under the greeting, one per line, at most %d.', 'aisle' ), Sanitizer::MAX_PROMPTS ) )
		);
	}

	public function field_color() {
		printf(
			'<input type="text" class="small-text code" id="aisle-color" name="%1$s" value="%2$s" pattern="#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?" dir="ltr" /> <input type="color" aria-label="%3$s" data-aisle-color-for="aisle-color" value="%2$s" />',
			esc_attr( self::name( 'color' ) ),
			esc_attr( $this->settings->get( 'color' ) ),
			esc_attr__( 'Pick a colour', 'aisle' )
		);
	}

	public function field_position() {
		$this->radios(
			'position',
			array(
				'bottom-end'   => __( 'Bottom corner on the reading end (right in English, left in Hebrew)', 'aisle' ),
				'bottom-start' => __( 'Bottom corner on the reading start (left in English, right in Hebrew)', 'aisle' ),
			),
			__( 'Position', 'aisle' )
		);
	}

	public function field_streaming() {
		printf(
			'<label><input type="checkbox" name="%1$s" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( self::name( 'streaming' ) ),
			checked( (bool) $this->settings->get( 'streaming' ), true, false ),
			esc_html__( 'Show answers as they are written', 'aisle' ),
			esc_html__( 'Turn off if a proxy or firewall in front of the Aisle proxy buffers responses.', 'aisle' )
		);
	}

	/**
	 * @param string               $field   Field.
	 * @param array<string,string> $choices Value => label.
	 * @param string               $legend  Legend for screen readers.
	 */
	private function radios( $field, array $choices, $legend ) {
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
