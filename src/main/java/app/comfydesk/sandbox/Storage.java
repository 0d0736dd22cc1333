package app.comfydesk.sandbox;

import app.comfydesk.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's "serverless storage": per request, {@code <root>/<request id>/request.json} (the request itself),
 * {@code inputs/...} and {@code outputs/<subfolder>/<filename>}; each input or output file is one storage object
 * for the delete endpoint's count.
 *
 * <p>Each running server owns {@code <home>/storage/<instance>/}, locked while it runs, so two sandboxes sharing a
 * home (the app's and a command-line one) never touch each other's requests. A server that starts adopts the
 * requests of servers that are gone (their lock is free): that is how requests outlive a restart.
 */
final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private static final String LOCK_FILE = ".lock";
    private static final String RECORD = "request.json";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    Storage(Path home, String instance) throws IOException {
        Path all = home.resolve("storage");
        this.root = all.resolve(instance);
        Files.createDirectories(root);
        this.lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        this.lock = lockChannel.lock();
        adoptAbandoned(all);
    }

    private void adoptAbandoned(Path all) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(all)) {
            folders = list.filter(Files::isDirectory).filter(p -> !p.equals(root)).toList();
        }
        for (Path folder : folders) {
            if (!isAbandoned(folder)) {
                continue;
            }
            try (Stream<Path> requests = Files.list(folder)) {
                for (Path request : requests.filter(Files::isDirectory).toList()) {
                    Path target = root.resolve(request.getFileName().toString());
                    if (Files.isRegularFile(request.resolve(RECORD)) && !Files.exists(target)) {
                        try {
                            Files.move(request, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            LOG.debug("another sandbox adopted {} first", request, e);
                        }
                    }
                }
                deleteTree(folder);
            } catch (IOException e) {
                LOG.debug("another sandbox is adopting {}", folder, e);
            }
        }
    }

    private static boolean isAbandoned(Path folder) throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock held = channel.tryLock()) {
            return held != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by another server in this process
        }
    }

    /** The stored requests, oldest first as far as their files tell; unreadable ones are skipped and logged. */
    List<ObjectNode> records() throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path dir : list.filter(Files::isDirectory).toList()) {
                Path file = dir.resolve(RECORD);
                if (!Files.isRegularFile(file)) {
                    deleteTree(dir);
                    continue;
                }
                try {
                    JsonNode json = SandboxJson.read(file);
                    if (json instanceof ObjectNode o && o.hasNonNull("request_id") && o.hasNonNull("workflow")) {
                        records.add(o);
                    }
                } catch (IOException e) {
                    LOG.warn("skipping unreadable sandbox request {}: {}", file, e.getMessage());
                }
            }
        }
        return records;
    }

    void writeRecord(String requestId, ObjectNode record) throws IOException {
        write(root.resolve(requestId).resolve(RECORD), SandboxJson.bytes(record));
    }

    void writeOutput(String requestId, String subfolder, String filename, byte[] content) throws IOException {
        write(outputsOf(requestId).resolve(subfolder).resolve(filename), content);
    }

    void writeInput(String requestId, String filename, byte[] content) throws IOException {
        Path folder = root.resolve(requestId).resolve("inputs");
        Files.createDirectories(folder);
        String safe = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = folder.resolve(safe);
        for (int n = 2; Files.exists(target); n++) {
            target = folder.resolve(n + "_" + safe);
        }
        write(target, content);
    }

    /** A stored output file, or empty when it never existed, was purged or escapes the request's folder. */
    Optional<Path> output(String requestId, String relativePath) {
        Path outputs = outputsOf(requestId).toAbsolutePath().normalize();
        Path file = outputs.resolve(relativePath).normalize();
        if (!file.startsWith(outputs) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // The real path settles links: whatever the names say, only a file inside this server's storage root
            // (and that request's outputs) is served.
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !real.startsWith(outputs.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes every input and output of a request (its record stays); returns how many files were removed. */
    int purge(String requestId) throws IOException {
        Path dir = root.resolve(requestId);
        return deleteTree(dir.resolve("inputs")) + deleteTree(dir.resolve("outputs"));
    }

    /** Removes a request's outputs only (a run cancelled half way keeps no partial results). */
    void purgeOutputs(String requestId) throws IOException {
        deleteTree(outputsOf(requestId));
    }

    /** Releases this server's folder; its requests stay for the next server on this home to adopt. */
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    private Path outputsOf(String requestId) {
        return root.resolve(requestId).resolve("outputs");
    }

    private static void write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }

    private static int deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        AtomicInteger files = new AtomicInteger();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                files.incrementAndGet();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
        return files.get();
    }
}
