package app.comfydesk.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's "serverless storage": per request, {@code <home>/storage/<request id>/inputs/...} and
 * {@code .../outputs/<subfolder>/<filename>}. Each file is one storage object for the delete endpoint's count.
 */
final class Storage {

    private final Path root;

    Storage(Path home) {
        this.root = home.resolve("storage");
    }

    /** Requests live in memory, so files left by an earlier run belong to nobody: remove them. */
    void reset() throws IOException {
        deleteTree(root);
        Files.createDirectories(root);
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
