package dev.hoist.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseAddressTests {

	@Test
	void readsHostPortAndDatabaseButNoOtherParameters() {
		DatabaseAddress address = DatabaseAddress.fromJdbcUrl(
				"jdbc:postgresql://db.example.com:6543/orders?sslmode=require&password=secret", "app", "DATABASE_URL");
		assertThat(address).isEqualTo(new DatabaseAddress("db.example.com", 6543, "orders", "app", "DATABASE_URL"));
		assertThat(address.describe()).isEqualTo("app@db.example.com:6543/orders (DATABASE_URL)");
	}

	@Test
	void defaultsThePortAndTakesTheUserFromTheUrl() {
		assertThat(DatabaseAddress.fromJdbcUrl("jdbc:postgresql://db/orders?user=owner", null, "x"))
			.isEqualTo(new DatabaseAddress("db", 5432, "orders", "owner", "x"));
	}

	@Test
	void readsIpv6AndSeveralHosts() {
		assertThat(DatabaseAddress.fromJdbcUrl("jdbc:postgresql://[::1]:5433/orders", null, "x").describe())
			.isEqualTo("[::1]:5433/orders (x)");
		assertThat(DatabaseAddress.fromJdbcUrl("jdbc:postgresql://a:5432,b:5433/orders", null, "x").describe())
			.isEqualTo("a:5432,b:5433/orders (x)");
	}

	@Test
	void readsTheShortFormAsLocalhost() {
		assertThat(DatabaseAddress.fromJdbcUrl("jdbc:postgresql:orders", "app", "x"))
			.isEqualTo(new DatabaseAddress("localhost", 5432, "orders", "app", "x"));
	}

	@Test
	void readsAPostgresUrlWithoutThePassword() {
		DatabaseAddress address = DatabaseAddress.fromJdbcUrl("postgres://ecomdash:s3cret@db.example.com/ecomdash",
				null, "DATABASE_URL from .env.local");
		assertThat(address.describe())
			.isEqualTo("ecomdash@db.example.com:5432/ecomdash (DATABASE_URL from .env.local)");
	}

	@Test
	void keepsOtherUrlsUnread() {
		assertThat(DatabaseAddress.fromJdbcUrl("jdbc:h2:mem:x", null, "x").describe()).isEqualTo("? (x)");
	}

}
