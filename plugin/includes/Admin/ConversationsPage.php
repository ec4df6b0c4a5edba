<?php
/**
 * WooCommerce › Aisle conversations: the store's chat transcripts, read through the proxy.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Proxy\ProxyClient;
use Aisle\Proxy\ProxyResponse;
use Aisle\Settings\Settings;
use Aisle\Woo\Compat;

defined( 'ABSPATH' ) || exit;

/**
 * Lists (newest first, filtered by thumbs up or down), shows one transcript (the proxy masks
 * emails and phone numbers) and deletes one, here and at OpenAI. Works only while the owner has
 * turned transcript review on; the proxy refuses otherwise.
 */
final class ConversationsPage {
	public const SLUG          = 'aisle-conversations';
	public const DELETE_ACTION = 'aisle_delete_conversation';
	public const PER_PAGE      = 20;

	/** @var Settings */
	private $settings;

	/** @var callable(array): ProxyClient */
	private $client;

	/**
	 * @param Settings $settings Settings.
	 * @param callable $client   fn( settings ): ProxyClient.
	 */
	public function __construct( Settings $settings, callable $client ) {
		$this->settings = $settings;
		$this->client   = $client;
	}

	/** The screen's URL. */
	public static function url( array $args = array() ): string {
		return add_query_arg( array_merge( array( 'page' => self::SLUG ), $args ), admin_url( Compat::is_active() ? 'admin.php' : 'options-general.php' ) );
	}

	/** Hooked on admin_menu. */
	public function add_menu(): void {
		$title = __( 'Aisle conversations', 'aisle' );
		if ( Compat::is_active() ) {
			add_submenu_page( 'woocommerce', $title, $title, Compat::capability(), self::SLUG, array( $this, 'render' ) );
		} else {
			add_options_page( $title, $title, Compat::capability(), self::SLUG, array( $this, 'render' ) );
		}
	}

	private function client(): ProxyClient {
		return call_user_func( $this->client, $this->settings->all() );
	}

