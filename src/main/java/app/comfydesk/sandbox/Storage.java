package app.comfydesk.sandbox;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The sandbox's "serverless storage": per request, {@code <home>/storage/<request id>/inputs/...} and
 * {@code .../outputs/<subfolder>/<filename>}. Each file is one storage object for the delete endpoint's count.
 */
final class Storage implements AutoCloseable {

    private static final String LOCK_FILE = ".lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /**
     * Each running server stores under its own {@code <home>/storage/<instance>/}, locked while it runs, so two
     * sandboxes sharing a home (the app's and a command-line one) never purge each other's files. Requests live in
     * memory, so folders left by servers that are gone belong to nobody and are removed.
     */
    Storage(Path home, String instance) throws IOException {
        Path all = home.resolve("storage");
        Files.createDirectories(all);
        removeAbandoned(all);
        this.root = all.resolve(instance);
        Files.createDirectories(root);
        this.lockChannel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        this.lock = lockChannel.lock();
    }

    private static void removeAbandoned(Path all) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(all)) {
            folders = list.filter(Files::isDirectory).toList();
        }
        for (Path folder : folders) {
            Path lockFile = folder.resolve(LOCK_FILE);
            boolean abandoned;
            if (!Files.exists(lockFile)) {
                abandoned = true;
            } else {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                     FileLock held = channel.tryLock()) {
                    abandoned = held != null;
                } catch (OverlappingFileLockException e) {
                    abandoned = false; // held by another server in this process
                }
            }
            if (abandoned) {
                deleteTree(folder);
            }
        }
    }

    /** Releases the lock and removes this server's files: its requests end with it. */
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
        deleteTree(root);
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
        return Optional.of(file);
    }

    /** Removes every input and output of a request; returns how many files were removed. */
    int purge(String requestId) throws IOException {
        return deleteTree(root.resolve(requestId));
    }

    /** Removes a request's outputs only (a run cancelled half way keeps no partial results). */
    void purgeOutputs(String requestId) throws IOException {
        deleteTree(outputsOf(requestId));
    }

    private Path outputsOf(String requestId) {
        return root.resolve(requestId).resolve("outputs");
    }

    private static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".part", ".tmp");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
