<?php
/**
 * Validates the `aisle_settings` option. Pure apart from WordPress's string helpers,
 * so it is tested without WordPress.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Settings;

use Aisle\Insights\Holdout;

defined( 'ABSPATH' ) || exit;

/**
 * One rule per field. A bad value never replaces a good one: the field keeps its old
 * value and gets an error. Write-only fields (secrets) keep their old value when
 * left empty, because the form never shows them back.
 */
final class Sanitizer {
	public const MAX_URL_CHARS          = 2048;
	public const MAX_INSTRUCTIONS_CHARS = 4000;
	public const MAX_GREETING_CHARS     = 300;
	public const MAX_PROMPTS            = 6;
	public const MAX_PROMPT_CHARS       = 100;
	public const MIN_SECRET_CHARS       = 32;
	public const PLACEMENTS             = array( 'product', 'shop', 'site' );
	public const POSITIONS              = array( 'bottom-end', 'bottom-start' );
	public const WOO_ACCESS             = array( 'generated', 'manual' );
	public const EVENTS_CONSENT         = array( 'always', 'never' );
	public const MAX_DAILY_TOKEN_CAP    = 1000000000;
	public const MAX_RATE_PER_MIN       = 600;
	public const MAX_RETENTION_DAYS     = 365;

	/**
	 * Sanitize submitted settings against the stored ones.
	 *
	 * @param mixed                $input          What was submitted (or passed to update_option).
	 * @param array<string, mixed> $old            The current, clean settings.
	 * @param bool                 $allow_internal Whether internal fields (key ID, connection time) may be set:
	 *                                             only the plugin's own writes, never the form.
	 */
	public function sanitize( $input, array $old, bool $allow_internal = false ): SanitizeResult {
		$input  = is_array( $input ) ? $input : array();
		$old    = array_merge( Defaults::all(), $old );
		$values = $old;
		$errors = array();

		$set = static function ( string $field, callable $callback ) use ( $input, &$values, &$errors ) {
			if ( ! array_key_exists( $field, $input ) ) {
				return;
			}
			$outcome = $callback( $input[ $field ], $values[ $field ] );
			if ( is_array( $outcome ) && isset( $outcome['error'] ) ) {
				$errors[ $field ] = $outcome['error'];
				return;
			}
			$values[ $field ] = $outcome;
		};

		$set( 'proxy_url', array( $this, 'proxy_url' ) );
		$set( 'connection_secret', array( $this, 'connection_secret' ) );
		$set( 'openai_api_key', array( $this, 'openai_api_key' ) );
		$set( 'model', array( $this, 'model' ) );
		$set( 'instructions', array( $this, 'instructions' ) );
		$set( 'placement', $this->one_of( self::PLACEMENTS, __( 'Choose where the assistant shows.', 'aisle' ) ) );
		$set( 'greeting', array( $this, 'greeting' ) );
		$set( 'quick_prompts', array( $this, 'quick_prompts' ) );
		$set( 'color', array( $this, 'color' ) );
		$set( 'position', $this->one_of( self::POSITIONS, __( 'Choose a corner for the chat button.', 'aisle' ) ) );
		$set( 'events_consent', $this->one_of( self::EVENTS_CONSENT, __( 'Choose whether shopper activity is counted.', 'aisle' ) ) );
		$set( 'woo_access', $this->one_of( self::WOO_ACCESS, __( 'Choose how the proxy reads the catalog.', 'aisle' ) ) );
		$set( 'woo_consumer_key', $this->woo_key( 'ck_', __( 'The consumer key must start with ck_ followed by letters and digits.', 'aisle' ) ) );
		$set( 'woo_consumer_secret', $this->woo_key( 'cs_', __( 'The consumer secret must start with cs_ followed by letters and digits.', 'aisle' ) ) );
		/* translators: %s: the largest number allowed. */
		$set( 'daily_token_cap', $this->whole_number( 0, self::MAX_DAILY_TOKEN_CAP, __( 'The daily token budget is a whole number from 0 (no cap) to %s.', 'aisle' ) ) );
		/* translators: %s: the largest number allowed. */
		$set( 'rate_session_per_min', $this->whole_number( 0, self::MAX_RATE_PER_MIN, __( 'Chat turns per shopper per minute is a whole number from 0 (no limit) to %s.', 'aisle' ) ) );
		/* translators: %s: the largest number allowed. */
		$set( 'retention_days', $this->whole_number( 1, self::MAX_RETENTION_DAYS, __( 'Conversations are kept from 1 to %s days.', 'aisle' ) ) );
		/* translators: %s: the largest share allowed. */
		$set( 'holdout_percent', $this->whole_number( 0, Holdout::MAX_PERCENT, __( 'The holdout is a whole percentage from 0 (off) to %s.', 'aisle' ) ) );

		$facts = new FactsRules();
		$set( 'policy_page_ids', array( $facts, 'page_ids' ) );
		$set( 'shopper_email', array( $facts, 'email' ) );
		$set( 'shopper_phone', array( $facts, 'phone' ) );
		$set( 'handoff_whatsapp', array( $facts, 'whatsapp' ) );
		$set( 'handoff_contact_page', array( $facts, 'page_id' ) );
		$set( 'handoff_hours', array( $facts, 'hours' ) );

		// A checkbox sends nothing when unticked, so its absence from a full form means "off".
		foreach ( array( 'streaming', 'moderation', 'order_lookup', 'handoff_email', 'transcript_review', 'chat_consent_required' ) as $checkbox ) {
			if ( array_key_exists( $checkbox, $input ) || array_key_exists( 'placement', $input ) ) {
				$values[ $checkbox ] = ! empty( $input[ $checkbox ] ) && 'false' !== $input[ $checkbox ];
			}
		}
		if ( ! empty( $input['clear_openai_key'] ) ) {
			$values['openai_api_key'] = '';
			unset( $errors['openai_api_key'] );
		}
		if ( '' === $values['connection_secret'] && ! isset( $errors['connection_secret'] ) ) {
			$errors['connection_secret'] = __( 'A connection secret is required. Press "Generate a new secret" or paste the one set on the proxy.', 'aisle' );
		}

		if ( $allow_internal ) {
			foreach ( array( 'woo_key_id', 'connected_at' ) as $field ) {
				if ( array_key_exists( $field, $input ) ) {
					$values[ $field ] = max( 0, (int) $input[ $field ] );
				}
			}
			if ( array_key_exists( 'disconnect_reason', $input ) ) {
				$values['disconnect_reason'] = 'deactivated' === $input['disconnect_reason'] ? 'deactivated' : '';
			}
		}

		return new SanitizeResult( $values, $errors );
	}

