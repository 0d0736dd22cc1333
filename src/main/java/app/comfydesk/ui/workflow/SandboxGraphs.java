package app.comfydesk.ui.workflow;

import app.comfydesk.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which deployment of the built-in sandbox runs which graph (node ids and class types, as
 * {@link PresetStore#fingerprint}), so the studio can send a shown workflow to the deployment that runs it.
 * FX thread only.
 */
final class SandboxGraphs {

    private final Map<String, String> byDeployment = new HashMap<>();
    private WorkflowDocument fingerprinted;
    private String fingerprint;

    void know(String deploymentId, Workflow graph) {
        byDeployment.put(deploymentId, PresetStore.fingerprint(graph));
    }

    /** The sandbox deployment that runs exactly this workflow's graph, if one is known (the first by id). */
    Optional<String> deploymentFor(WorkflowDocument document) {
        String graph = fingerprintOf(document);
        return byDeployment.entrySet().stream().filter(entry -> entry.getValue().equals(graph))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    /** The shown document's fingerprint is asked for on every profile switch: computed once per document. */
    private String fingerprintOf(WorkflowDocument document) {
        if (document != fingerprinted) {
            fingerprint = PresetStore.fingerprint(document.workflow());
            fingerprinted = document;
        }
        return fingerprint;
    }
}
