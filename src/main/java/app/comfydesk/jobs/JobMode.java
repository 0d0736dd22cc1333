package app.comfydesk.jobs;

/** How the job was submitted: overrides on the deployment's saved workflow, or a whole workflow (dynamic). */
public enum JobMode {
    OVERRIDES, DYNAMIC
}
