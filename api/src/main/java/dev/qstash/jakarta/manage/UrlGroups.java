package dev.qstash.jakarta.manage;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * URL groups ({@code /v2/topics}). Publish to one with {@link dev.qstash.jakarta.QStashPublisher#publishToUrlGroup}.
 *
 * @since 0.1
 */
public interface UrlGroups {

    /**
     * Adds endpoints, creating the group if needed.
     *
     * @param name the group's name
     * @param endpoints endpoints with a URL each
     */
    default void addEndpoints(String name, List<Endpoint> endpoints) {
        Sync.await(addEndpointsAsync(name, endpoints));
    }

    /**
     * Adds endpoints asynchronously; see {@link #addEndpoints(String, List)}.
     *
     * @param name the group's name
     * @param endpoints endpoints with a URL each
     * @return completes when QStash has answered
     */
    CompletionStage<Void> addEndpointsAsync(String name, List<Endpoint> endpoints);

    /**
     * Removes endpoints, matched by name or URL. Removing the last endpoint deletes the group.
     *
     * @param name the group's name
     * @param endpoints the endpoints to remove
     */
    default void removeEndpoints(String name, List<Endpoint> endpoints) {
        Sync.await(removeEndpointsAsync(name, endpoints));
    }

    /**
     * Removes endpoints asynchronously; see {@link #removeEndpoints(String, List)}.
     *
     * @param name the group's name
     * @param endpoints the endpoints to remove
     * @return completes when QStash has answered
     */
    CompletionStage<Void> removeEndpointsAsync(String name, List<Endpoint> endpoints);

    /**
     * Reads a URL group.
     *
     * @param name the group's name
     * @return the group
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if there is none
     */
    default UrlGroup get(String name) {
        return Sync.await(getAsync(name));
    }

    /**
     * Reads a URL group asynchronously.
     *
     * @param name the group's name
     * @return the group
     */
    CompletionStage<UrlGroup> getAsync(String name);

    /**
     * Lists the URL groups.
     *
     * @return every group of the region
     */
    default List<UrlGroup> list() {
        return Sync.await(listAsync());
    }

    /**
     * Lists the URL groups asynchronously.
     *
     * @return every group of the region
     */
    CompletionStage<List<UrlGroup>> listAsync();

    /**
     * Deletes a URL group.
     *
     * @param name the group's name
     */
    default void delete(String name) {
        Sync.await(deleteAsync(name));
    }

    /**
     * Deletes a URL group asynchronously.
     *
     * @param name the group's name
     * @return completes when QStash has answered
     */
    CompletionStage<Void> deleteAsync(String name);
}
