<?php
/**
 * The settings screen: WooCommerce → Aisle (Settings → Aisle without WooCommerce).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Admin\Sections\HandoffSection;
use Aisle\Admin\Sections\PoliciesSection;
use Aisle\Session\Base64Url;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Site;
use Aisle\Woo\Compat;

defined( 'ABSPATH' ) || exit;

final class SettingsPage {
	public const SLUG          = 'aisle';
	public const GROUP         = 'aisle';
	public const REVEAL_SECRET = 'aisle_reveal_secret';

	/** @var Settings */
	private $settings;

	/** @var callable(): Connector */
	private $connector;

	/** @var SettingsFields */
	private $fields;

	/** @var string|false Hook suffix of the screen. */
	private $hook = false;

	/** @var array{ok: bool, message: string}|null Outcome of Connect in this request. */
	private $connect_outcome = null;

	/** @var bool Whether this request already said "Settings saved." (sanitize may run twice). */
	private $reported_saved = false;

	/** @var string|null The secret generated in this request (sanitize may run twice). */
	private static $generated_secret = null;

	/**
	 * @param Settings $settings  Settings.
	 * @param callable $connector fn() => Connector.
	 */
	public function __construct( Settings $settings, callable $connector ) {
		$this->settings  = $settings;
		$this->connector = $connector;
		$this->fields    = new SettingsFields( $settings );
	}

	/** The screen's URL. */
	public static function url(): string {
		return admin_url( ( Compat::is_active() ? 'admin.php' : 'options-general.php' ) . '?page=' . self::SLUG );
	}

	/** Hooked on admin_menu. */
	public function add_menu(): void {
		$title = __( 'Aisle shopping assistant', 'aisle' );
		$this->hook = Compat::is_active()
			? add_submenu_page( 'woocommerce', $title, __( 'Aisle', 'aisle' ), Compat::capability(), self::SLUG, array( $this, 'render' ) )
			: add_options_page( $title, __( 'Aisle', 'aisle' ), Compat::capability(), self::SLUG, array( $this, 'render' ) );
		if ( $this->hook ) {
			add_action( 'load-' . $this->hook, array( $this, 'on_load' ) );
		}
	}

	/** Hooked on admin_init: the option, its sanitize callback, sections and fields. */
	public function register(): void {
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
		add_settings_section( 'aisle_controls', __( 'Limits and privacy', 'aisle' ), array( $this, 'section_controls' ), self::SLUG );

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
			'daily_token_cap'      => array( 'aisle_controls', __( 'Daily token budget', 'aisle' ) ),
			'rate_session_per_min' => array( 'aisle_controls', __( 'Chat turns per shopper', 'aisle' ) ),
			'moderation'           => array( 'aisle_controls', __( 'Moderation', 'aisle' ) ),
			'retention_days'       => array( 'aisle_controls', __( 'Keep conversations for', 'aisle' ) ),
		);
		( new Sections\PrivacySection( $this->settings ) )->register( self::SLUG );
		foreach ( $fields as $field => $where ) {
			$label_for = in_array( $field, array( 'woo_access', 'placement', 'position', 'streaming', 'moderation' ), true ) ? '' : 'aisle-' . $field;
			add_settings_field( 'aisle-' . $field, $where[1], array( $this->fields, 'field_' . $field ), self::SLUG, $where[0], array( 'label_for' => $label_for ) );
		}
		( new Sections\OrdersSection( $this->settings ) )->register( self::SLUG );
		( new PoliciesSection( $this->settings ) )->register( self::SLUG );
		( new HandoffSection( $this->settings ) )->register( self::SLUG );
		( new Sections\InsightsSection( $this->settings ) )->register( self::SLUG );
	}

	/**
	 * The sanitize callback: inline errors, the old value kept for every bad field.
	 * The Settings API has already checked the nonce and the capability (options.php).
	 *
	 * @param mixed $input Submitted.
	 */
	public function sanitize( $input ): array {
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
		// A new secret is not the proxy's yet: pushing with it could only fail.
		$push = ! $connect && ! isset( $_POST['aisle_regenerate_secret'] );
		// phpcs:enable
		$result = $this->settings->sanitize( $input );
		foreach ( $result->errors as $field => $message ) {
			add_settings_error( Settings::OPTION, 'aisle-' . $field, $message, 'error' );
		}
		// Core adds its own "Settings saved." under the `general` setting, which this screen (under
		// WooCommerce) does not print: say it under this option, so it shows once on either screen.
		if ( empty( $result->errors ) && ! $this->reported_saved ) {
			$this->reported_saved = true;
			add_settings_error( Settings::OPTION, 'aisle-saved', __( 'Settings saved.', 'aisle' ), 'success' );
		}
		if ( $connect ) {
			// Connect runs after the redirect, once the new values are stored (on_load).
			set_transient( 'aisle_connect_' . get_current_user_id(), empty( $result->errors ) ? 'go' : 'blocked', 5 * MINUTE_IN_SECONDS );
		} elseif ( $push && empty( $result->errors ) ) {
			// A connected store's proxy gets the saved values after the redirect too (on_load).
			set_transient( 'aisle_push_' . get_current_user_id(), 'go', 5 * MINUTE_IN_SECONDS );
		}
		return $result->values;
	}

	/** Runs before the screen renders: a pending Connect or push, and the admin script. */
	public function on_load(): void {
		$push = 'aisle_push_' . get_current_user_id();
		if ( false !== get_transient( $push ) ) {
			delete_transient( $push );
			$this->connect_outcome = call_user_func( $this->connector )->push_saved();
		}
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
	public function enqueue( string $hook ): void {
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

	public function render(): void {
		if ( ! current_user_can( Compat::capability() ) ) {
			return;
		}
		$s         = $this->settings->all();
		$state     = call_user_func( $this->connector )->state();
		$connected = $state['connected'];
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
					echo esc_html( $state['message'] );
					?>
				</p>
				<?php
				if ( $connected ) {
					$this->render_proxy_status( call_user_func( $this->connector ) );
				}
				?>
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

	/**
	 * What the proxy reports about this store, or why it could not be asked.
	 *
	 * @param Connector $connector Connector.
	 */
	private function render_proxy_status( Connector $connector ): void {
		$response = $connector->proxy_status();
		if ( ! $response->ok ) {
			StatusView::render( array( array( 'key' => 'proxy', 'ok' => false, 'text' => $response->message, 'meter' => null ) ) );
			return;
		}
		StatusView::render( StatusView::rows( $response->data ) );
	}

	public function section_connection(): void {
		echo '<p>' . esc_html__( 'The proxy is the small server that holds the OpenAI key and talks to OpenAI. This site signs every request to it with the connection secret.', 'aisle' ) . '</p>';
		/* translators: %s: the site ID, e.g. shop.example. */
		echo '<p class="description">' . esc_html( sprintf( __( 'This store\'s site ID on the proxy: %s', 'aisle' ), Site::id() ) ) . '</p>';
	}

	public function section_controls(): void {
		echo '<p>' . esc_html__( 'The proxy applies these to this store\'s shoppers. They are sent on Connect and again before every catalog sync.', 'aisle' ) . '</p>';
	}

	public function section_woo(): void {
		$s           = $this->settings->all();
		$manual_keys = 'manual' === $s['woo_access'] && '' !== $s['woo_consumer_key'] && '' !== $s['woo_consumer_secret'];
		// Keys typed in are pushed and used even without WooCommerce here, so then there is a catalog to read.
		if ( ! Compat::is_active() && ! $manual_keys ) {
			echo '<p>' . esc_html__( 'WooCommerce is not active, so there is no catalog to read. The assistant can still chat on the whole site.', 'aisle' ) . '</p>';
		}
	}
}
