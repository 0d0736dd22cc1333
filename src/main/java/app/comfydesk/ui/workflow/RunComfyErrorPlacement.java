package app.comfydesk.ui.workflow;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.RunComfyErrorCode;
import app.comfydesk.workflow.InputRef;
import java.util.function.Consumer;

/**
 * Puts a RunComfy error where it belongs: 422001 entries on the form inputs they name, 10002/10003 on the
 * deployment (its stored workflow is read again, so the status bar says disabled or gone), and every code to the
 * listener (10001: the balance).
 */
final class RunComfyErrorPlacement {

    private RunComfyErrorPlacement() {
    }

    static void place(ApiException error, WorkflowFormModel form, DeploymentBaseline baseline,
            Consumer<RunComfyErrorCode> listener) {
        RunComfyErrorCode code = error.runComfyCode().orElse(null);
        if (code == null) {
            return;
        }
        switch (code) {
            case INVALID_REQUEST -> error.details().forEach(detail -> {
                if (detail.nodeId() != null && detail.input() != null) {
                    form.field(new InputRef(detail.nodeId(), detail.input()))
                            .ifPresent(field -> field.showServerProblem("RunComfy refused this value (422001): "
                                    + detail.message()));
                }
            });
            case DEPLOYMENT_DISABLED, DEPLOYMENT_DELETED -> baseline.refresh();
            default -> { }
        }
        if (listener != null) {
            listener.accept(code);
        }
    }
}
