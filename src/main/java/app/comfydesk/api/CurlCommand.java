package app.comfydesk.api;

/**
 * "Copy as curl": a shell command equivalent to a submit. The token appears only as {@code $RUNCOMFY_TOKEN} and the
 * Comfy Org key as {@code $COMFY_ORG_API_KEY} — the rendered text never holds a secret.
 */
public final class CurlCommand {

    private CurlCommand() {
    }

    public static String of(ApiEndpoint endpoint, SubmitRequest request) {
        // The body as sent (the webhook rides in the query string), with secrets redacted.
        com.fasterxml.jackson.databind.node.ObjectNode redacted = request.toRedactedJson();
        redacted.remove(java.util.List.of("webhook", "webhook_intermediate_status"));
        String body = ApiJson.write(redacted).replace("'", "'\\''");
        if (request.hasComfyOrgApiKey()) {
            // Close the single quote so the shell expands the variable, then reopen it.
            body = body.replace("\"" + SubmitRequest.REDACTED + "\"", "\"'\"$COMFY_ORG_API_KEY\"'\"");
        }
        return "curl --request POST \\\n"
                + "  --url " + shellQuote(endpoint.inferenceUri() + request.webhookQuery()) + " \\\n"
                + "  --header \"Content-Type: application/json\" \\\n"
                + "  --header \"Authorization: Bearer $RUNCOMFY_TOKEN\" \\\n"
                + "  --data '" + body + "'";
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
