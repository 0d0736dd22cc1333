package app.comfydesk.jobs;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the engine turns a failed call into an {@link ApiException} and into the error JSON it stores. */
final class EngineErrors {

    private static final Logger LOG = LoggerFactory.getLogger(EngineErrors.class);

    private EngineErrors() {
    }

    /** The {@link ApiException} under a future's wrapping; anything else is logged and reported as a network error. */
    static ApiException apiException(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ApiException e) {
            return e;
        }
        LOG.warn("Unexpected failure", c);
        return ApiException.network("an unexpected problem occurred (details are in the log)", c);
    }

    static ObjectNode errorJson(ApiException e) {
        ObjectNode node = ApiJson.object();
        if (e.httpStatus() > 0) {
            node.put("http_status", e.httpStatus());
        }
        if (e.errorCode() != null) {
            node.put("error_code", e.errorCode());
        }
        node.put("message", e.userMessage());
        if (e.detail() != null) {
            node.set("detail", e.detail());
        }
        return node;
    }
}
