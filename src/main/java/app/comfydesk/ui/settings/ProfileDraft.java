package app.comfydesk.ui.settings;

/** A profile as edited in the dialog, together with its secrets (which are stored apart from it). */
public record ProfileDraft(Profile profile, String token, String comfyOrgKey) {

    @Override
    public String toString() {
        return "ProfileDraft[" + profile.name() + ", token " + (token == null ? "absent" : "present") + "]";
    }
}
