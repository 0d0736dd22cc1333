package app.comfydesk.sandbox;

import app.comfydesk.files.AtomicFiles;
import app.comfydesk.sandbox.exec.WorkflowExecutor;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in local RunComfy-compatible server: the queue API under {@code /prod/v1/...} and {@code /prod/v2/...},
 * hosted outputs under {@code /outputs/...} (no auth), bound to 127.0.0.1 only. Start one with
 * {@link #start(SandboxConfig)}; {@link #close()} stops it and its workers.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final String TOKEN_FILE = "token";
    private static final Set<String> SUPPORTED = new WorkflowExecutor().supportedClassTypes();

    /** Handler threads: only requests whose headers are complete take one (Jetty parses headers without one). */
    static final int MAX_THREADS = 64;
    /** Open connections at once; further peers wait in the accept queue until one closes. */
    static final int MAX_CONNECTIONS = 512;
    /** A connection silent this long while its headers or body are being read (or kept alive idle) is closed. */
    static final long IDLE_TIMEOUT_MS = 10_000;
    /** Request line plus headers. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final SandboxConfig config;
    private final Server http;
    private final RequestQueue queue;
    private final Webhooks webhooks;
    private final Deployments deployments;
    private final Storage storage;
    private final URI baseUri;
    private final String token;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SandboxServer(SandboxConfig config, Server http, RequestQueue queue,
                          Webhooks webhooks, Deployments deployments, Storage storage, String token, URI baseUri) {
        this.webhooks = webhooks;
        this.storage = storage;
        this.config = config;
        this.http = http;
        this.queue = queue;
        this.deployments = deployments;
        this.token = token;
        this.baseUri = baseUri;
    }

    /**
     * Prepares the home (sample deployments and input image when missing, a token when none is fixed), then listens
     * on 127.0.0.1.
     *
     * @throws IOException the home cannot be written or the port is taken
     */
    public static SandboxServer start(SandboxConfig config) throws IOException {
        Path home = config.home();
        Files.createDirectories(home);
        Deployments deployments = new Deployments(home);
        Path input = inputFolder(home);
        Files.createDirectories(input);
        if (config.installSamples()) {
            deployments.installSamples(input);
        }
        String token = config.fixedToken() != null ? config.fixedToken() : persistentToken(home);
        // Bind first: a taken port should fail before this server adopts stored requests.
        Server http = jetty(config.port());
        URI baseUri = URI.create("http://127.0.0.1:" + ((ServerConnector) http.getConnectors()[0]).getLocalPort());
        Answers answers = new Answers(baseUri, config);
        Webhooks webhooks = new Webhooks(answers);
        Storage storage = null;
        RequestQueue queue;
        try {
            storage = new Storage(home, UUID.randomUUID().toString());
            queue = new RequestQueue(config, storage, input, webhooks);
        } catch (IOException | RuntimeException e) {
            webhooks.close();
            stopQuietly(http);
            if (storage != null) {
                storage.close();
            }
            throw e;
        }
        SandboxServer server = new SandboxServer(config, http, queue, webhooks, deployments, storage, token,
                baseUri);
        http.setHandler(new ApiHandler(answers, token, config, deployments, queue, storage));
        try {
            http.start();
        } catch (Exception e) {
            server.close();
            throw new IOException("the sandbox's HTTP server did not start: " + e.getMessage(), e);
        }
        LOG.info("Sandbox listening on {} (home {})", server.baseUri, home);
        return server;
    }

    /**
     * Starts like {@link #start(SandboxConfig)}, but first on the port remembered in {@code portFile}, so the base URL
     * that clients stored with their jobs stays valid across restarts. When nothing is remembered yet, or that port is
     * taken by another program, it starts on {@code config.port()} (0: a free ephemeral port) and remembers the port
     * it got. Failing to write the file only costs the next start its stable URL, so that is logged, not thrown.
     */
    public static SandboxServer startRememberingPort(SandboxConfig config, Path portFile) throws IOException {
        OptionalInt remembered = rememberedPort(portFile);
        SandboxServer server = null;
        if (remembered.isPresent() && remembered.getAsInt() != config.port()) {
            try {
                server = start(config.toBuilder().port(remembered.getAsInt()).build());
            } catch (BindException e) {
                LOG.info("Sandbox port {} is taken by another program; starting on another port",
                        remembered.getAsInt());
            }
        }
        if (server == null) {
            server = start(config);
        }
        int port = server.baseUri().getPort();
        if (remembered.isEmpty() || remembered.getAsInt() != port) {
            try {
                AtomicFiles.writeString(portFile, port + "\n");
            } catch (IOException e) {
                LOG.warn("could not remember the sandbox port in {}; the next start may get another URL", portFile, e);
            }
        }
        return server;
    }

    /**
     * Jetty on 127.0.0.1, bound at once (a taken port fails here with a {@link BindException}). Jetty reads request
     * lines and headers without holding a thread, so slow or silent peers cost a connection slot, bounded by
     * {@link #MAX_CONNECTIONS} and {@link #IDLE_TIMEOUT_MS}, and never starve the handler threads.
     */
    private static Server jetty(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
        threads.setName("sandbox-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        try {
            connector.open();
        } catch (IOException e) {
            if (e.getCause() instanceof BindException bind) {
                throw bind;
            }
            throw e;
        }
        return server;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the sandbox's HTTP server", e);
        }
    }

    private static OptionalInt rememberedPort(Path portFile) {
        try {
            int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
            return port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.warn("ignoring an unreadable sandbox port file {}: {}", portFile, e.toString());
            return OptionalInt.empty();
        }
    }

    /** {@code http://127.0.0.1:<port>}: the base URL to configure in place of {@code https://api.runcomfy.net}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The Bearer token this server accepts. */
    public String token() {
        return token;
    }

    public Path home() {
        return config.home();
    }

    /** Where LoadImage looks up plain file names: {@code <home>/input}. */
    public Path inputFolder() {
        return inputFolder(config.home());
    }

    /** The live fault plan: rules added here apply to the next requests. */
    public FaultPlan faults() {
        return config.faults();
    }

    /** The deployment ids in the home, sorted. */
    public List<String> deployments() {
        return deployments.ids();
    }

    /** Creates or replaces deployment {@code id} with {@code workflow} (API format). */
    public void deploy(String id, JsonNode workflow) {
        try {
            deployments.save(id, workflow);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save sandbox deployment " + id, e);
        }
    }

    /** The node class types this sandbox runs (others fail the request, naming the node); sorted. */
    public Set<String> supportedClassTypes() {
        return SUPPORTED;
    }

    /** How many requests are waiting for a worker. */
    public int queueLength() {
        return queue.waitingCount();
    }

    /** Stops listening, cancels what is queued or running and removes this server's stored files. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopQuietly(http);
        queue.close();
        webhooks.close();
        try {
            storage.close();
        } catch (IOException e) {
            LOG.warn("could not remove the sandbox's stored files", e);
        }
        LOG.info("Sandbox on {} stopped", baseUri);
    }

    private static Path inputFolder(Path home) {
        return home.resolve("input");
    }

    /** One random token per home, kept in {@code <home>/token} (owner-only where the file system allows). */
    private static String persistentToken(Path home) throws IOException {
        Path file = home.resolve(TOKEN_FILE);
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!existing.isEmpty()) {
                return existing;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temp = Files.createTempFile(home, ".token", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user's profile folder is already private.
        }
        Files.writeString(temp, token, StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }
}
