package app.comfydesk.ui.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Maps exceptions to {@link UserFacingError}s. Layers register a mapper for their own exception types in the
 * composition root (e.g. the workflow model's format exception, the API's {@code userMessage()}); anything
 * unknown becomes a short sentence naming the kind of failure, never a stack trace.
 */
public final class ErrorMessages {

    private record Mapper<E extends Throwable>(Class<E> type, Function<? super E, String> message,
                                               boolean expected) {
        Optional<String> apply(Throwable error) {
            return type.isInstance(error) ? Optional.ofNullable(message.apply(type.cast(error))) : Optional.empty();
        }
    }

    private final List<Mapper<?>> mappers = new ArrayList<>();

    /** Mappers registered later win over earlier ones and over the built-in defaults. */
    public <E extends Throwable> ErrorMessages register(Class<E> type, Function<? super E, String> message) {
        return register(type, message, true);
    }

    /** @param expected false for a failure worth a stack trace in the log (a broken database, say) */
    public <E extends Throwable> ErrorMessages register(Class<E> type, Function<? super E, String> message,
                                                       boolean expected) {
        mappers.add(0, new Mapper<>(type, message, expected));
        return this;
    }

    public UserFacingError toUserError(Throwable error) {
        Throwable root = unwrap(error);
        for (Mapper<?> mapper : mappers) {
            Optional<String> message = mapper.apply(root);
            if (message.isPresent()) {
                return new UserFacingError(message.get(), root);
            }
        }
        return new UserFacingError(defaultMessage(root), root);
    }

    /**
     * Whether the error is one the user can cause and fix (a registered layer's exception, a missing file, an
     * unreachable host): logged as one line, while anything else keeps its stack trace for a bug report.
     */
    public boolean isExpected(Throwable error) {
        Throwable root = unwrap(error);
        var mapper = mappers.stream().filter(m -> m.type().isInstance(root)).findFirst();
        if (mapper.isPresent()) {
            return mapper.get().expected();
        }
        return root instanceof UserFacingException || root instanceof NoSuchFileException
                || root instanceof FileNotFoundException || root instanceof AccessDeniedException
                || root instanceof UnknownHostException || root instanceof ConnectException
                || root instanceof HttpTimeoutException || root instanceof java.net.SocketTimeoutException
                || root instanceof CancellationException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException
                || (current instanceof UncheckedIOException && current.getCause() != null))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String defaultMessage(Throwable error) {
        if (error instanceof UserFacingException) {
            return error.getMessage();
        }
        if (error instanceof NoSuchFileException || error instanceof FileNotFoundException) {
            return "File not found: " + error.getMessage() + ". Check that it still exists.";
        }
        if (error instanceof AccessDeniedException) {
            return "Access denied: " + error.getMessage() + ". Check the file's permissions.";
        }
        if (error instanceof UnknownHostException) {
            return "Unknown host " + error.getMessage() + ". Check the base URL and your network connection.";
        }
        if (error instanceof ConnectException) {
            return "Could not connect to the server. Check the base URL and that the server is running.";
        }
        if (error instanceof HttpTimeoutException || error instanceof java.net.SocketTimeoutException) {
            return "The server did not answer in time. Try again later.";
        }
        if (error instanceof CancellationException) {
            return "Cancelled.";
        }
        if (error instanceof IOException) {
            return "Input/output error: " + describe(error);
        }
        if (error instanceof OutOfMemoryError) {
            return "Not enough memory for this operation.";
        }
        return "Unexpected error (" + error.getClass().getSimpleName() + ")"
                + (error.getMessage() == null ? "." : ": " + error.getMessage());
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
