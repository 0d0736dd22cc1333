package app.comfydesk.jobs;

import java.nio.file.Path;

/**
 * One output of a job: where the server hosts it, what it called it, and where it was saved ({@code localPath}
 * is absolute and inside the job's output folder; planned before the download, so it is set even while
 * {@link OutputState#PENDING}). {@code bytes} is the saved size (0 until saved); {@code error} says why it failed.
 * {@code mark} is the user's rating and pick, as last read (the store writes marks only through
 * {@link OutputRatings}, so a download finishing never undoes a rating).
 */
public record JobOutput(int index, String nodeId, String kind, String url, String filename, String subfolder,
                        Path localPath, long bytes, OutputState state, String error, OutputMark mark) {

    public JobOutput {
        mark = mark == null ? OutputMark.NONE : mark;
    }

    public JobOutput(int index, String nodeId, String kind, String url, String filename, String subfolder,
                     Path localPath, long bytes, OutputState state, String error) {
        this(index, nodeId, kind, url, filename, subfolder, localPath, bytes, state, error, OutputMark.NONE);
    }

    public JobOutput withState(OutputState newState, long newBytes, String newError) {
        return new JobOutput(index, nodeId, kind, url, filename, subfolder, localPath, newBytes, newState, newError,
                mark);
    }
}
