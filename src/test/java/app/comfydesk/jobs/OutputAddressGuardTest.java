package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputAddressGuardTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.20",
        "169.254.169.254", "fe80::1", "fd12:3456::1", "100.64.0.1", "0.0.0.0", "::", "224.0.0.1"})
    void addressesOfThisComputerAndPrivateNetworksAreRefused(String literal) throws Exception {
        assertThat(new OutputAddressGuard(false).allowed(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "104.18.1.1", "2606:4700::1111"})
    void publicAddressesPass(String literal) throws Exception {
        assertThat(new OutputAddressGuard(false).allowed(InetAddress.getByName(literal))).isTrue();
    }

    @Test
    void withTheApiOnLoopbackOnlyLoopbackIsAllowedToo() throws Exception {
        OutputAddressGuard guard = new OutputAddressGuard(true);
        assertThat(guard.allowed(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(guard.allowed(InetAddress.getByName("::1"))).isTrue();
        assertThat(guard.allowed(InetAddress.getByName("192.168.1.20"))).isFalse();
        assertThat(guard.allowed(InetAddress.getByName("169.254.169.254"))).isFalse();
    }

    @Test
    void aNameIsJudgedByTheAddressItResolvesTo() {
        assertThatThrownBy(() -> new OutputAddressGuard(false).resolve("localhost"))
                .isInstanceOf(OutputAddressGuard.Refused.class).hasMessageContaining("private network");
    }

    @Test
    void anOutputOnThisComputerIsNeverFetchedWhenTheApiIsElsewhereAndIsWhenItIsHere() throws Exception {
        try (MockWebServer host = new MockWebServer();
             OutputDownloader downloader = new OutputDownloader(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
                     Duration.ofMillis(1), 2, 1 << 20)) {
            host.start(InetAddress.getLoopbackAddress(), 0);
            host.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b.png").build());
            host.enqueue(new MockResponse.Builder().code(200).body("PNG").build());
            String url = "http://127.0.0.1:" + host.getPort() + "/a.png";

            OutputDownloader.Result refused = downloader.download(url, dir.resolve("a.png"), false, false);
            assertThat(refused.state()).isEqualTo(OutputState.FAILED);
            assertThat(refused.retryLater()).isFalse();
            assertThat(refused.error()).contains("127.0.0.1").contains("private network");
            assertThat(host.getRequestCount()).as("not one byte asked of this computer").isZero();
            assertThat(dir.resolve("a.png")).doesNotExist();

            OutputDownloader.Result saved = downloader.download(url, dir.resolve("a.png"), false, true);
            assertThat(saved.state()).isEqualTo(OutputState.SAVED);
            assertThat(Files.readString(dir.resolve("a.png"))).isEqualTo("PNG");
        }
    }
}
