/**
 * For implementors of the API only: how {@link dev.qstash.jakarta.QStashPublisher#builder()} finds its
 * implementation.
 *
 * @since 0.1
 */
package dev.qstash.jakarta.spi;
