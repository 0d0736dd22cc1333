package app.comfydesk.jobs;

import java.nio.file.Path;

/**
 * One output of a job: where the server hosts it, what it called it, and where it was saved ({@code localPath}
 * is absolute and inside the job's output folder; planned before the download, so it is set even while
 * {@link OutputState#PENDING}). {@code bytes} is the saved size (0 until saved); {@code error} says why it failed.
 */
public record JobOutput(int index, String nodeId, String kind, String url, String filename, String subfolder,
                        Path localPath, long bytes, OutputState state, String error) {

    public JobOutput withState(OutputState newState, long newBytes, String newError) {
        return new JobOutput(index, nodeId, kind, url, filename, subfolder, localPath, newBytes, newState, newError);
    }
}
