package app.comfydesk.ui.settings;

import app.comfydesk.jobs.ClientFactory;

/**
 * The engine's {@link ClientFactory} for the app: clients take their token from the active settings by the job's
 * profile id on every call, so a corrected token applies at once and no token is ever stored with a job.
 */
public final class ProfileClients {

    private ProfileClients() {
    }

    public static ClientFactory factory(SettingsService settings) {
        return ClientFactory.withTokens(profileId -> tokenFor(settings, profileId));
    }

    /**
     * The token for a job's profile id: its account's, also when the id is that of a profile merged into the account
     * ({@link AccountMigration}); the sandbox's is kept for the run under its own id.
     */
    public static String tokenFor(SettingsService settings, String profileId) {
        if (profileId == null) {
            return null;
        }
        String key = settings.current().account(profileId).map(Account::tokenKey)
                .orElse(Profile.tokenKeyFor(profileId));
        return settings.secret(key).orElse(null);
    }
}
