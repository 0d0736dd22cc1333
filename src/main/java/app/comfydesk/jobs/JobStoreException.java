package app.comfydesk.jobs;

/** The job database could not be read or written; the message names the file and the reason. */
public class JobStoreException extends RuntimeException {
    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
