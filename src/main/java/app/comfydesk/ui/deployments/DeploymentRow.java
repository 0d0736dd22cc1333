package app.comfydesk.ui.deployments;

import app.comfydesk.api.Deployment;
import app.comfydesk.api.RunComfyErrorCode;
import java.util.Locale;

/**
 * One line of the deployments browser, from what the server said about a deployment. {@link #disabledReason()} is
 * why it cannot run jobs now (null when it can): disabled rows are shown greyed with it.
 */
public record DeploymentRow(String id, String name, String status, Boolean enabled, String hardware,
        String workflowVersion, String updatedAt, String disabledReason) {

    static DeploymentRow of(Deployment d) {
        String name = d.name() == null || d.name().isBlank() ? d.id() : d.name();
        String reason = null;
        if (Boolean.FALSE.equals(d.enabled())) {
            reason = capitalized(RunComfyErrorCode.DEPLOYMENT_DISABLED.sentence()) + ".";
        } else if (d.status() != null && d.status().toLowerCase(Locale.ROOT).contains("delet")) {
            reason = capitalized(RunComfyErrorCode.DEPLOYMENT_DELETED.sentence()) + ".";
        }
        return new DeploymentRow(d.id(), name, d.status(), d.enabled(), d.hardware(), d.workflowVersion(),
                d.updatedAt(), reason);
    }

    /** A deployment id typed for a server that cannot list deployments: nothing else is known. */
    static DeploymentRow typed(String id) {
        return new DeploymentRow(id, id, null, null, null, null, null, null);
    }

    public boolean usable() {
        return disabledReason == null;
    }

    /** "id · status · enabled · hardware · v… · updated …", leaving out what the server did not say. */
    public String details() {
        StringBuilder b = new StringBuilder(id);
        if (status != null) {
            b.append(" · ").append(status);
        }
        if (enabled != null && !(enabled ? "enabled" : "disabled").equalsIgnoreCase(status)) {
            b.append(" · ").append(enabled ? "enabled" : "disabled");
        }
        if (hardware != null) {
            b.append(" · ").append(hardware);
        }
        if (workflowVersion != null) {
            b.append(" · v").append(app.comfydesk.ui.workflow.DeploymentOrigin.shortVersion(workflowVersion));
        }
        if (updatedAt != null) {
            b.append(" · updated ").append(readableTime(updatedAt));
        }
        return b.toString();
    }

    /** Whether the search text (any case) is in the name, id, status or hardware. */
    boolean matches(String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String s = search.strip().toLowerCase(Locale.ROOT);
        return contains(name, s) || contains(id, s) || contains(status, s) || contains(hardware, s);
    }

    private static boolean contains(String field, String s) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(s);
    }

    /**
     * A server time in local time, to the minute: "2026-03-01T10:20:30.123Z", with an offset, or naive UTC as
     * RunComfy sends it ("2025-07-22T13:05:16.143086"); anything else as sent.
     */
    static String readableTime(String iso) {
        java.time.Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (java.time.DateTimeException withoutOffset) {
            try {
                instant = java.time.LocalDateTime.parse(iso).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                return iso;
            }
        }
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.systemDefault()).format(instant);
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
