package dev.qstash.jakarta.tck.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds the implementation under test (qstash-jakarta-impl and what it bundles: jose4j, Jackson) to every TCK
 * deployment. An {@code ApplicationArchiveProcessor} is not called for {@code testable = false} deployments
 * (Arquillian's {@code DeploymentGenerator} applies them to testable ones only; see tck/README.md), so this observes
 * {@link BeforeDeploy}.
 */
public class ImplArchiveObserver {

    public void addImplementation(@Observes BeforeDeploy event) {
        Archive<?> archive = event.getDeployment().getArchive();
        if (!(archive instanceof WebArchive war)) {
            return;
        }
        String libs = System.getProperty("qstash.tck.impl.libs");
        if (libs == null) {
            throw new IllegalStateException("system property qstash.tck.impl.libs is not set");
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(libs), "*.jar")) {
            for (Path jar : jars) {
                war.addAsLibrary(new File(jar.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
