<?php
/**
 * The outcome of sanitizing settings: clean values and the errors to show inline.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Settings;

defined( 'ABSPATH' ) || exit;

final class SanitizeResult {
	/**
	 * Clean values, every key of Defaults::all().
	 *
	 * @var array<string, mixed>
	 */
	public $values;

	/**
	 * Field name => translated message, for add_settings_error().
	 *
	 * @var array<string, string>
	 */
	public $errors;

	/**
	 * @param array<string, mixed>  $values Clean values.
	 * @param array<string, string> $errors Field errors.
	 */
	public function __construct( array $values, array $errors ) {
		$this->values = $values;
		$this->errors = $errors;
	}
}
