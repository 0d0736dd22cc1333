package app.comfydesk.ui.jobs;

import app.comfydesk.api.ApiException;
import app.comfydesk.api.ApiVersion;
import app.comfydesk.api.Balance;
import app.comfydesk.api.ClientTimeouts;
import app.comfydesk.api.Delayer;
import app.comfydesk.api.DeploymentsApi;
import app.comfydesk.api.RetryPolicy;
import app.comfydesk.ui.common.BackgroundExecutor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The account's balance for the status bar: read in the background when the account changes and after jobs end,
 * "balance $12.34" (exact, rounded down to the cent for display only). A 10001 ("balance too low") from a submit
 * marks the funds low (a positive balance can still be too low for the hardware), and the status bar offers the
 * top-up page until a higher balance is read.
 */
public final class BalanceModel {

    /** RunComfy's page where the balance is topped up. */
    public static final String TOP_UP_URL = "https://www.runcomfy.com/profile";
    /** How long one balance call may take; the status bar keeps the last figure meanwhile. */
    public static final int FETCH_TIMEOUT_SECONDS = 20;

    /** Reads the balance of the account at {@code baseUrl}; runs on a worker thread. */
    @FunctionalInterface
    public interface Fetcher {
        Balance fetch(String baseUrl, String token) throws Exception;
    }

    private final BackgroundExecutor executor;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyBooleanWrapper lowFunds = new ReadOnlyBooleanWrapper(this, "lowFunds");
    private final javafx.beans.property.ReadOnlyObjectWrapper<Balance> amount =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "amount");
    private final ObjectProperty<Consumer<String>> openUri = new SimpleObjectProperty<>(this, "openUri");
    private Fetcher fetcher = BalanceModel::overHttp;
    private String baseUrl;
    private String token;
    private long generation;
    /** The amount last read when a 10001 came: the link stays until a higher one (a top-up) is read. */
    private BigDecimal lowAt;
    private BigDecimal last;

    public BalanceModel(BackgroundExecutor executor) {
        this.executor = executor;
    }

    /** Tests keep to loopback with a fetcher of their own. */
    public void setFetcher(Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /** "balance $12.34", or empty while unknown. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The tooltip: the exact amount, or why it is not shown. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The balance last read for the active account, or null while unknown (the sweep's cost line shows it). */
    public javafx.beans.property.ReadOnlyObjectProperty<Balance> amountProperty() {
        return amount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lowFundsProperty() {
        return lowFunds.getReadOnlyProperty();
    }

    /** Opens the top-up page (the app sets the desktop's browser). */
    public ObjectProperty<Consumer<String>> openUriProperty() {
        return openUri;
    }

    public void topUp() {
        Consumer<String> open = openUri.get();
        if (open != null) {
            open.accept(TOP_UP_URL);
        }
    }

    /** Follows the active account (FX thread); null base URL clears the figure. */
    public void follow(String accountBaseUrl, String accountToken) {
        boolean same = Objects.equals(accountBaseUrl, baseUrl) && Objects.equals(accountToken, token);
        baseUrl = accountBaseUrl;
        token = accountToken;
        if (!same) {
            text.set("");
            lowFunds.set(false);
            lowAt = null;
            last = null;
            amount.set(null);
        }
        refresh();
    }

    /** A call answered 10001: the balance is too low to run jobs. */
    public void noteInsufficientFunds() {
        lowFunds.set(true);
        lowAt = last == null ? BigDecimal.ZERO : last;
        refresh();
    }

    /** Reads the balance again in the background (after jobs end, on demand). */
    public void refresh() {
        long ticket = ++generation;
        String url = baseUrl;
        String secret = token;
        if (url == null || url.isBlank()) {
            text.set("");
            detail.set("");
            amount.set(null);
            return;
        }
        Fetcher using = fetcher;
        executor.submit(() -> using.fetch(url, secret)).onSuccess(balance -> {
            if (ticket != generation) {
                return;
            }
            text.set("balance " + shown(balance));
            detail.set("RunComfy balance: " + balance.amount().toPlainString() + " " + balance.currency());
            last = balance.amount();
            amount.set(balance);
            if (balance.amount().signum() <= 0) {
                lowFunds.set(true);
            } else if (lowFunds.get() && (lowAt == null || balance.amount().compareTo(lowAt) > 0)) {
                lowFunds.set(false);   // topped up since the 10001
                lowAt = null;
            }
        }).onError(error -> {
            if (ticket == generation) {
                // A server without a balance (v1 only) simply shows none; the reason is in the tooltip.
                text.set("");
                detail.set("Balance unavailable: " + error.message());
                amount.set(null);
            }
        });
    }

    /** "$12.34" or "12.34 EUR": the one way the app shows an amount (the sweep's cost line too). */
    public static String shown(Balance balance) {
        BigDecimal cents = balance.amount().setScale(2, RoundingMode.DOWN);
        return "USD".equalsIgnoreCase(balance.currency()) ? "$" + cents.toPlainString()
                : cents.toPlainString() + " " + balance.currency();
    }

    public static Balance overHttp(String baseUrl, String token) throws Exception {
        try (DeploymentsApi api = DeploymentsApi.open(URI.create(baseUrl.strip()), ApiVersion.V2, () -> token,
                RetryPolicy.none(), ClientTimeouts.defaults(), Delayer.system(), null)) {
            try {
                return api.balance().get(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof ApiException api2 ? api2 : e;
            }
        }
    }
}
