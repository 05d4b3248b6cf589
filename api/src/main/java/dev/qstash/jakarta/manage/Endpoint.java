package dev.qstash.jakarta.manage;

/**
 * An endpoint of a URL group. To add one, give its URL (and optionally a name); to remove one, give either.
 *
 * @param name the endpoint's name, or {@code null}
 * @param url the endpoint's URL, or {@code null} when removing by name
 * @since 0.1
 */
public record Endpoint(String name, String url) {

    /**
     * Checks that the endpoint is named or has a URL.
     *
     * @param name the endpoint's name, or {@code null}
     * @param url the endpoint's URL, or {@code null}
     */
    public Endpoint {
        if (name == null && url == null) {
            throw new IllegalArgumentException("an endpoint needs a name or a URL");
        }
    }

    /**
     * An endpoint by its URL.
     *
     * @param url the URL
     * @return the endpoint
     */
    public static Endpoint url(String url) {
        return new Endpoint(null, url);
    }

    /**
     * A named endpoint.
     *
     * @param name the name
     * @param url the URL
     * @return the endpoint
     */
    public static Endpoint named(String name, String url) {
        return new Endpoint(name, url);
    }
}
