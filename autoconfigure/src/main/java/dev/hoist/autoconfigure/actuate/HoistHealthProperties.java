package dev.hoist.autoconfigure.actuate;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for how health, info and the migrations endpoint read the
 * schema's status.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("hoist.health")
public class HoistHealthProperties {

	/**
	 * How long a status read may take before health reports the database as not answering
	 * (DOWN). Keep it below the probe's own timeout.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * How long a status read is reused, so that frequent probes cost the database one
	 * query per period.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration cacheTime = Duration.ofSeconds(5);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTime() {
		return this.cacheTime;
	}

	public void setCacheTime(Duration cacheTime) {
		this.cacheTime = cacheTime;
	}

}
