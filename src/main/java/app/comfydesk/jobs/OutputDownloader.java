package app.comfydesk.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves hosted outputs. A client of its own: it never has the API token, keeps no cookies, and follows redirects
 * (so nothing credential-like can be carried to the output host or beyond). Each file goes to a temporary file next
 * to its target, is checked against Content-Length, then atomically moved into place; dropped connections and
 * 408/429/5xx are retried; 404/410 mean the hosted copy expired.
 */
final class OutputDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputDownloader.class);

    /** How one download ended. {@code retryLater}: a network problem that may pass. */
    record Result(OutputState state, long bytes, String error, boolean retryLater) {
    }

    private final CloseableHttpClient http;
    private final int attempts;
    private final Duration retryDelay;

    OutputDownloader(Duration connectTimeout, Duration readTimeout, int attempts, Duration retryDelay, int maxConns) {
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConns * 2)
                        .setMaxConnPerRoute(maxConns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setMaxRedirects(5)
                        .build())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .setUserAgent("ComfyDesk")
                .build();
    }

    Result download(String url, Path target) {
        String lastError = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !sleep(retryDelay.multipliedBy(attempt - 1))) {
                return new Result(OutputState.PENDING, 0, "interrupted", true);
            }
            HttpGet get;
            try {
                get = new HttpGet(url);
            } catch (IllegalArgumentException e) {
                return new Result(OutputState.FAILED, 0, "invalid output URL", false);
            }
            Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
            try {
                Files.createDirectories(target.getParent());
                Result r = http.execute(get, response -> {
                    int code = response.getCode();
                    if (code == 404 || code == 410) {
                        return new Result(OutputState.EXPIRED, 0, code + ": the hosted output has expired", false);
                    }
                    if (code == 408 || code == 429 || code >= 500) {
                        return new Result(OutputState.PENDING, 0, "HTTP " + code, true);
                    }
                    if (code < 200 || code >= 300) {
                        return new Result(OutputState.FAILED, 0, "the output host answered HTTP " + code, false);
                    }
                    HttpEntity entity = response.getEntity();
                    long expected = entity == null ? 0 : entity.getContentLength();
                    long written = 0;
                    if (entity != null) {
                        try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(temp)) {
                            written = in.transferTo(out);
                        }
                    } else {
                        Files.createFile(temp);
                    }
                    if (expected >= 0 && written != expected) {
                        return new Result(OutputState.PENDING, 0, "incomplete download: " + written + " of "
                                + expected + " bytes", true);
                    }
                    moveIntoPlace(temp, target);
                    return new Result(OutputState.SAVED, written, null, false);
                });
                if (!r.retryLater()) {
                    return r;
                }
                lastError = r.error();
            } catch (IOException e) {
                lastError = "connection problem (" + e.getClass().getSimpleName() + ")";
            } finally {
                deleteQuietly(temp);
            }
            LOG.debug("download attempt {} of {} failed: {}", attempt, target.getFileName(), lastError);
        }
        return new Result(OutputState.PENDING, 0, lastError, true);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover .part file is harmless and cleaned when the job resumes.
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
