package dev.qstash.jakarta.impl.jaxrs;

import dev.qstash.jakarta.impl.config.ReceiverSettings;
import dev.qstash.jakarta.impl.receive.DeliveryHandling;
import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.impl.verify.QStashReceiver;

/**
 * What the filter needs from the application, resolved once at startup: an application-scoped bean provides it, and
 * the filter looks it up once.
 */
public interface ReceivePath {

    /** The receiver, its keys prepared. */
    QStashReceiver receiver();

    /** The receiving settings: body limits, URL check. */
    ReceiverSettings receiverSettings();

    /** Idempotent receivers and replay protection. */
    DeliveryHandling handling();

    /** Spans and metrics of deliveries; {@link Telemetry#NONE} without MicroProfile Telemetry. */
    default Telemetry telemetry() {
        return Telemetry.NONE;
    }
}
