package dev.qstash.jakarta.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro serving one WAR from its own JVM: {@code java -Xmx768m -jar payara-micro.jar --deploy <war> --port
 * <port> --nocluster}, plus boot commands that bind HTTP to 127.0.0.1 and switch Hazelcast off (with
 * {@code --nocluster} alone it still listens on every interface), and phone home disabled. Closing it stops the
 * server, and so does the end of this JVM, should the benchmark be interrupted.
 */
final class PayaraMicro implements AutoCloseable {

    private final Process process;
    private final Thread stopOnExit;

    private PayaraMicro(Process process) {
        this.process = process;
        this.stopOnExit = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static PayaraMicro start(Path jar, Path war, Path bootCommands, int port, Path log) throws IOException {
        ProcessBuilder server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", jar.toString(), "--deploy", war.toString(), "--port", Integer.toString(port),
                "--nocluster", "--disablephonehome", "--prebootcommandfile", bootCommands.toString());
        // a QStash environment of whoever runs the benchmark must not replace the WAR's bench keys
        server.environment().keySet().removeIf(name -> name.contains("QSTASH_") || name.startsWith("UPSTASH_"));
        server.redirectErrorStream(true).redirectOutput(log.toFile());
        return new PayaraMicro(server.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The CPU time the server has used so far, all its threads (JIT compilers and GC included). */
    Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the server's CPU time is not known on this platform"));
    }

    /** Stops the server gracefully (it then removes its runtime directory), forcibly if that takes a minute. */
    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        process.destroy();
        try {
            if (process.waitFor(1, TimeUnit.MINUTES)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
