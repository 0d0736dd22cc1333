package app.comfydesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Issue 16 item 7: which failures are logged as one line (expected) and which keep their stack trace. */
class ExpectedErrorsTest {

    static final class FormatProblem extends RuntimeException {
        FormatProblem(String message) {
            super(message);
        }
    }

    static final class BrokenStore extends RuntimeException {
    }

    @Test
    void userFixableErrorsAreExpectedAndBugsAreNot() {
        ErrorMessages errors = new ErrorMessages().register(FormatProblem.class, Throwable::getMessage)
                .register(BrokenStore.class, e -> "store broken", false);
        assertThat(errors.isExpected(new CompletionException(new FormatProblem("a UI-format file")))).isTrue();
        assertThat(errors.isExpected(new UserFacingException("say it", null))).isTrue();
        assertThat(errors.isExpected(new NoSuchFileException("gone.json"))).isTrue();
        assertThat(errors.isExpected(new BrokenStore())).isFalse();
        assertThat(errors.isExpected(new NullPointerException())).isFalse();
    }
}
