package dev.qstash.jakarta;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Selects the {@link QStashPublisher} of one region, whatever the primary region is:
 * {@code @Inject @ForRegion(QStashRegion.EU_CENTRAL_1) QStashPublisher eu;} During a migration the old region still
 * holds its DLQ, logs and schedules, so both regions stay reachable.
 *
 * <p>
 * It uses {@code <region>.qstash.token} and {@code <region>.qstash.url} (default {@link QStashRegion#defaultUrl()}).
 * The bean always exists; calling it without the region's token configured throws
 * {@link QStashConfigurationException} naming the missing key.
 *
 * @since 0.1
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface ForRegion {

    /**
     * The region.
     *
     * @return the region whose credentials the publisher uses
     */
    QStashRegion value();

    /** An instance of the qualifier, for programmatic lookup and for synthetic beans. */
    final class Literal extends AnnotationLiteral<ForRegion> implements ForRegion {

        private static final long serialVersionUID = 1L;

        /** The region this instance qualifies. */
        private final QStashRegion value;

        private Literal(QStashRegion value) {
            this.value = value;
        }

        /**
         * The qualifier for one region.
         *
         * @param region the region
         * @return {@code @ForRegion(region)}
         */
        public static Literal of(QStashRegion region) {
            return new Literal(region);
        }

        @Override
        public QStashRegion value() {
            return value;
        }
    }
}
