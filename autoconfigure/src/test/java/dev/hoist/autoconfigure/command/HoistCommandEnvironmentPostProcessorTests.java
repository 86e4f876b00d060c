package dev.hoist.autoconfigure.command;

import dev.hoist.core.HoistException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HoistCommandEnvironmentPostProcessorTests {

	private final HoistCommandEnvironmentPostProcessor postProcessor = new HoistCommandEnvironmentPostProcessor(
			new DeferredLogs());

	@AfterEach
	void restore() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		CommandOutput.restore();
	}

	@Test
	void aCommandStartsNoWebServerAndNothingElseTouchesTheSchema() {
		MockEnvironment environment = new MockEnvironment().withProperty("hoist.command", "status");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
		assertThat(environment.getProperty("spring.jpa.properties.hibernate.hbm2ddl.auto")).isEqualTo("none");
		assertThat(environment.getProperty("spring.sql.init.mode")).isEqualTo("never");
		assertThat(environment.getProperty("spring.main.banner-mode")).isNull();
	}

	@Test
	void withoutACommandNothingChanges() {
		MockEnvironment environment = new MockEnvironment();

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(HoistCommandEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void jsonModeTurnsTheBannerOff() {
		MockEnvironment environment = new MockEnvironment().withProperty("hoist.command", "status")
			.withProperty("hoist.json", "true");

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
	}

	@Test
	void onTheJvmACommandRunsWithoutTheAheadOfTimeGeneratedContext() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();

		this.postProcessor.postProcessEnvironment(new MockEnvironment().withProperty("hoist.command", "status"),
				new SpringApplication());

		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
	}

	@Test
	void inANativeImageACommandIsRefusedNamingWhatToRunInstead() {
		assertThatExceptionOfType(HoistException.class)
			.isThrownBy(() -> this.postProcessor.runWithoutGeneratedContext(true))
			.withMessageContaining("native image")
			.withMessageContaining("CLI jar");
	}

}
