package app.comfydesk.ui.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns version-1 profiles (one per deployment) into accounts without the user retyping anything: profiles with the
 * same base URL and the same token become one account whose known deployments are theirs. The account takes the id
 * of the group's first profile, so that profile's saved token and Comfy Org key serve it unchanged; the others' ids
 * are kept as {@link Account#formerProfileIds()}, so their jobs still find the token. A profile without a token
 * shares nothing and stays an account of its own.
 */
public final class AccountMigration {

    /** The accounts, which account is active, and secrets to copy (key → value) so that nothing is lost. */
    public record Result(List<Account> accounts, String activeId, Map<String, String> copiedSecrets) {
    }

    private AccountMigration() {
    }

    public static Result migrate(List<Profile> profiles, String activeProfileId,
            Function<String, Optional<String>> secrets) {
        Map<String, List<Profile>> groups = new LinkedHashMap<>();
        for (Profile profile : profiles) {
            String token = secrets.apply(profile.tokenKey()).orElse("");
            String key = token.isBlank() ? "\u0000" + profile.id()
                    : normalized(profile.baseUrl()) + "\u0000" + token;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(profile);
        }
        List<Account> accounts = new ArrayList<>();
        Map<String, String> copied = new LinkedHashMap<>();
        String activeId = activeProfileId;
        for (List<Profile> group : groups.values()) {
            Profile first = group.get(0);
            Profile chosen = group.stream().filter(p -> p.id().equals(activeProfileId)).findFirst().orElse(first);
            List<String> deployments = group.stream().map(Profile::deploymentId).toList();
            List<String> former = group.stream().skip(1).map(Profile::id).toList();
            boolean v2 = group.stream().anyMatch(p -> "v2".equals(p.apiVersion()));
            String objectInfo = group.stream().map(Profile::objectInfoPath).filter(p -> p != null).findFirst()
                    .orElse(null);
            Account account = new Account(first.id(), group.size() == 1 ? first.name() : commonName(group),
                    first.baseUrl(), v2 ? "v2" : "v1", deployments, chosen.deploymentId(), first.webhookUrl(),
                    first.webhookIntermediate(), first.outputFolder(), objectInfo, null, former, false);
            accounts.add(account);
            if (secrets.apply(account.comfyOrgKeyKey()).isEmpty()) {
                group.stream().skip(1).map(p -> secrets.apply(p.comfyOrgKeyKey())).flatMap(Optional::stream)
                        .findFirst().ifPresent(key -> copied.put(account.comfyOrgKeyKey(), key));
            }
            if (account.answersTo(activeProfileId)) {
                activeId = account.id();
            }
        }
        return new Result(List.copyOf(accounts), activeId, Map.copyOf(copied));
    }

    /** "Studio A" and "Studio B" give "Studio"; names with nothing in common give the first one's. */
    static String commonName(List<Profile> group) {
        String prefix = group.get(0).name();
        for (Profile p : group) {
            int i = 0;
            while (i < prefix.length() && i < p.name().length() && prefix.charAt(i) == p.name().charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        prefix = prefix.replaceAll("[\\s\\-_·:(]+$", "").strip();
        return prefix.length() >= 3 ? prefix : group.get(0).name();
    }

    private static String normalized(String baseUrl) {
        String base = baseUrl.strip().toLowerCase(java.util.Locale.ROOT);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
