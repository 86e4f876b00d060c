package dev.hoist.autoconfigure;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity on the table that the shop migrations create, for
 * {@code spring.jpa.hibernate.ddl-auto=validate}.
 */
@Entity
@Table(name = "shops")
public class Shop {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String domain;

	private String name;

	protected Shop() {
	}

	Shop(String domain, String name) {
		this.domain = domain;
		this.name = name;
	}

	Long getId() {
		return this.id;
	}

	String getDomain() {
		return this.domain;
	}

	String getName() {
		return this.name;
	}

}
