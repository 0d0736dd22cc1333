package app.comfydesk.ui.settings;

/** An account as edited in the dialog, together with its secrets (which are stored apart from it). */
public record AccountDraft(Account account, String token, String comfyOrgKey) {

    /** {@code account} with the fields a profile describes taken from {@code edited}; what only accounts know kept. */
    static Account merge(Account account, Profile edited) {
        return new Account(account.id(), edited.name(), edited.baseUrl(), edited.apiVersion(),
                account.deploymentIds(), edited.deploymentId(), edited.webhookUrl(), edited.webhookIntermediate(),
                edited.outputFolder(), edited.objectInfoPath(), account.boundFiles(), account.formerProfileIds(),
                false);
    }

    @Override
    public String toString() {
        return "AccountDraft[" + account.name() + ", token " + (token == null || token.isBlank() ? "absent"
                : "present") + "]";
    }
}
