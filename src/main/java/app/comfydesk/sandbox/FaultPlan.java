package app.comfydesk.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Failures to inject into the sandbox's HTTP answers, for tests and benchmarks of retry and recovery logic.
 * Rules are tried in the order they were added; the first that matches a request decides its fault.
 * Thread-safe: tests add rules while the server runs.
 *
 * <pre>{@code
 * server.faults().next(2, "POST", "/inference$", Fault.tooManyRequests(Duration.ofSeconds(1)));
 * server.faults().next(1, null, "/status$", Fault.dropConnection());
 * }</pre>
 */
public final class FaultPlan {

    private final List<Rule> rules = new ArrayList<>();

    /**
     * The next {@code count} requests whose method equals {@code method} (any method when {@code null}) and whose
     * path contains a match of the regular expression {@code pathPattern} fail with {@code fault}.
     */
    public synchronized FaultPlan next(int count, String method, String pathPattern, Fault fault) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        rules.add(new Rule(method, Pattern.compile(pathPattern), fault, count, 0, null));
        return this;
    }

    /**
     * Every matching request fails with probability {@code probability}, drawn from a generator seeded with
     * {@code seed} so benchmark runs repeat.
     */
    public synchronized FaultPlan randomly(double probability, long seed, String method, String pathPattern,
                                           Fault fault) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1");
        }
        rules.add(new Rule(method, Pattern.compile(pathPattern), fault, -1, probability, new Random(seed)));
        return this;
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Whether any counted rule still has failures left to inject. */
    public synchronized boolean hasPending() {
        return rules.stream().anyMatch(r -> r.remaining > 0);
    }

    /** Consumes and returns the fault for this request, if a rule matches. */
    synchronized Optional<Fault> take(String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!rule.matches(method, path)) {
                continue;
            }
            if (rule.random != null) {
                if (rule.random.nextDouble() < rule.probability) {
                    return Optional.of(rule.fault);
                }
                continue;
            }
            if (--rule.remaining == 0) {
                it.remove();
            }
            return Optional.of(rule.fault);
        }
        return Optional.empty();
    }

    private static final class Rule {
        final String method;
        final Pattern path;
        final Fault fault;
        int remaining;
        final double probability;
        final Random random;

        Rule(String method, Pattern path, Fault fault, int remaining, double probability, Random random) {
            this.method = method;
            this.path = path;
            this.fault = fault;
            this.remaining = remaining;
            this.probability = probability;
            this.random = random;
        }

        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).find();
        }
    }
}
