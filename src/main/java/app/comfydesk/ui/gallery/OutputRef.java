package app.comfydesk.ui.gallery;

/** One stored output: output {@code index} of job {@code jobId}, the key ratings are kept under. */
public record OutputRef(long jobId, int index) {
}
