package app.comfydesk.ui.workflow;

/**
 * Which deployment a document stands for. A document loaded from a deployment's stored workflow knows it
 * ({@link #storedWorkflowKnown()}); a local file bound to a deployment of a server that only speaks the v1 queue
 * does not, and overrides are measured against the file.
 *
 * @param accountId       the account (profile) id the deployment belongs to
 * @param name            the deployment's name, or its id when the server gave none
 * @param workflowVersion the stored workflow's version, or null when unknown
 * @param defaultsApplied how many inputs the deployment's default overrides set as starting values
 */
public record DeploymentOrigin(String accountId, String deploymentId, String name, String workflowVersion,
        boolean storedWorkflowKnown, int defaultsApplied) {

    /** "Deployment: name (vversion)", the document's title. */
    public String title() {
        return "Deployment: " + name + (workflowVersion == null ? "" : " (v" + shortVersion(workflowVersion) + ")");
    }

    /** A version as people read it: a leading "v" and hash prefixes dropped, long hashes cut to 8 characters. */
    public static String shortVersion(String version) {
        String v = version.strip();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        int dash = v.indexOf('-');
        if (dash > 0 && v.substring(0, dash).matches("(?i)sha\\d*|md5")) {
            v = v.substring(dash + 1);
        }
        return v.length() > 12 ? v.substring(0, 8) : v;
    }

    /** What the UI says about the baseline overrides are measured against. */
    public String baselineNote(String fileName) {
        return storedWorkflowKnown
                ? "Overrides are measured against the stored workflow of deployment " + name + "."
                : "The stored workflow of deployment " + deploymentId + " is unknown (the server only speaks the v1 "
                        + "queue): overrides are measured against " + fileName + ".";
    }
}
