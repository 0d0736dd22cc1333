package app.comfydesk.ui.gallery;

import app.comfydesk.jobs.OutputMark;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One downloaded output as the gallery shows it.
 *
 * <p>Identity is the file, job, index and caption: {@code mark} is what the store said when the item was read, so a
 * re-read after a rating is still the same item (selection and scroll stay put); the gallery keeps the live marks
 * ({@link GalleryViewModel#markOf}).
 *
 * @param file  where the output lies on disk
 * @param jobId the local id of the job that produced it (0 when unknown)
 * @param label a short caption, e.g. "#42 · seed 1234" or the file name
 * @param index the output's index within its job ({@code job_outputs.idx}), -1 when not from a job
 * @param mark  its stars and pick when read
 */
public record OutputItem(Path file, long jobId, String label, int index, OutputMark mark) {

    public OutputItem {
        Objects.requireNonNull(file, "file");
        label = label == null || label.isBlank() ? String.valueOf(file.getFileName()) : label;
        mark = mark == null ? OutputMark.NONE : mark;
    }

    public OutputItem(Path file, long jobId, String label) {
        this(file, jobId, label, -1, OutputMark.NONE);
    }

    public static OutputItem of(Path file) {
        return new OutputItem(file, 0, null);
    }

    /** Which stored output this is: only outputs of a job (with an index) can be rated. */
    public OutputRef ref() {
        return new OutputRef(jobId, index);
    }

    public boolean rateable() {
        return jobId > 0 && index >= 0;
    }

    public MediaKind kind() {
        return MediaKind.of(file);
    }

    public String fileName() {
        return String.valueOf(file.getFileName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutputItem item && item.jobId == jobId && item.index == index
                && item.file.equals(file) && item.label.equals(label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, jobId, label, index);
    }
}
