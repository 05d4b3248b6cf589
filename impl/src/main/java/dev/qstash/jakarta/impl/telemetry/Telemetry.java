package dev.qstash.jakarta.impl.telemetry;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.RejectionReason;

/**
 * What the publisher and the receive path tell the server's tracing and metrics, in terms free of OpenTelemetry, so
 * that they load on a server without it. {@link #NONE} does nothing and costs nothing; {@link TelemetrySupport}
 * gives the OpenTelemetry form where the server has MicroProfile Telemetry.
 */
public interface Telemetry {

    /** Nothing reported: no OpenTelemetry on the server. */
    Telemetry NONE = new Telemetry() {
    };

    /**
     * Starts the span of one call to QStash and makes nothing current yet.
     *
     * @param call what is called
     * @return the call's observation; {@link Call#NONE} when nothing is reported
     */
    default Call start(CallInfo call) {
        return Call.NONE;
    }

    /**
     * Whether the trace context is to be forwarded from here: propagation is on and a span is current (the
     * application's, or the server's for the request). Asked before the call's own span starts, so that a publish
     * outside any trace goes out as it would without telemetry.
     */
    default boolean forwardsTrace() {
        return false;
    }

    /**
     * The W3C trace context of the current span, to forward through QStash: {@code traceparent} and, when there is
     * one, {@code tracestate}, as the server's propagator writes them. Empty outside a traced context or when
     * propagation is off.
     */
    default Map<String, String> traceHeaders() {
        return Map.of();
    }

    /**
     * Starts observing one request to a {@code @VerifyQStash} resource: a child of the current (server) span, or,
     * when the server made none current yet, of the trace context the request carries.
     *
     * @param headers the request's headers by name
     */
    default Receipt receiving(UnaryOperator<String> headers) {
        return Receipt.NONE;
    }

    /**
     * One call to QStash.
     *
     * @param operation {@code publish}, {@code enqueue}, {@code batch}, {@code schedule}, or the method and first
     *        path segment of a management call ({@code GET /v2/queues})
     * @param region the publisher's region, if it has one
     * @param serverHost QStash's host
     * @param destinationHost the destination URL's host (never its path, query or user info), or {@code null}
     * @param destinationName the queue or URL group, or {@code null}
     * @param messages how many messages the call publishes, {@code 0} for a management call
     */
    record CallInfo(String operation, Optional<QStashRegion> region, String serverHost, String destinationHost,
            String destinationName, int messages) {
    }

    /** The observation of one call: made current while the call is sent, then ended once. */
    interface Call {

        /** Nothing observed. */
        Call NONE = new Call() {

            @Override
            public Scope makeCurrent() {
                return Scope.NONE;
            }

            @Override
            public void succeeded(Object result) {
                // nothing reported
            }

            @Override
            public void failed(Throwable failure) {
                // nothing reported
            }
        };

        /** Makes the call's span current on this thread until the scope is closed. */
        Scope makeCurrent();

        /**
         * Ends the call as a success.
         *
         * @param result what the call returned: {@code PublishResponse}s, lists of them, or anything else
         */
        void succeeded(Object result);

        /** Ends the call as a failure, recording its kind. */
        void failed(Throwable failure);
    }

    /** A span made current; closing restores the previous one. */
    interface Scope extends AutoCloseable {

        /** Nothing made current. */
        Scope NONE = () -> {
        };

        @Override
        void close();
    }

    /** The observation of one request to a verified resource: ended once, verified or rejected. */
    interface Receipt {

        /** Nothing observed. */
        Receipt NONE = new Receipt() {

            @Override
            public void verified(QStashDelivery delivery) {
                // nothing reported
            }

            @Override
            public void rejected(RejectionReason reason) {
                // nothing reported
            }

            @Override
            public void emit() {
                // nothing reported
            }
        };

        /**
         * The delivery is genuine. Its span waits for {@link #emit()} when the server had no span current yet (its
         * server span starts after the verification filter), so that it becomes a child of the server span.
         */
        void verified(QStashDelivery delivery);

        /**
         * Ends a verified delivery's span if it is still waiting: called when the resource method is entered (the
         * server span is current then) and, in case it never was, when the request ends; only the first call counts.
         */
        void emit();

        /** The request was refused. */
        void rejected(RejectionReason reason);
    }
}
