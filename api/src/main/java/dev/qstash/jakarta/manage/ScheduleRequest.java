package dev.qstash.jakarta.manage;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.qstash.jakarta.PublishRequest;

/**
 * What {@link Schedules#create(ScheduleRequest)} sends: a cron expression and the message to publish on each match.
 * The message may target a URL or a URL group and may name a {@link PublishRequest.Builder#queue(String) queue} to
 * enqueue into; it takes every publish option except those that make no sense for a repeated message (not-before,
 * deduplication), which are refused.
 *
 * <p>
 * As in the official SDK, the deliveries' content type defaults to {@code application/json} when the message sets
 * none, and {@code Upstash-Method} is sent only for a method other than {@code POST}.
 *
 * @param cron five cron fields (minute, hour, day of month, month, day of week), optionally prefixed by
 *        {@code CRON_TZ=<IANA zone> }; QStash fires at most once a minute, in UTC unless a zone is given
 * @param message the message to publish on each match
 * @param scheduleId the schedule's id, or {@code null} to let QStash pick one; an existing schedule with this id is
 *        replaced
 * @since 0.1
 */
public record ScheduleRequest(String cron, PublishRequest message, String scheduleId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern FIELDS = Pattern.compile("\\S+( \\S+){4}");

    /**
     * Checks the expression, the message and the id.
     *
     * @param cron the cron expression
     * @param message the message to publish on each match
     * @param scheduleId the schedule's id, or {@code null}
     */
    public ScheduleRequest {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(message, "message");
        checkCron(cron);
        if (message.notBefore() != null) {
            throw new IllegalArgumentException("a schedule cannot carry notBefore; use delay");
        }
        if (message.deduplicationId() != null || message.contentBasedDeduplication()) {
            throw new IllegalArgumentException("a schedule cannot carry deduplication: every run would be a duplicate");
        }
        if (scheduleId != null && !ID.matcher(scheduleId).matches()) {
            throw new IllegalArgumentException(
                    "schedule id may hold only letters, digits, '.', '_' and '-', got " + scheduleId);
        }
    }

    /**
     * A schedule whose id QStash picks.
     *
     * @param cron the cron expression
     * @param message the message to publish on each match
     * @return the request
     */
    public static ScheduleRequest of(String cron, PublishRequest message) {
        return new ScheduleRequest(cron, message, null);
    }

    /**
     * The same schedule with a given id, which makes creating it an upsert.
     *
     * @param id letters, digits, {@code .}, {@code _} and {@code -}
     * @return a new request
     */
    public ScheduleRequest withScheduleId(String id) {
        return new ScheduleRequest(cron, message, Objects.requireNonNull(id, "id"));
    }

    private static void checkCron(String cron) {
        String fields = cron;
        if (cron.startsWith("CRON_TZ=")) {
            int space = cron.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("cron '" + cron + "' has a CRON_TZ= prefix but no fields");
            }
            String zone = cron.substring("CRON_TZ=".length(), space);
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("cron '" + cron + "' names an unknown time zone: " + zone);
            }
            fields = cron.substring(space + 1);
        }
        if (!FIELDS.matcher(fields).matches()) {
            throw new IllegalArgumentException("cron '" + cron
                    + "' needs five fields separated by single spaces: minute hour day-of-month month day-of-week");
        }
    }
}
