package app.comfydesk.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A scriptable RunComfy queue API for MockWebServer: records every request; submit hands out {@code req-1},
 * {@code req-2}...; status, result, cancel and delete answers come from replaceable functions.
 */
public final class FakeRunComfy extends Dispatcher {

    private static final Pattern PATH = Pattern.compile(
            "/prod/(v[12])/deployments/([^/]+)/(inference|requests/([^/]+)(/(status|result|cancel))?)");

    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    public final ConcurrentLinkedQueue<MockResponse> submitAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    /** Status answer for (request id, how many times it was polled before, 0-based). */
    public volatile BiFunction<String, Integer, MockResponse> status = (id, n) -> json("{\"request_id\":\"" + id
            + "\",\"status\":\"completed\"}");
    public volatile Function<String, MockResponse> result = id -> json("{\"request_id\":\"" + id
            + "\",\"status\":\"succeeded\",\"outputs\":{}}");
    public volatile Function<String, MockResponse> cancel = id -> json(202, "{\"request_id\":\"" + id
            + "\",\"status\":\"cancelled\",\"outcome\":\"cancelled\"}");
    public volatile Function<String, MockResponse> delete = id -> json("{\"request_id\":\"" + id
            + "\",\"status\":\"deleted\",\"deleted_objects\":3}");

    public static MockResponse json(String body) {
        return json(200, body);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** A status script: the n-th poll gets {@code states[min(n, last)]}; "in_queue:3" sets a queue position. */
    public static BiFunction<String, Integer, MockResponse> script(String... states) {
        return (id, n) -> {
            String s = states[Math.min(n, states.length - 1)];
            String[] parts = s.split(":");
            String pos = parts.length > 1 ? ",\"queue_position\":" + parts[1] : "";
            String instance = parts[0].equals("in_progress") ? ",\"instance_id\":\"inst-1\"" : "";
            return json("{\"request_id\":\"" + id + "\",\"status\":\"" + parts[0] + "\"" + pos + instance
                    + ",\"unknown_field\":{\"x\":1}}");
        };
    }

    public int count(String method, String pathPart) {
        return (int) requests.stream().filter(r -> r.getMethod().equals(method)
                && r.getUrl().encodedPath().contains(pathPart)).count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Matcher m = PATH.matcher(request.getUrl().encodedPath());
        if (!m.matches()) {
            return json(404, "{\"error_code\":\"NOT_FOUND\",\"message\":\"no such path\"}");
        }
        String id = m.group(4);
        String action = m.group(6);
        if ("inference".equals(m.group(3)) && request.getMethod().equals("POST")) {
            MockResponse scripted = submitAnswers.poll();
            if (scripted != null) {
                return scripted;
            }
            String rid = "req-" + nextId.incrementAndGet();
            return json("{\"request_id\":\"" + rid + "\",\"status_url\":\"x\",\"result_url\":\"y\"}");
        }
        if (action == null && request.getMethod().equals("DELETE")) {
            return delete.apply(id);
        }
        if ("status".equals(action)) {
            int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
            return status.apply(id, n);
        }
        if ("result".equals(action)) {
            return result.apply(id);
        }
        if ("cancel".equals(action) && request.getMethod().equals("POST")) {
            return cancel.apply(id);
        }
        return json(405, "{\"message\":\"method not allowed\"}");
    }
}
