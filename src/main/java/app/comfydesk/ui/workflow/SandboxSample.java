package app.comfydesk.ui.workflow;

import java.util.Arrays;
import java.util.Optional;

/** The sandbox's built-in samples; each has a deployment of the same id in the sandbox. */
public enum SandboxSample {
    TEXT_TO_IMAGE("Text to image", "sample-txt2img"),
    IMAGE_EDIT("Image edit", "sample-image-edit");

    private static final String MARKER = "sample:";
    private final String title;
    private final String deploymentId;

    SandboxSample(String title, String deploymentId) {
        this.title = title;
        this.deploymentId = deploymentId;
    }

    public String title() {
        return title;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public String fileName() {
        return deploymentId + ".json";
    }

    public String resource() {
        return "/assets/workflows/" + fileName();
    }

    /** What "last workflow" stores for a sample, since it has no file path. */
    public String marker() {
        return MARKER + deploymentId;
    }

    public static Optional<SandboxSample> fromMarker(String last) {
        return Arrays.stream(values()).filter(s -> s.marker().equals(last)).findFirst();
    }
}
