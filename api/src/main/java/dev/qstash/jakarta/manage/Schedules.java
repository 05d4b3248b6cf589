package dev.qstash.jakarta.manage;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Schedules ({@code /v2/schedules}). Pausing and resuming use {@code PATCH}, as every official SDK does (QStash's
 * API reference says {@code POST}).
 *
 * @since 0.1
 */
public interface Schedules {

    /**
     * Creates a schedule, or replaces the one with the request's {@link ScheduleRequest#scheduleId() id}.
     *
     * @param request the cron expression and the message
     * @return the schedule's id
     */
    default String create(ScheduleRequest request) {
        return Sync.await(createAsync(request));
    }

    /**
     * Creates a schedule asynchronously; see {@link #create(ScheduleRequest)}.
     *
     * @param request the cron expression and the message
     * @return the schedule's id
     */
    CompletionStage<String> createAsync(ScheduleRequest request);

    /**
     * Reads a schedule.
     *
     * @param scheduleId the id
     * @return the schedule
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if there is none
     */
    default Schedule get(String scheduleId) {
        return Sync.await(getAsync(scheduleId));
    }

    /**
     * Reads a schedule asynchronously.
     *
     * @param scheduleId the id
     * @return the schedule
     */
    CompletionStage<Schedule> getAsync(String scheduleId);

    /**
     * Lists the schedules.
     *
     * @return every schedule of the region
     */
    default List<Schedule> list() {
        return Sync.await(listAsync());
    }

    /**
     * Lists the schedules asynchronously.
     *
     * @return every schedule of the region
     */
    CompletionStage<List<Schedule>> listAsync();

    /**
     * Deletes a schedule. Messages it already published are not affected.
     *
     * @param scheduleId the id
     */
    default void delete(String scheduleId) {
        Sync.await(deleteAsync(scheduleId));
    }

    /**
     * Deletes a schedule asynchronously.
     *
     * @param scheduleId the id
     * @return completes when QStash has answered
     */
    CompletionStage<Void> deleteAsync(String scheduleId);

    /**
     * Stops the schedule from firing until it is resumed.
     *
     * @param scheduleId the id
     */
    default void pause(String scheduleId) {
        Sync.await(pauseAsync(scheduleId));
    }

    /**
     * Pauses a schedule asynchronously.
     *
     * @param scheduleId the id
     * @return completes when QStash has answered
     */
    CompletionStage<Void> pauseAsync(String scheduleId);

    /**
     * Lets a paused schedule fire again.
     *
     * @param scheduleId the id
     */
    default void resume(String scheduleId) {
        Sync.await(resumeAsync(scheduleId));
    }

    /**
     * Resumes a schedule asynchronously.
     *
     * @param scheduleId the id
     * @return completes when QStash has answered
     */
    CompletionStage<Void> resumeAsync(String scheduleId);
}
