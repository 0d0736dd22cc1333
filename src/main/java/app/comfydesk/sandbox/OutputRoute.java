package app.comfydesk.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code GET /outputs/{request id}/...}: the hosted output files (public, like RunComfy's storage links). */
final class OutputRoute {

    private final Storage storage;
    private final SandboxConfig config;

    OutputRoute(Storage storage, SandboxConfig config) {
        this.storage = storage;
        this.config = config;
    }

    static boolean matches(List<String> s) {
        return s.size() >= 3 && s.get(0).equals("outputs");
    }

    HttpAnswer answer(String method, List<String> s) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return HttpAnswer.notAllowed(method, "GET");
        }
        // Segments are decoded: each must be one plain name, so "%2F" or "..%2F" cannot walk out of the storage.
        boolean plain = s.subList(1, s.size()).stream().allMatch(n -> SandboxLimits.nameProblem(n).isEmpty());
        String requestId = s.get(1);
        String relative = String.join("/", s.subList(2, s.size()));
        Optional<Path> file = plain ? storage.output(requestId, relative) : Optional.empty();
        if (file.isEmpty()) {
            return HttpAnswer.notFound("output_not_found", "This output does not exist or is no longer hosted",
                    "Hosted outputs are removed " + config.retention().toDays()
                            + " day(s) after a request finishes, or when the request is deleted.");
        }
        String name = file.get().getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "application/octet-stream";
        return new HttpAnswer(200, type, Files.readAllBytes(file.get()), Map.of("Cache-Control", "no-store"));
    }
}
