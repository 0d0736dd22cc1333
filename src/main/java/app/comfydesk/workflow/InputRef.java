package app.comfydesk.workflow;

import java.util.Objects;

/** The address of one node input everywhere: edits, validation problems, presets, seeds. */
public record InputRef(String nodeId, String key) {

    public InputRef {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(key, "key");
    }

    /** {@code 6.text}: the short form the command line and logs use. */
    @Override
    public String toString() {
        return nodeId + "." + key;
    }
}
