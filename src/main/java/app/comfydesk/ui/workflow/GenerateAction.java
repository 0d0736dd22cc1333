package app.comfydesk.ui.workflow;

import app.comfydesk.ui.common.MessageBar;
import app.comfydesk.ui.settings.Profile;
import app.comfydesk.ui.settings.ProfilesViewModel;

/**
 * Generate: submits the form's batch, or says why it cannot yet. The "Cannot generate yet" banner then follows
 * validation until it is fixed or another message replaces it. Holds no Node.
 */
final class GenerateAction {

    private final WorkflowFormModel form;
    private final SubmitModel submit;
    private final ProfilesViewModel profiles;
    private final StudioSession session;
    private final StudioFeedback feedback;
    private String shownBlockedReason;

    GenerateAction(WorkflowFormModel form, SubmitModel submit, ProfilesViewModel profiles, StudioSession session,
            StudioFeedback feedback) {
        this.form = form;
        this.submit = submit;
        this.profiles = profiles;
        this.session = session;
        this.feedback = feedback;
        submit.blockedReasonProperty().addListener((obs, old, now) -> followBlockedReason(now));
    }

    void generate() {
        String blocked = submit.getBlockedReason();
        if (blocked != null) {
            showBlockedReason();
            return;
        }
        if (submit.submittingProperty().get()) {
            return; // the shortcut while a batch is still being sent: the button is disabled for the same reason
        }
        int runs = submit.batchProperty().get();
        feedback.status(runs == 1 ? "Submitting…" : "Submitting " + runs + " jobs…");
        WorkflowDocument sent = form.getDocument();
        Profile target = profiles.getActive();
        submit.submit(outcome -> {
            if (!outcome.accepted().isEmpty()) {
                session.runNotes().ranOn(sent, target);
            }
            if (outcome.failures().isEmpty()) {
                feedback.status(outcome.accepted().size() == 1 ? "Job submitted: "
                        + outcome.accepted().get(0).requestId() : outcome.accepted().size() + " jobs submitted");
                feedback.clearMessage();
            } else {
                feedback.status(outcome.accepted().size() + " of " + (outcome.accepted().size()
                        + outcome.failures().size()) + " jobs submitted");
                feedback.show(MessageBar.Kind.ERROR, outcome.failures().size() == 1
                        ? "The job was not submitted" : outcome.failures().size() + " jobs were not submitted",
                        String.join(" · ", outcome.failures().stream().distinct().toList()));
            }
        }, error -> {
            feedback.status("Not submitted"); // not "Submitting…" forever
            feedback.show(MessageBar.Kind.ERROR, "Not submitted", error.message());
        });
    }

    void showBlockedReason() {
        String reason = submit.getBlockedReason();
        if (reason != null) {
            feedback.show(MessageBar.Kind.WARNING, "Cannot generate yet", reason);
            shownBlockedReason = reason;
        }
    }

    /** The "Cannot generate yet" banner follows validation: it updates as problems change and goes once fixed. */
    private void followBlockedReason(String now) {
        if (shownBlockedReason == null) {
            return;
        }
        if (!shownBlockedReason.equals(feedback.currentMessage())) {
            shownBlockedReason = null; // another message replaced it; leave that one alone
            return;
        }
        if (now == null) {
            shownBlockedReason = null;
            feedback.clearMessage();
        } else {
            showBlockedReason();
        }
    }
}
