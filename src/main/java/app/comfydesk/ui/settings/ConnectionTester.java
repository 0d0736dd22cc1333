package app.comfydesk.ui.settings;

/**
 * A cheap authenticated call against a profile ("Test connection"). Blocking; run it through the background
 * executor. Returns a sentence for the user on success and throws with a user-facing message on failure.
 */
@FunctionalInterface
public interface ConnectionTester {

    String test(Profile profile, String token) throws Exception;
}
