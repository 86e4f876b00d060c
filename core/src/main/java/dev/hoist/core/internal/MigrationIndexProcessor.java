package dev.hoist.core.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import org.jspecify.annotations.Nullable;

/**
 * Writes the {@link MigrationIndex} of the build's resources while it compiles, so that a
 * plain {@code mvn package} puts the index in the artifact: javac finds this processor on
 * the classpath (through {@code META-INF/services}) with no configuration on JDK 17 to 22
 * when the build names no processor path. Maven copies resources into the class output
 * before compiling, so the index describes exactly what the jar will hold; an index made
 * stale by a later resource change is detected at startup and not used.
 * <p>
 * Option {@code -Ahoist.index.resources=DIR}: index that directory instead of the class
 * output (Gradle, whose resources are not in the class output when Java compiles: pass
 * {@code src/main/resources}). Never fails the build: a problem is reported as a warning
 * and the artifact simply has no index.
 */
public final class MigrationIndexProcessor extends AbstractProcessor {

	/** The option naming the directories to index. */
	public static final String RESOURCES_OPTION = "hoist.index.resources";

	private boolean written;

	@Override
	public Set<String> getSupportedAnnotationTypes() {
		// every compilation, whatever its annotations: the index is about resources
		return Set.of("*");
	}

	@Override
	public Set<String> getSupportedOptions() {
		return Set.of(RESOURCES_OPTION);
	}

	@Override
	public SourceVersion getSupportedSourceVersion() {
		return SourceVersion.latestSupported();
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
		if (this.written) {
			return false;
		}
		this.written = true;
		try {
			FileObject index = this.processingEnv.getFiler()
				.createResource(StandardLocation.CLASS_OUTPUT, "", MigrationIndex.RESOURCE);
			URI uri = index.toUri();
			if (!"file".equals(uri.getScheme())) {
				note(Diagnostic.Kind.NOTE, "the class output is not a directory (" + uri + "); no index written");
				return false;
			}
			Path indexFile = Path.of(uri);
			Path classes = classesRoot(indexFile);
			if (classes == null) {
				note(Diagnostic.Kind.NOTE, "javac has no class output directory (-d), so there is no build to index");
				return false;
			}
			String option = this.processingEnv.getOptions().get(RESOURCES_OPTION);
			int files = 0;
			if (option != null && !option.isBlank()) {
				files = writeFromDirectories(option, indexFile);
			}
			else {
				files = MigrationIndex.write(classes, indexFile);
			}
			if (files > 0) {
				note(Diagnostic.Kind.NOTE, "indexed " + files + " migration files in " + MigrationIndex.RESOURCE);
			}
		}
		catch (IOException | RuntimeException ex) {
			note(Diagnostic.Kind.WARNING, "could not write the migration index (" + ex
					+ "); the artifact has none, so each start reads and checksums every migration file");
		}
		return false;
	}

	/**
	 * The root of the classes the index describes, or {@code null} when the index would
	 * not lie at its place under one. javac without {@code -d} puts a resource in the
	 * current directory by its last name only, and three parents up from there is a
	 * filesystem root, not a build's classes.
	 * @param indexFile where javac would write the index
	 * @return the classes' root, or {@code null}
	 */
	static @Nullable Path classesRoot(Path indexFile) {
		Path resource = Path.of(MigrationIndex.RESOURCE);
		if (!indexFile.endsWith(resource) || indexFile.getNameCount() <= resource.getNameCount()) {
			return null;
		}
		Path root = indexFile;
		for (int i = 0; i < resource.getNameCount(); i++) {
			root = root.getParent();
		}
		return root;
	}

	private int writeFromDirectories(String option, Path indexFile) throws IOException {
		String[] directories = option.split(File.pathSeparator);
		if (directories.length != 1) {
			throw new IOException("-A" + RESOURCES_OPTION + " takes one directory, the resources root; got " + option);
		}
		return MigrationIndex.write(Path.of(directories[0].strip()), indexFile);
	}

	private void note(Diagnostic.Kind kind, String message) {
		this.processingEnv.getMessager().printMessage(kind, "Hoist: " + message);
	}

}
