package app.comfydesk.api;

import app.comfydesk.workflow.ExactJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.Header;

/** How {@link ApiTransport} reads an HTTP answer of the API: its JSON, its error, its {@code Retry-After}. */
final class ApiAnswers {

    private ApiAnswers() {
    }

    /**
     * The parsed answer, or the {@link ApiException} it carries: any non-2xx status, and a RunComfy
     * {@code error_code} in any status (a 200 included). {@code exact}: read with {@link ExactJson}.
     */
    static <T> T interpret(SimpleHttpResponse response, Function<JsonNode, T> parser, boolean exact) {
        int code = response.getCode();
        String text = response.getBodyText();
        JsonNode body = null;
        if (text != null && !text.isBlank()) {
            try {
                body = exact ? ExactJson.parse(text) : ApiJson.mapper().readTree(text);
            } catch (IOException e) {
                body = null;
            }
        }
        if (code < 200 || code >= 300) {
            throw httpError(code, body, text);
        }
        if (body == null || !body.isContainerNode()) {
            throw new ApiException(code, null, "the server's answer is not a JSON object", null, null);
        }
        JsonNode errorCode = body.get("error_code");
        if (errorCode != null && !errorCode.isNull() && !errorCode.asText().isBlank()) {
            throw httpError(code, body, text);
        }
        return parser.apply(body);
    }

    private static ApiException httpError(int code, JsonNode body, String text) {
        String errorCode = null;
        String message = null;
        JsonNode detail = null;
        if (body != null && body.isObject()) {
            errorCode = ApiJson.text(body, "error_code");
            message = ApiJson.text(body, "message");
            detail = body.get("detail");
            if (message == null) {
                message = ApiJson.text(body, "error_message");
            }
            if (message == null) {
                message = ResultResponse.describeError(body.get("error"));
            }
            if (detail != null && detail.isArray() && !detail.isEmpty()) {
                // 422001 names what it refused: say which inputs (callers get them as ErrorDetail too).
                String named = String.join("; ", ErrorDetail.parse(detail).stream().map(ErrorDetail::describe)
                        .toList());
                message = message == null ? named : message + " (" + named + ")";
            }
            if (message == null && detail != null) {
                message = ResultResponse.describeError(detail);
            }
        } else if (text != null && !text.isBlank() && text.length() < 300 && !text.trim().startsWith("<")) {
            message = text.trim();
        }
        return new ApiException(code, errorCode, message, detail == null || detail.isNull() ? null : detail, null);
    }

    /** The server's {@code Retry-After} (seconds or an HTTP date), or null. */
    static Duration retryAfter(SimpleHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
