package app.comfydesk.ui.gallery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One downloaded output as the gallery shows it.
 *
 * @param file  where the output lies on disk
 * @param jobId the local id of the job that produced it (0 when unknown)
 * @param label a short caption, e.g. "#42 · seed 1234" or the file name
 */
public record OutputItem(Path file, long jobId, String label) {

    public OutputItem {
        Objects.requireNonNull(file, "file");
        label = label == null || label.isBlank() ? String.valueOf(file.getFileName()) : label;
    }

    public static OutputItem of(Path file) {
        return new OutputItem(file, 0, null);
    }

    public MediaKind kind() {
        return MediaKind.of(file);
    }

    public String fileName() {
        return String.valueOf(file.getFileName());
    }
}
