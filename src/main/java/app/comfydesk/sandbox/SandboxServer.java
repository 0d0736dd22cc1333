package app.comfydesk.sandbox;

import app.comfydesk.sandbox.exec.WorkflowExecutor;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // add ~40 ms to many answers (measured: 158 -> 56 ms per image-edit request). Read once, when the first
        // server is created, so it must be set before that; an explicit setting by the user wins.
        setUnlessGiven("sun.net.httpserver.nodelay", "true");
        // Slow or stalled clients (issue: 32 clients sending a byte a second stalled every request): the JDK server
        // closes a connection whose request is not complete after maxReqTime, and accepts at most maxConnections.
        setUnlessGiven("sun.net.httpserver.maxReqTime", String.valueOf(SandboxLimits.MAX_REQUEST_SECONDS));
        setUnlessGiven("jdk.httpserver.maxConnections", String.valueOf(SandboxLimits.MAX_CONNECTIONS));
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private final SandboxConfig config;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final RequestQueue queue;
    private final Webhooks webhooks;
    private final Deployments deployments;
    private final Storage storage;
    private final URI baseUri;
    private final String token;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SandboxServer(SandboxConfig config, HttpServer http, ExecutorService httpThreads, RequestQueue queue,
                          Webhooks webhooks, Deployments deployments, Storage storage, String token, URI baseUri) {
        this.webhooks = webhooks;
        this.storage = storage;
        this.config = config;
        this.http = http;
        this.httpThreads = httpThreads;
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
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()),
                128);
        URI baseUri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        Answers answers = new Answers(baseUri, config);
        Webhooks webhooks = new Webhooks(answers);
        Storage storage = null;
        RequestQueue queue;
        try {
            storage = new Storage(home, UUID.randomUUID().toString());
            queue = new RequestQueue(config, storage, input, webhooks);
        } catch (IOException | RuntimeException e) {
            webhooks.close();
            http.stop(0);
            if (storage != null) {
                storage.close();
            }
            throw e;
        }
        ThreadPoolExecutor threads = new ThreadPoolExecutor(SandboxLimits.MAX_HANDLER_THREADS,
                SandboxLimits.MAX_HANDLER_THREADS, 20, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("sandbox-http-"));
        threads.allowCoreThreadTimeOut(true);
        SandboxServer server = new SandboxServer(config, http, threads, queue, webhooks, deployments, storage, token,
                baseUri);
        http.createContext("/", new ApiHandler(answers, token, config, deployments, queue, storage));
        http.setExecutor(threads);
        http.start();
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
                Path temp = Files.createTempFile(portFile.toAbsolutePath().getParent(), ".port", ".tmp");
                Files.writeString(temp, port + "\n", StandardCharsets.US_ASCII);
                Files.move(temp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("could not remember the sandbox port in {}; the next start may get another URL", portFile, e);
            }
        }
        return server;
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
        http.stop(0);
        queue.close();
        webhooks.close();
        httpThreads.shutdownNow();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
