package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;

/**
 * Which deployment, at which stored workflow version, a local file was last run on (kept in {@link FileDeployments})
 * and what the studio says when that, or a preset's version, differs from the active deployment's today.
 */
final class DeploymentRunNotes {

    private final WorkflowFormModel form;
    private final SubmitModel submit;
    private final ProfilesViewModel profiles;
    private final StudioFeedback feedback;
    private FileDeployments fileDeployments;

    DeploymentRunNotes(WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles,
            StudioFeedback feedback) {
        this.form = form;
        this.submit = submit;
        this.profiles = profiles;
        this.feedback = feedback;
    }

    /** Remembers which deployment each local file was last run on (see {@link FileDeployments}); set once. */
    void rememberIn(FileDeployments memory) {
        this.fileDeployments = memory;
        submit.baseline().stateProperty().addListener((obs, old, now) -> noteFileChangedSince());
    }

    /** After jobs of {@code sent} were accepted on {@code target}: remember the deployment for its file. */
    void ranOn(WorkflowDocument sent, Profile target) {
        if (fileDeployments != null && target != null) {
            fileDeployments.remember(sent.source(), target.deploymentId(), knownVersion(target.deploymentId()));
        }
    }

    /** " · last run on deployment X" when a local file was last run on another deployment than the active one. */
    String lastRunNote(WorkflowDocument document) {
        if (fileDeployments == null || document.source() == null) {
            return "";
        }
        String active = profiles.getActive() == null ? null : profiles.getActive().deploymentId();
        return fileDeployments.lastDeployment(document.source()).filter(last -> !last.equals(active))
                .map(last -> " · last run on deployment " + last).orElse("");
    }

    /** The active profile's deployment's stored workflow version when the baseline knows it, else null. */
    String activeKnownVersion() {
        return profiles.getActive() == null ? null : knownVersion(profiles.getActive().deploymentId());
    }

    /** The active deployment's stored workflow version when the baseline knows it for {@code deploymentId}. */
    private String knownVersion(String deploymentId) {
        return submit.baseline().getState() instanceof DeploymentBaseline.Known known
                && known.deploymentId().equals(deploymentId) ? known.version() : null;
    }

    /**
     * Says that {@code what} (a preset, a file's last run) was made against workflow version {@code then} of the
     * active deployment, which stores {@code now} today; nothing when either is unknown or they agree.
     */
    void changedSince(String what, String then, String now) {
        if (then != null && now != null && !then.equals(now)) {
            feedback.show(MessageBar.Kind.WARNING, "The deployment has changed since",
                    what + " was made against workflow " + DeploymentBaseline.versionLabel(then)
                            + " of this deployment; it now stores " + DeploymentBaseline.versionLabel(now)
                            + ". Check the values before you generate.");
        }
    }

    /** When the baseline becomes known for a local file last run on this deployment at another version: say so. */
    private void noteFileChangedSince() {
        WorkflowDocument document = form.getDocument();
        Profile active = profiles.getActive();
        if (fileDeployments == null || document == null || document.source() == null || active == null) {
            return;
        }
        fileDeployments.lastRun(document.source()).filter(run -> run.deploymentId().equals(active.deploymentId()))
                .ifPresent(run -> changedSince(document.displayName() + " (last run)", run.workflowVersion(),
                        knownVersion(active.deploymentId())));
    }
}
