<?php
/**
 * WordPress's personal-data exporter and eraser for the assistant's conversations.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Privacy;

use Aisle\Proxy\ProxyClient;

defined( 'ABSPATH' ) || exit;

/**
 * A request names an email address. The proxy finds a person's conversations by their WordPress
 * user ID (signed-in customers) and by the sha256 of the addresses they typed; the address itself
 * never leaves WordPress. Exports page through the proxy; erasures delete a batch per page until
 * the proxy says it is done.
 */
final class PersonalData {
	public const ID            = 'aisle';
	public const EXPORT_PAGE   = 5;
	public const ERASE_BATCH   = 20;
	public const EXPORT_GROUP  = 'aisle-conversations';

	/** @var callable(): ?ProxyClient */
	private $client;

	/** @var callable(string): int */
	private $user_id_for;

	/**
	 * @param callable $client      fn(): ?ProxyClient, null while the store has no proxy.
	 * @param callable $user_id_for fn( email ): WordPress user ID, 0 when none.
	 */
	public function __construct( callable $client, callable $user_id_for ) {
		$this->client      = $client;
		$this->user_id_for = $user_id_for;
	}

	/** sha256 of the lower-cased, trimmed address, as the proxy hashes what shoppers type. */
	public static function email_hash( string $email ): string {
		return hash( 'sha256', strtolower( trim( $email ) ) );
	}

	/**
	 * Hooked on wp_privacy_personal_data_exporters.
	 *
	 * @param array<string, array<string, mixed>> $exporters Exporters.
	 * @return array<string, array<string, mixed>>
	 */
	public function register_exporter( $exporters ): array {
		$exporters                = is_array( $exporters ) ? $exporters : array();
		$exporters[ self::ID ] = array(
			'exporter_friendly_name' => __( 'Aisle shopping assistant conversations', 'aisle' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * Hooked on wp_privacy_personal_data_erasers.
	 *
	 * @param array<string, array<string, mixed>> $erasers Erasers.
	 * @return array<string, array<string, mixed>>
	 */
	public function register_eraser( $erasers ): array {
		$erasers              = is_array( $erasers ) ? $erasers : array();
		$erasers[ self::ID ] = array(
			'eraser_friendly_name' => __( 'Aisle shopping assistant conversations', 'aisle' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * Who the request is about, as the proxy looks it up.
	 *
	 * @param string $email The request's address.
	 * @return array{email_hashes: string[], user_id?: int}
	 */
	public function subject( string $email ): array {
		$subject = array( 'email_hashes' => array( self::email_hash( $email ) ) );
		$user_id = (int) call_user_func( $this->user_id_for, trim( $email ) );
		if ( $user_id > 0 ) {
			$subject['user_id'] = $user_id;
		}
		return $subject;
	}

	/**
	 * The exporter callback: one export item per conversation, its messages in order.
	 *
	 * @param string $email The request's address.
	 * @param int    $page  From 1.
	 * @return array{data: array<int, array<string, mixed>>, done: bool}|\WP_Error
	 */
	public function export( $email, $page = 1 ) {
		$client = call_user_func( $this->client );
		if ( ! $client instanceof ProxyClient || '' === trim( (string) $email ) ) {
			return array(
				'data' => array(),
				'done' => true,
			);
		}
		$response = $client->privacy_export(
			$this->subject( (string) $email ) + array(
				'page'     => max( 1, (int) $page ),
				'per_page' => self::EXPORT_PAGE,
			)
		);
		if ( ! $response->ok ) {
			/* translators: %s: the proxy's explanation. */
			return new \WP_Error( 'aisle_export_failed', sprintf( __( 'Could not read the shopping assistant\'s conversations: %s', 'aisle' ), $response->message ) );
		}
		$items = array();
		foreach ( (array) ( $response->data['conversations'] ?? array() ) as $conversation ) {
			if ( is_array( $conversation ) && isset( $conversation['thread_id'] ) ) {
				$items[] = $this->export_item( $conversation );
			}
		}
		return array(
			'data' => $items,
			'done' => ! empty( $response->data['done'] ),
		);
	}

	/**
	 * One conversation as an export item.
	 *
	 * @param array<string, mixed> $conversation From the proxy.
	 * @return array<string, mixed>
	 */
	private function export_item( array $conversation ): array {
		$data = array(
			array(
				'name'  => __( 'Started', 'aisle' ),
				'value' => (string) ( $conversation['created_at'] ?? '' ),
			),
		);
		foreach ( (array) ( $conversation['messages'] ?? array() ) as $message ) {
			if ( ! is_array( $message ) ) {
				continue;
			}
			$text = (string) ( $message['content'] ?? '' );
			if ( ! empty( $message['products'] ) && is_array( $message['products'] ) ) {
				/* translators: %s: product names, comma-separated. */
				$text .= "\n" . sprintf( __( 'Products shown: %s', 'aisle' ), implode( ', ', array_map( 'strval', $message['products'] ) ) );
			}
			$data[] = array(
				'name'  => 'user' === ( $message['role'] ?? '' ) ? __( 'You wrote', 'aisle' ) : __( 'The assistant answered', 'aisle' ),
				'value' => $text,
			);
		}
		return array(
			'group_id'          => self::EXPORT_GROUP,
			'group_label'       => __( 'Shopping assistant conversations', 'aisle' ),
			'group_description' => __( 'Your conversations with the store\'s shopping assistant, as kept for the store by its Aisle proxy and OpenAI.', 'aisle' ),
			'item_id'           => 'aisle-' . (string) $conversation['thread_id'],
			'data'              => $data,
		);
	}

	/**
	 * The eraser callback: deletes a batch on the proxy and at OpenAI per page.
	 *
	 * @param string $email The request's address.
	 * @param int    $page  From 1 (each call erases the next batch).
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	public function erase( $email, $page = 1 ): array {
		$client = call_user_func( $this->client );
		if ( ! $client instanceof ProxyClient || '' === trim( (string) $email ) ) {
			return self::erased( false, false, array(), true );
		}
		$response = $client->privacy_erase( $this->subject( (string) $email ) + array( 'limit' => self::ERASE_BATCH ) );
		if ( ! $response->ok ) {
			/* translators: %s: the proxy's explanation. */
			return self::erased( false, true, array( sprintf( __( 'The shopping assistant\'s conversations could not be erased: %s', 'aisle' ), $response->message ) ), true );
		}
		$failed   = (int) ( $response->data['failed'] ?? 0 );
		$messages = $failed > 0
			/* translators: %d: number of conversations. */
			? array( sprintf( __( 'Shopping assistant conversations not yet deleted at OpenAI: %d. Run the erasure again later.', 'aisle' ), $failed ) )
			: array();
		return self::erased( (int) ( $response->data['removed'] ?? 0 ) > 0, $failed > 0, $messages, ! empty( $response->data['done'] ) );
	}

	/**
	 * @param bool     $removed  Something was removed.
	 * @param bool     $retained Something was kept.
	 * @param string[] $messages Messages.
	 * @param bool     $done     Nothing more to do.
	 * @return array{items_removed: bool, items_retained: bool, messages: string[], done: bool}
	 */
	private static function erased( bool $removed, bool $retained, array $messages, bool $done ): array {
		return array(
			'items_removed'  => $removed,
			'items_retained' => $retained,
			'messages'       => $messages,
			'done'           => $done,
		);
	}
}
