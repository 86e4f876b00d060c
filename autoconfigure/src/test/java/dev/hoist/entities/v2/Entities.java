package dev.hoist.entities.v2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Version 2: a new entity with UUID, Instant, OffsetDateTime, BigDecimal, JSON, a lob and
 * a version, related many-to-one (and one-to-many back); new nullable and non-null fields
 * with and without a default; an enum gains a value.
 */
public final class Entities {

	private Entities() {
	}

	public enum Status {

		ACTIVE, BLOCKED, CLOSED

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

		String nickname;

		@Column(nullable = false)
		@ColumnDefault("0")
		int loyaltyPoints;

		@Column(nullable = false)
		String country;

		@OneToMany(mappedBy = "customer")
		List<PurchaseOrder> orders;

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

		@Column(precision = 12, scale = 2)
		BigDecimal total;

		@JdbcTypeCode(SqlTypes.JSON)
		Map<String, Object> attributes;

		@Lob
		String notes;

		@Version
		long version;

	}

}