	/**
	 * @param mixed  $value Submitted.
	 * @param string $old   Stored.
	 */
	public function proxy_url( $value, string $old ) {
		$url = trim( (string) $value );
		if ( '' === $url ) {
			return '';
		}
		$parts = wp_parse_url( $url );
		$valid = is_array( $parts )
			&& isset( $parts['scheme'], $parts['host'] )
			&& in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true )
			&& ! array_intersect_key( $parts, array_flip( array( 'user', 'pass', 'query', 'fragment' ) ) )
			&& ! preg_match( '/[\s<>"\'`]/', $url )
			&& strlen( $url ) <= self::MAX_URL_CHARS;
		if ( ! $valid ) {
			return array( 'error' => __( 'The proxy URL must be a web address such as https://aisle.example.com, without ?query or #fragment.', 'aisle' ) );
		}
		return rtrim( esc_url_raw( $url, array( 'http', 'https' ) ), '/' );
	}

	/**
	 * @param mixed  $value Submitted; empty keeps the stored secret.
	 * @param string $old   Stored.
	 */
	public function connection_secret( $value, string $old ) {
		$secret = trim( (string) $value );
		if ( '' === $secret ) {
			return '' === $old ? array( 'error' => __( 'The connection secret cannot be empty.', 'aisle' ) ) : $old;
		}
		if ( strlen( $secret ) < self::MIN_SECRET_CHARS || strlen( $secret ) > 256 || ! preg_match( '/^[A-Za-z0-9_\-+\/=]+$/', $secret ) ) {
			/* translators: %d: minimum number of characters. */
			return array( 'error' => sprintf( __( 'The connection secret must be at least %d letters, digits, - or _. The old secret is kept.', 'aisle' ), self::MIN_SECRET_CHARS ) );
		}
		return $secret;
	}

	/**
	 * @param mixed  $value Submitted; empty keeps the stored key.
	 * @param string $old   Stored.
	 */
	public function openai_api_key( $value, string $old ) {
		$key = trim( (string) $value );
		if ( '' === $key ) {
			return $old;
		}
		if ( ! preg_match( '/^sk-[A-Za-z0-9_\-]{16,256}$/', $key ) ) {
			return array( 'error' => __( 'That does not look like an OpenAI API key (it starts with sk-). The old key is kept.', 'aisle' ) );
		}
		return $key;
	}

	/**
	 * @param mixed  $value Submitted.
	 * @param string $old   Stored.
	 */
	public function model( $value, string $old ) {
		$model = trim( (string) $value );
		if ( '' === $model ) {
			return Defaults::MODEL;
		}
		if ( ! preg_match( '/^[A-Za-z0-9._:\-]{1,100}$/', $model ) ) {
			return array( 'error' => __( 'A model name has only letters, digits, dots, dashes and colons, e.g. gpt-6-luna.', 'aisle' ) );
		}
		return $model;
	}

	/**
	 * @param mixed  $value Submitted.
	 * @param string $old   Stored.
	 */
	public function instructions( $value, string $old ) {
		$text = trim( str_replace( array( "\r\n", "\r" ), "\n", sanitize_textarea_field( (string) $value ) ) );
		if ( self::length( $text ) > self::MAX_INSTRUCTIONS_CHARS ) {
			/* translators: 1: maximum characters, 2: characters submitted. */
			return array( 'error' => sprintf( __( 'The instructions can be at most %1$d characters long (these were %2$d). The old instructions are kept.', 'aisle' ), self::MAX_INSTRUCTIONS_CHARS, self::length( $text ) ) );
		}
		// Stored empty when unchanged, so an improved built-in default reaches the store.
		return Defaults::INSTRUCTIONS === $text ? '' : $text;
	}

	/**
	 * @param mixed  $value Submitted.
	 * @param string $old   Stored.
	 */
	public function greeting( $value, string $old ) {
		$text = sanitize_text_field( (string) $value );
		if ( self::length( $text ) > self::MAX_GREETING_CHARS ) {
			/* translators: %d: maximum characters. */
			return array( 'error' => sprintf( __( 'The greeting can be at most %d characters long.', 'aisle' ), self::MAX_GREETING_CHARS ) );
		}
		return $text;
	}

	/**
	 * @param mixed $value One prompt per line, or a list.
	 * @param array $old   Stored.
	 */
	public function quick_prompts( $value, array $old ) {
		$lines   = is_array( $value ) ? $value : preg_split( '/\R/u', (string) $value );
		$prompts = array();
		foreach ( $lines as $line ) {
			$line = sanitize_text_field( (string) $line );
			if ( '' === $line ) {
				continue;
			}
			if ( self::length( $line ) > self::MAX_PROMPT_CHARS ) {
				/* translators: %d: maximum characters. */
				return array( 'error' => sprintf( __( 'Each quick prompt can be at most %d characters long.', 'aisle' ), self::MAX_PROMPT_CHARS ) );
			}
			$prompts[] = $line;
		}
		if ( count( $prompts ) > self::MAX_PROMPTS ) {
			/* translators: %d: maximum number of prompts. */
			return array( 'error' => sprintf( __( 'At most %d quick prompts, one per line.', 'aisle' ), self::MAX_PROMPTS ) );
		}
		return $prompts;
	}

	/**
	 * @param mixed  $value Submitted.
	 * @param string $old   Stored.
	 */
	public function color( $value, string $old ) {
		$color = strtolower( trim( (string) $value ) );
		if ( preg_match( '/^#([0-9a-f])([0-9a-f])([0-9a-f])$/', $color, $m ) ) {
			$color = '#' . $m[1] . $m[1] . $m[2] . $m[2] . $m[3] . $m[3];
		}
		if ( ! preg_match( '/^#[0-9a-f]{6}$/', $color ) ) {
			return array( 'error' => __( 'The colour must be a hex colour such as #1d4ed8.', 'aisle' ) );
		}
		return $color;
	}

	/**
	 * A rule accepting one of a fixed list.
	 *
	 * @param string[] $allowed Allowed values.
	 * @param string   $message Error message.
	 */
	private function one_of( array $allowed, string $message ): callable {
		return static function ( $value ) use ( $allowed, $message ) {
			$value = (string) $value;
			return in_array( $value, $allowed, true ) ? $value : array( 'error' => $message );
		};
	}

	/**
	 * A rule accepting a whole number in a range (digits only: "1e3" or "20.5" are refused).
	 *
	 * @param int    $min     Smallest allowed.
	 * @param int    $max     Largest allowed.
	 * @param string $message Error message with a %s for the largest number.
	 */
	private function whole_number( int $min, int $max, string $message ): callable {
		return static function ( $value ) use ( $min, $max, $message ) {
			$text = is_int( $value ) ? (string) $value : trim( str_replace( array( ',', ' ' ), '', is_scalar( $value ) ? (string) $value : '' ) );
			if ( ! preg_match( '/^\d{1,12}$/', $text ) || (int) $text < $min || (int) $text > $max ) {
				return array( 'error' => sprintf( $message, number_format( $max ) ) );
			}
			return (int) $text;
		};
	}

	/**
	 * A rule for a write-only WooCommerce key.
	 *
	 * @param string $prefix  ck_ or cs_.
	 * @param string $message Error message.
	 */
	private function woo_key( string $prefix, string $message ): callable {
		return static function ( $value, string $old ) use ( $prefix, $message ) {
			$key = trim( (string) $value );
			if ( '' === $key ) {
				return $old;
			}
			return preg_match( '/^' . $prefix . '[A-Za-z0-9]{8,128}$/', $key ) ? $key : array( 'error' => $message );
		};
	}

	/**
	 * Characters, not bytes: Hebrew greetings count like English ones.
	 *
	 * @param string $text Text.
	 */
	private static function length( string $text ): int {
		return mb_strlen( $text, 'UTF-8' ); // WordPress polyfills mb_strlen when mbstring is missing.
	}
}
