/**
 * For implementors of the API only: how {@link dev.qstash.jakarta.QStashPublisher#builder()} finds its
 * implementation ({@link dev.qstash.jakarta.spi.QStashProvider}), and the store the receiving side records
 * deliveries in ({@link dev.qstash.jakarta.spi.DeliveryStore}).
 *
 * @since 0.1
 */
package dev.qstash.jakarta.spi;
