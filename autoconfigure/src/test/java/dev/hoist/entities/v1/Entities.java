package dev.hoist.entities.v1;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/**
 * Version 1: two entities, an identity and a sequence id, an enum, a decimal.
 */
public final class Entities {

	private Entities() {
	}

	public enum Status {

		ACTIVE, BLOCKED

	}

	@Entity(name = "Customer")
	public static class Customer {

		@Id
		@GeneratedValue(strategy = GenerationType.IDENTITY)
		Long id;

		@Column(nullable = false, length = 100)
		String name;

		@Enumerated(EnumType.STRING)
		Status status;

	}

	@Entity(name = "Product")
	public static class Product {

		@Id
		@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq")
		@SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 20)
		Long id;

		@Column(nullable = false)
		String sku;

		@Column(precision = 10, scale = 2)
		BigDecimal price;

	}

}
