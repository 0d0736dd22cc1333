package app.comfydesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs test code on the FX thread and waits for its result (failures are rethrown here). */
final class OnFx {

    private OnFx() {
    }

    static <T> T call(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(action));
    }

    static void run(Runnable action) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(action));
    }
}
