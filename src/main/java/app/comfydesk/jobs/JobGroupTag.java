package app.comfydesk.jobs;

import java.util.Objects;

/**
 * The sweep group a job is submitted into: the group's id and what the job's {@code group_json} holds (the group,
 * the sweep's definition and the job's cell; no secrets). Stored with the job in the same insert, so no reader ever
 * sees a member of a sweep outside its group.
 */
public record JobGroupTag(String groupId, String json) {

    public JobGroupTag {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(json, "json");
    }
}
