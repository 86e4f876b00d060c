package dev.hoist.entities.rejected;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A mapping Hibernate rejects: a relation to a class that is not an entity.
 */
public final class Entities {

	private Entities() {
	}

	public static class NotAnEntity {

	}

	@Entity(name = "Broken")
	public static class Broken {

		@Id
		Long id;

		@ManyToOne
		NotAnEntity target;

	}

}
