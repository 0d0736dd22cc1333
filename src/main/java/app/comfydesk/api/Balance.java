package app.comfydesk.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** {@code GET /prod/v2/balance}: the account's balance, exact, and its currency (USD when not said). */
public record Balance(BigDecimal amount, String currency, JsonNode raw) {

    static Balance from(JsonNode json) {
        JsonNode v = json.get("balance_usd");
        if (v == null || v.isNull()) {
            v = json.get("balance");
        }
        BigDecimal amount;
        try {
            amount = v == null || v.isNull() ? null : v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            throw new ApiException(200, null, "the balance answer holds no balance_usd", null, null);
        }
        String currency = ApiJson.text(json, "currency");
        return new Balance(amount, currency == null ? "USD" : currency, json);
    }
}
