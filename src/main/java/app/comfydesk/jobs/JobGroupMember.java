package app.comfydesk.jobs;

/** One job of a sweep group as stored: its id, status, and the group and cell it belongs to (JSON text). */
public record JobGroupMember(long jobId, JobStatus status, String groupJson) {
}
