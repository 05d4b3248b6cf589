package dev.qstash.jakarta.impl.client;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.ClientSettings;
import dev.qstash.jakarta.impl.config.QStashSettings;

/** {@link QStashPublisher#builder()}: resolves credentials as described on {@link QStashPublisher.Builder}. */
public final class PublisherBuilderImpl implements QStashPublisher.Builder {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private String baseUrl;
    private String token;
    private QStashRegion region;
    private Config config;
    private Integer retries;
    private Duration rateLimitMaxWait;
    private Boolean retryServerErrors;
    private IntFunction<Duration> backoff = Retrier.DEFAULT_BACKOFF;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    @Override
    public QStashPublisher.Builder baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    @Override
    public QStashPublisher.Builder token(String token) {
        this.token = token;
        return this;
    }

    @Override
    public QStashPublisher.Builder region(QStashRegion region) {
        this.region = region;
        return this;
    }

    @Override
    public QStashPublisher.Builder config(Config config) {
        this.config = config;
        return this;
    }

    @Override
    public QStashPublisher.Builder retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        this.retries = retries;
        return this;
    }

    @Override
    public QStashPublisher.Builder rateLimitMaxWait(Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the rate limit's maximum wait must not be negative, got " + maxWait);
        }
        this.rateLimitMaxWait = maxWait;
        return this;
    }

    @Override
    public QStashPublisher.Builder retryServerErrors(boolean retry) {
        this.retryServerErrors = retry;
        return this;
    }

    @Override
    public QStashPublisher.Builder backoff(IntFunction<Duration> backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        return this;
    }

    @Override
    public QStashPublisher.Builder defaultHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || name.equalsIgnoreCase("content-type") || name.equalsIgnoreCase("authorization")) {
            throw new IllegalArgumentException("a default header cannot be '" + name
                    + "': set the content type per message; the token is set with token(...)");
        }
        defaultHeaders.put(name, value);
        return this;
    }

    private static Config applicationConfig() {
        try {
            return ConfigProvider.getConfig();
        } catch (IllegalStateException | LinkageError e) { // "No ConfigProviderResolver implementation found!"
            throw new QStashConfigurationException("no MicroProfile Config implementation is on the class path, and "
                    + "this builder needs config (it has no base URL and token of its own, or has a region); outside a "
                    + "server set baseUrl(...) and token(...), or add one such as io.smallrye.config:smallrye-config; "
                    + "see the README, \"Outside a server\" (" + e.getMessage() + ")");
        }
    }

    /** The configured (or default) settings with what was set on this builder instead. */
    private ClientSettings override(ClientSettings configured) {
        return new ClientSettings(retries != null ? retries : configured.retries(),
                rateLimitMaxWait != null ? rateLimitMaxWait : configured.rateLimitMaxWait(),
                retryServerErrors != null ? retryServerErrors : configured.retryServerErrors());
    }

    /** An explicit base URL and token read no config; anything else resolves from config as the SDK does. */
    @Override
    public QStashPublisher build() {
        if (baseUrl != null && token != null && region == null) {
            return new RestClientQStashPublisher(QStashSettings.explicit(baseUrl, token),
                    new Retrier(override(ClientSettings.DEFAULTS), backoff), new WireFormat(defaultHeaders));
        }
        QStashSettings.Publishing publishing = QStashSettings.publishing(config != null ? config : applicationConfig(),
                baseUrl, token, region);
        publishing.warnings().forEach(warning -> LOG.log(Level.WARNING, "QSTASH001 " + warning));
        return new RestClientQStashPublisher(publishing.credentials(),
                new Retrier(override(publishing.client()), backoff),
                new WireFormat(defaultHeaders));
    }
}
