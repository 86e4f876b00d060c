package dev.hoist.core.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerRecogniserTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { " migrate:up|up|", " migrate:down|down|", "migrate:up|up|", "   migrate:down   |down|",
					" migrate:up transaction:false|up|transaction:false",
					" migrate:down transaction:true|down|transaction:true", " migrate:UP|up|" })
	void theMarkersAsWrittenTodayAreMarkers(String comment, String direction, String options) {
		MarkerRecogniser.Recognised recognised = MarkerRecogniser.recognise(comment);

		assertThat(recognised.kind()).isEqualTo(MarkerRecogniser.Kind.MARKER);
		assertThat(recognised.direction()).isEqualTo(direction);
		assertThat(recognised.options()).isEqualTo((options != null) ? options : "");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { " migrate-down|-- migrate:down", " migrate_up|-- migrate:up", " Migrate: Down|-- migrate:down",
					" MIGRATE:UP|-- migrate:up", " migrate:dwon|-- migrate:down", " migrate :up|-- migrate:up",
					" migrate : down|-- migrate:down", " migrate down|-- migrate:down", " migrate.up|-- migrate:up",
					" migrate=down|-- migrate:down", " migrate:donw|-- migrate:down", " migrate:dow|-- migrate:down",
					" migrate:u|-- migrate:up", " migrate:up;|-- migrate:up", " migrate:upp|-- migrate:up",
					" migarte:down|-- migrate:down", " mirgate:up|-- migrate:up", " migrte:down|-- migrate:down",
					" migrat:up|-- migrate:up", " migration:up|-- migrate:up", " migrations: down|-- migrate:down",
					" migrateup|-- migrate:up", " migratedown|-- migrate:down", " MigrateDown|-- migrate:down",
					"- migrate:down|-- migrate:down", " -migrate:up|-- migrate:up", " migrate up:|-- migrate:up",
					" migrate-down transaction:false|-- migrate:down transaction:false",
					" Migrate Up transaction:false|-- migrate:up transaction:false",
					" migrate_down  transaction = false|-- migrate:down transaction = false",
					" migrate:dwon transaction:false|-- migrate:down transaction:false", " +migrate Up|-- migrate:up",
					" +migrate Down|-- migrate:down", " +goose Up|-- migrate:up", " +goose Down|-- migrate:down" })
	void commentsMeantAsMarkersAreMisspelledWithTheIntendedSpelling(String comment, String intended) {
		MarkerRecogniser.Recognised recognised = MarkerRecogniser.recognise(comment);

		assertThat(recognised.kind()).as(comment).isEqualTo(MarkerRecogniser.Kind.MISSPELLED);
		assertThat(recognised.intended()).as(comment).isEqualTo(intended);
	}

	@ParameterizedTest
	@ValueSource(strings = { " +goose StatementBegin", " +goose StatementEnd", " +goose NO TRANSACTION",
			" +migrate StatementBegin" })
	void otherToolsDirectivesAreRefusedWithAdvice(String comment) {
		MarkerRecogniser.Recognised recognised = MarkerRecogniser.recognise(comment);

		assertThat(recognised.kind()).isEqualTo(MarkerRecogniser.Kind.MISSPELLED);
		assertThat(recognised.hint()).contains("Hoist does not read: delete the line").contains("transaction:false");
	}

	@ParameterizedTest
	@ValueSource(strings = { " migrate the data", " migrated from X", " Migrated from the old schema on 2024-01-01",
			" migrate up to 100 rows at a time", " migrate down the old table", " migrate: create the orders table",
			" migrate: update prices", " migration notes: none", " migrate_up_users", " migrate-data-from-old-table",
			" see migrate:up above", " TODO migrate:down later", " up", " down", " migrate", " migrate:",
			" integrate upstream", " emigrate down south", " mitigate up", "", " ", " -----------------",
			" 1. migrate up", " Migrations run in version order", " migrateable", " @formatter:off",
			" the down section undoes the up section" })
	void proseAndNearMissesAreComments(String comment) {
		MarkerRecogniser.Recognised recognised = MarkerRecogniser.recognise(comment);

		boolean prefixed = comment.strip().startsWith("migrate:");
		assertThat(recognised.kind()).as(comment)
			.isEqualTo(prefixed ? MarkerRecogniser.Kind.MISSPELLED : MarkerRecogniser.Kind.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { " hoist:todo Write the change here.", " HOIST:TODO", "hoist:todo" })
	void theScaffoldsPlaceholderIsRecognised(String comment) {
		assertThat(MarkerRecogniser.recognise(comment).kind()).isEqualTo(MarkerRecogniser.Kind.PLACEHOLDER);
	}

	@ParameterizedTest
	@CsvSource({ "migrate,migrate,0", "migarte,migrate,1", "migrte,migrate,1", "dwon,down,1", "do,down,2", "up,down,4",
			"kitten,sitting,3" })
	void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps(String a, String b, int distance) {
		assertThat(MarkerRecogniser.distance(a, b)).isEqualTo(distance);
		assertThat(MarkerRecogniser.distance(b, a)).isEqualTo(distance);
	}

}
