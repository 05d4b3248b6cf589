package dev.qstash.jakarta.impl.publish;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.Credentials;
import dev.qstash.jakarta.impl.config.QStashSettings;

/** {@link QStashPublisher#builder()}: resolves credentials as described on {@link QStashPublisher.Builder}. */
public final class PublisherBuilderImpl implements QStashPublisher.Builder {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private String baseUrl;
    private String token;
    private QStashRegion region;
    private Config config;
    private Integer retries;
    private IntFunction<Duration> backoff = Retrier.DEFAULT_BACKOFF;

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
    public QStashPublisher.Builder backoff(IntFunction<Duration> backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        return this;
    }

    @Override
    public QStashPublisher build() {
        boolean explicit = baseUrl != null && token != null && region == null;
        Config source = explicit ? config : config != null ? config : ConfigProvider.getConfig();
        Credentials credentials;
        int retryCount = retries != null ? retries : 5;
        if (explicit) {
            credentials = QStashSettings.explicit(baseUrl, token);
        } else {
            QStashSettings.Publishing publishing = QStashSettings.publishing(source, baseUrl, token, region);
            publishing.warnings().forEach(warning -> LOG.log(Level.WARNING, "QSTASH001 " + warning));
            credentials = publishing.credentials();
            if (retries == null) {
                retryCount = publishing.clientRetries();
            }
        }
        return new RestClientQStashPublisher(credentials, new Retrier(retryCount, backoff));
    }
}