	/** Hooked on admin_post_{DELETE_ACTION}: delete, then back to the list with a notice. */
	public function handle_delete(): void {
		if ( ! current_user_can( Compat::capability() ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to delete conversations.', 'aisle' ), 403 );
		}
		$thread = isset( $_POST['thread'] ) ? sanitize_text_field( wp_unslash( (string) $_POST['thread'] ) ) : '';
		check_admin_referer( self::DELETE_ACTION . '_' . $thread );
		$response = $this->client()->delete_conversation( $thread );
		wp_safe_redirect( self::url( array( 'aisle_deleted' => $response->ok ? '1' : '0' ) ) );
		exit;
	}

	/** The screen. */
	public function render(): void {
		if ( ! current_user_can( Compat::capability() ) ) {
			return;
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only navigation.
		$thread   = isset( $_GET['thread'] ) ? sanitize_text_field( wp_unslash( (string) $_GET['thread'] ) ) : '';
		$feedback = isset( $_GET['feedback'] ) ? sanitize_key( wp_unslash( (string) $_GET['feedback'] ) ) : '';
		$paged    = isset( $_GET['paged'] ) ? max( 1, absint( $_GET['paged'] ) ) : 1;
		$deleted  = isset( $_GET['aisle_deleted'] ) ? sanitize_key( wp_unslash( (string) $_GET['aisle_deleted'] ) ) : '';
		// phpcs:enable
		echo '<div class="wrap aisle-conversations"><h1>' . esc_html__( 'Aisle conversations', 'aisle' ) . '</h1>';
		if ( '1' === $deleted ) {
			echo '<div class="notice notice-success"><p>' . esc_html__( 'The conversation was deleted from the proxy and from OpenAI.', 'aisle' ) . '</p></div>';
		} elseif ( '0' === $deleted ) {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'The conversation could not be deleted. Try again in a moment.', 'aisle' ) . '</p></div>';
		}
		if ( ! $this->settings->get( 'transcript_review' ) ) {
			$this->review_off();
		} elseif ( '' !== $thread ) {
			$this->render_transcript( $thread );
		} else {
			$this->render_list( in_array( $feedback, array( 'up', 'down' ), true ) ? $feedback : '', $paged );
		}
		echo '</div>';
	}

	private function review_off(): void {
		printf(
			'<div class="notice notice-info inline"><p>%1$s <a href="%2$s">%3$s</a></p></div>',
			esc_html__( 'Transcript review is off for this store.', 'aisle' ),
			esc_url( SettingsPage::url() . '#aisle-transcript_review' ),
			esc_html__( 'Turn it on under Privacy in the Aisle settings.', 'aisle' )
		);
	}

	/**
	 * @param ProxyResponse $response A failed answer.
	 */
	private function proxy_error( ProxyResponse $response ): void {
		if ( 403 === $response->status ) {
			$this->review_off();
			return;
		}
		echo '<div class="notice notice-error inline"><p>' . esc_html( $response->message ) . '</p></div>';
	}

	/**
	 * @param string $feedback '', 'up' or 'down'.
	 * @param int    $paged    Page.
	 */
	private function render_list( string $feedback, int $paged ): void {
		$filters = array(
			''     => __( 'All', 'aisle' ),
			'up'   => __( 'Thumbs up', 'aisle' ),
			'down' => __( 'Thumbs down', 'aisle' ),
		);
		echo '<ul class="subsubsub">';
		$last = array_key_last( $filters );
		foreach ( $filters as $value => $label ) {
			printf(
				'<li><a href="%1$s"%2$s>%3$s</a>%4$s</li>',
				esc_url( self::url( '' === $value ? array() : array( 'feedback' => $value ) ) ),
				$value === $feedback ? ' class="current" aria-current="page"' : '',
				esc_html( $label ),
				$value === $last ? '' : ' |'
			);
		}
		echo '</ul>';
		$response = $this->client()->conversations( $paged, self::PER_PAGE, $feedback );
		if ( ! $response->ok ) {
			echo '<br class="clear" />';
			$this->proxy_error( $response );
			return;
		}
		$rows  = is_array( $response->data['conversations'] ?? null ) ? $response->data['conversations'] : array();
		$total = (int) ( $response->data['total'] ?? 0 );
		echo '<table class="wp-list-table widefat fixed striped"><thead><tr>';
		foreach ( array( __( 'Last message', 'aisle' ), __( 'Started', 'aisle' ), __( 'Messages', 'aisle' ), __( 'Shopper', 'aisle' ), __( 'Feedback', 'aisle' ) ) as $heading ) {
			echo '<th scope="col">' . esc_html( $heading ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		if ( ! $rows ) {
			echo '<tr><td colspan="5">' . esc_html__( 'No conversations yet.', 'aisle' ) . '</td></tr>';
		}
		foreach ( $rows as $row ) {
			if ( ! is_array( $row ) || ! isset( $row['thread_id'] ) ) {
				continue;
			}
			printf(
				'<tr><td><a href="%1$s">%2$s</a></td><td>%3$s</td><td>%4$d</td><td>%5$s</td><td>%6$s</td></tr>',
				esc_url( self::url( array( 'thread' => (string) $row['thread_id'] ) ) ),
				esc_html( self::when( (string) ( $row['updated_at'] ?? '' ) ) ),
				esc_html( self::when( (string) ( $row['created_at'] ?? '' ) ) ),
				(int) ( $row['turns'] ?? 0 ),
				esc_html( ! empty( $row['signed_in'] ) ? __( 'Signed-in customer', 'aisle' ) : __( 'Guest', 'aisle' ) ),
				/* translators: 1: thumbs up count, 2: thumbs down count. */
				esc_html( sprintf( __( '%1$d up, %2$d down', 'aisle' ), (int) ( $row['feedback']['up'] ?? 0 ), (int) ( $row['feedback']['down'] ?? 0 ) ) )
			);
		}
		echo '</tbody></table>';
		$pages = (int) ceil( $total / self::PER_PAGE );
		if ( $pages > 1 ) {
			echo '<div class="tablenav"><div class="tablenav-pages">';
			echo wp_kses_post(
				(string) paginate_links(
					array(
						'base'    => add_query_arg( 'paged', '%#%', self::url( '' === $feedback ? array() : array( 'feedback' => $feedback ) ) ),
						'format'  => '',
						'current' => $paged,
						'total'   => $pages,
					)
				)
			);
			echo '</div></div>';
		}
	}

	/**
	 * @param string $thread Thread ID.
	 */
	private function render_transcript( string $thread ): void {
		printf( '<p><a href="%1$s">%2$s</a></p>', esc_url( self::url() ), esc_html__( '← All conversations', 'aisle' ) );
		$response = $this->client()->conversation( $thread );
		if ( ! $response->ok ) {
			$this->proxy_error( $response );
			return;
		}
		/* translators: %s: date and time. */
		echo '<p>' . esc_html( sprintf( __( 'Started %s. Email addresses and phone numbers are masked.', 'aisle' ), self::when( (string) ( $response->data['created_at'] ?? '' ) ) ) ) . '</p>';
		echo '<ol class="aisle-transcript">';
		foreach ( (array) ( $response->data['messages'] ?? array() ) as $message ) {
			if ( ! is_array( $message ) ) {
				continue;
			}
			$who = 'user' === ( $message['role'] ?? '' ) ? __( 'Shopper', 'aisle' ) : __( 'Assistant', 'aisle' );
			echo '<li class="aisle-transcript__' . esc_attr( 'user' === ( $message['role'] ?? '' ) ? 'user' : 'assistant' ) . '"><strong>' . esc_html( $who ) . ':</strong> ';
			echo '<span dir="auto">' . nl2br( esc_html( (string) ( $message['content'] ?? '' ) ) ) . '</span>';
			if ( ! empty( $message['products'] ) && is_array( $message['products'] ) ) {
				/* translators: %s: product names. */
				echo '<br /><em>' . esc_html( sprintf( __( 'Products shown: %s', 'aisle' ), implode( ', ', array_map( 'strval', $message['products'] ) ) ) ) . '</em>';
			}
			if ( isset( $message['feedback'] ) ) {
				echo ' <span class="aisle-transcript__feedback">' . esc_html( 'up' === $message['feedback'] ? __( '(thumbs up)', 'aisle' ) : __( '(thumbs down)', 'aisle' ) ) . '</span>';
			}
			echo '</li>';
		}
		echo '</ol>';
		printf(
			'<form method="post" action="%1$s" onsubmit="return confirm(%2$s);"><input type="hidden" name="action" value="%3$s" /><input type="hidden" name="thread" value="%4$s" />',
			esc_url( admin_url( 'admin-post.php' ) ),
			esc_attr( (string) wp_json_encode( __( 'Delete this conversation from the proxy and from OpenAI? This cannot be undone.', 'aisle' ) ) ),
			esc_attr( self::DELETE_ACTION ),
			esc_attr( $thread )
		);
		wp_nonce_field( self::DELETE_ACTION . '_' . $thread );
		submit_button( __( 'Delete conversation', 'aisle' ), 'delete', 'aisle-delete', false );
		echo '</form>';
	}

	/**
	 * An ISO time from the proxy in the site's date format and time zone.
	 *
	 * @param string $iso ISO 8601.
	 */
	private static function when( string $iso ): string {
		$time = strtotime( $iso );
		return false === $time ? '' : (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time );
	}
}
