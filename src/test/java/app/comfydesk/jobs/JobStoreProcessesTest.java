package app.comfydesk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job database shared by processes that start at once: ten real JVMs (and ten threads with connections of their
 * own) opening a fresh home together all succeed; sqlite-jdbc's native library is unpacked once into the data
 * folder, never into the system temp folder, even by processes that are killed.
 */
class JobStoreProcessesTest {

    @TempDir
    Path dir;

    private Process launch(Path db, Path go, Path tmp, String... extra) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Xmx64m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                StoreOpenerMain.class.getName(), db.toString(), go.toString()));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    @Timeout(180)
    void tenProcessesOpeningAFreshHomeTogetherAllSucceed() throws Exception {
        Path db = dir.resolve("home/data/jobs.db");
        Path go = dir.resolve("go");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            processes.add(launch(db, go, tmp));
        }
        Files.createFile(go);
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            outputs.add(p.exitValue() + ": " + out.strip());
        }
        assertThat(outputs).as("exit code and output of each").allSatisfy(o -> assertThat(o).isEqualTo("0: ok"));
        try (JobStore store = JobStore.open(db)) {
            assertThat(store.count(JobQuery.all())).isEqualTo(10);
            assertThat(store.schemaVersion()).isEqualTo(JobStore.SCHEMA_VERSION);
        }
        // The native library: once, in the data folder; the system temp folder stays empty.
        assertThat(listAll(tmp)).isEmpty();
        assertThat(listAll(db.getParent().resolve("native"))).singleElement().asString()
                .matches(".*jdbc-[^/]+/libsqlitejdbc\\.(so|dylib|dll)|.*sqlitejdbc\\.dll");
    }

    @Test
    @Timeout(120)
    void aKilledProcessLeavesNoNativeLibraryBehind() throws Exception {
        Path db = dir.resolve("home/data/jobs.db");
        Path go = Files.createFile(dir.resolve("go"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        for (int round = 0; round < 2; round++) {
            Process p = launch(db, go, tmp, "hold");
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("ok");
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process clean = launch(db, go, tmp);
        String out = new String(clean.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(clean.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).as("no stack trace about the library").isEqualTo("ok");
        assertThat(listAll(tmp)).isEmpty();
        assertThat(listAll(db.getParent().resolve("native"))).hasSize(1);
    }

    @Test
    @Timeout(120)
    void tenConnectionsMigratingAFreshFileAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path db = dir.resolve("round" + round + "/jobs.db");
            CyclicBarrier start = new CyclicBarrier(10);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<Integer>> opened = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        try (JobStore store = JobStore.open(db)) {
                            return store.schemaVersion();
                        }
                    }));
                }
                for (Future<Integer> f : opened) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(JobStore.SCHEMA_VERSION);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> listAll(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()
                    .replace(File.separatorChar, '/')).toList();
        }
    }
}
