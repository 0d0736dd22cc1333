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
 * 408/429/5xx are retried; 404/410 mean the hosted copy expired, and so does 403 once the job is older than the
 * {@link #HOSTING_PERIOD} (a host that keeps its files private answers 403 for one it removed). A file larger than the
 * limit, or one that cannot be written locally (permissions, full disk, a file where the folder should be), fails at
 * once with a reason in words.
 */
final class OutputDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputDownloader.class);

    /** How long RunComfy hosts the outputs of a finished job. */
    static final Duration HOSTING_PERIOD = Duration.ofDays(7);

    /** How one download ended. {@code retryLater}: a network problem that may pass. */
    record Result(OutputState state, long bytes, String error, boolean retryLater) {
    }

    private final CloseableHttpClient publicOnly;
    private final CloseableHttpClient loopbackToo;
    private final int attempts;
    private final Duration retryDelay;
    private final long maxBytes;

    OutputDownloader(Duration connectTimeout, Duration readTimeout, int attempts, Duration retryDelay, int maxConns,
                     long maxBytes) {
        this.attempts = attempts;
        this.maxBytes = maxBytes;
        this.retryDelay = retryDelay;
        this.publicOnly = client(connectTimeout, readTimeout, maxConns, new OutputAddressGuard(false));
        this.loopbackToo = client(connectTimeout, readTimeout, maxConns, new OutputAddressGuard(true));
    }

    private static CloseableHttpClient client(Duration connectTimeout, Duration readTimeout, int maxConns,
                                              OutputAddressGuard guard) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard)
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

    /**
     * {@code hostingPeriodOver}: the job is older than {@link #HOSTING_PERIOD}, so its hosted files may be gone.
     * {@code apiOnLoopback}: the job's API is on this computer, so its outputs may be too (otherwise loopback, like
     * private and link-local addresses, is refused: see {@link OutputAddressGuard}).
     */
    Result download(String url, Path target, boolean hostingPeriodOver, boolean apiOnLoopback) {
        CloseableHttpClient http = apiOnLoopback ? loopbackToo : publicOnly;
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
                local(() -> Files.createDirectories(target.getParent()));
                Result r = http.execute(get, response -> {
                    int code = response.getCode();
                    if (code == 404 || code == 410) {
                        return new Result(OutputState.EXPIRED, 0, code + ": the hosted output has expired", false);
                    }
                    if (code == 408 || code == 429 || code >= 500) {
                        return new Result(OutputState.PENDING, 0, "the output host answered HTTP " + code, true);
                    }
                    if (code == 403) {
                        return hostingPeriodOver
                                ? new Result(OutputState.EXPIRED, 0, "403: the hosted file has expired (outputs are "
                                + "hosted for " + HOSTING_PERIOD.toDays() + " days)", false)
                                : new Result(OutputState.FAILED, 0, "the output host refused the download (HTTP 403 "
                                + "Forbidden)", false);
                    }
                    if (code < 200 || code >= 300) {
                        return new Result(OutputState.FAILED, 0, "the output host answered HTTP " + code, false);
                    }
                    HttpEntity entity = response.getEntity();
                    long expected = entity == null ? 0 : entity.getContentLength();
                    if (expected > maxBytes) {
                        get.cancel();   // do not read (or let HttpClient drain) a body we will not keep
                        throw new TooLarge();
                    }
                    long written = 0;
                    if (entity != null) {
                        written = copy(entity, temp);
                        if (written < 0) {
                            get.cancel();
                            throw new TooLarge();
                        }
                    } else {
                        local(() -> Files.createFile(temp));
                    }
                    if (expected >= 0 && written != expected) {
                        return new Result(OutputState.PENDING, 0, "incomplete download: " + written + " of "
                                + expected + " bytes", true);
                    }
                    local(() -> {
                        moveIntoPlace(temp, target);
                        return null;
                    });
                    return new Result(OutputState.SAVED, written, null, false);
                });
                if (!r.retryLater()) {
                    return r;
                }
                lastError = r.error();
            } catch (OutputAddressGuard.Refused e) {
                return new Result(OutputState.FAILED, 0, e.getMessage(), false);
            } catch (TooLarge e) {
                return new Result(OutputState.FAILED, 0, "the output is larger than the limit of "
                        + humanBytes(maxBytes) + " per file", false);
            } catch (LocalWriteFailure e) {
                // The disk, not the network: retrying will not help, and the user must be told where and why.
                return new Result(OutputState.FAILED, 0, "could not write to " + target.getParent() + ": "
                        + OutputPaths.whyNotWritable(e.getCause()), false);
            } catch (IOException e) {
                lastError = "the download was interrupted (" + (e instanceof java.net.SocketTimeoutException
                        ? "the output host did not answer in time" : e instanceof java.net.ConnectException
                        || e instanceof java.net.UnknownHostException ? "could not connect to the output host"
                        : "the connection to the output host failed") + ")";
            } finally {
                deleteQuietly(temp);
            }
            LOG.debug("download attempt {} of {} failed: {}", attempt, target.getFileName(), lastError);
        }
        return new Result(OutputState.PENDING, 0, lastError, true);
    }

    /**
     * Streams the body into {@code temp}, stopping as soon as more than {@code maxBytes} arrived (whatever the
     * headers said, chunked bodies included). Returns the bytes written, or -1 when over the limit. Read errors
     * are the network's ({@link IOException}); write errors are the disk's ({@link LocalWriteFailure}).
     */
    private long copy(HttpEntity entity, Path temp) throws IOException {
        OutputStream out = local(() -> Files.newOutputStream(temp));
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    return -1;
                }
                int count = n;
                local(() -> {
                    out.write(buffer, 0, count);
                    return null;
                });
            }
            return total;
        } finally {
            local(() -> {
                out.close();
                return null;
            });
        }
    }

    /** An I/O step on the local disk: its failure is wrapped so it is never mistaken for a network problem. */
    @FunctionalInterface
    private interface LocalStep<T> {
        T run() throws IOException;
    }

    private static <T> T local(LocalStep<T> step) throws LocalWriteFailure {
        try {
            return step.run();
        } catch (IOException e) {
            throw new LocalWriteFailure(e);
        }
    }

    /** A failure of the local file system (an {@link IOException} so it can leave HttpClient's handler). */
    private static final class LocalWriteFailure extends IOException {
        LocalWriteFailure(IOException cause) {
            super(cause);
        }
    }

    /** The body is over the size limit (an {@link IOException} so it can leave HttpClient's handler). */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit", null);
        }
    }

    static String humanBytes(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
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
        publicOnly.close(CloseMode.IMMEDIATE);
        loopbackToo.close(CloseMode.IMMEDIATE);
    }
}
