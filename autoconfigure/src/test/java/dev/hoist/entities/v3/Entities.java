package dev.hoist.entities.v3;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Version 3: a many-to-many join table, an element collection, an embedded value,
 * {@code @Index} and {@code @UniqueConstraint} in {@code @Table}, and column changes:
 * length, precision and scale, unique, nullable.
 */
public final class Entities {

	private Entities() {
	}

	public enum Status {

		ACTIVE, BLOCKED, CLOSED

	}

	@Embeddable
	public static class Address {

		String street;

		@Column(length = 80)
		String city;

	}

	@Entity(name = "Customer")
	public static class Customer {

		@Id
		@GeneratedValue(strategy = GenerationType.IDENTITY)
		Long id;

		@Column(nullable = false, length = 200)
		String name;

		@Enumerated(EnumType.STRING)
		Status status;

		String nickname;

		@Column(nullable = false)
		@ColumnDefault("0")
		int loyaltyPoints;

		@Column(nullable = false)
		String country;

		@Embedded
		Address address;

		@ElementCollection
		@CollectionTable(name = "customer_email")
		@Column(name = "email", nullable = false)
		Set<String> emails;

		@OneToMany(mappedBy = "customer")
		List<PurchaseOrder> orders;

	}

	@Entity(name = "Tag")
	public static class Tag {

		@Id
		@GeneratedValue(strategy = GenerationType.IDENTITY)
		Long id;

		@Column(nullable = false, unique = true, length = 40)
		String label;

	}

	@Entity(name = "Product")
	@Table(indexes = @Index(name = "product_price_idx", columnList = "price"),
			uniqueConstraints = @UniqueConstraint(name = "product_name_per_brand", columnNames = { "brand", "name" }))
	public static class Product {

		@Id
		@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq")
		@SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 20)
		Long id;

		@Column(nullable = false, unique = true)
		String sku;

		@Column(precision = 12, scale = 3)
		BigDecimal price;

		String brand;

		String name;

		@ManyToMany
		Set<Tag> tags;

	}

	@Entity(name = "PurchaseOrder")
	@Table(name = "purchase_order")
	public static class PurchaseOrder {

		@Id
		@GeneratedValue
		UUID id;

		@ManyToOne(optional = false)
		Customer customer;

		@Column(nullable = false)
		Instant createdAt;

		OffsetDateTime shippedAt;

		@Column(precision = 12, scale = 2, nullable = false)
		BigDecimal total;

		@JdbcTypeCode(SqlTypes.JSON)
		Map<String, Object> attributes;

		@Lob
		String notes;

		@Version
		long version;

	}

}
