package dev.hoist.starter.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * An entity on the table the migrations create.
 */
@Entity
@Table(name = "shops")
public class Shop {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private String domain = "";

	private String name = "";

	protected Shop() {
	}

	Shop(String domain, String name) {
		this.domain = domain;
		this.name = name;
	}

	@Nullable Long getId() {
		return this.id;
	}

	String getDomain() {
		return this.domain;
	}

	String getName() {
		return this.name;
	}

}
