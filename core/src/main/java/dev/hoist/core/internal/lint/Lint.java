package dev.hoist.core.internal.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.hoist.core.internal.Checksums;
import dev.hoist.core.lint.Finding;
import org.jspecify.annotations.Nullable;

/**
 * The static migration-safety rules' entry point: lint migration files in the order they
 * apply.
 */
public final class Lint {

	private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::script)
		.thenComparingInt(Finding::line)
		.thenComparing(Finding::rule);

	private static final Pattern SIDE_EFFECTS = Pattern
		.compile("(?i)\\b(pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_promote"
				+ "|pg_switch_wal|pg_create_[a-z_]*replication_slot|pg_drop_replication_slot|pg_replication_origin_[a-z_]*"
				+ "|lo_import|lo_export|pg_file_write|pg_file_unlink|pg_file_rename|pg_read_file|pg_read_binary_file"
				+ "|dblink[a-z_]*|pg_logical_emit_message)\\s*\\(");

	private Lint() {
	}

	/**
	 * Lint migration files.
	 * @param files the files in the order they apply (what one file creates or validates
	 * informs the files after it)
	 * @param options what is known about the target
	 * @return the findings, suppressed ones included, sorted by file (in the given order)
	 * then line
	 */
	public static List<Finding> run(List<LintFile> files, LintOptions options) {
		Linter linter = new Linter(options);
		Map<String, Integer> order = new HashMap<>();
		for (LintFile file : files) {
			linter.lint(file.script(), Checksums.normalize(file.text()));
			order.putIfAbsent(file.script(), order.size());
		}
		List<Finding> findings = new ArrayList<>(linter.findings());
		findings.sort(Comparator.comparingInt((Finding finding) -> order.get(finding.script())).thenComparing(ORDER));
		return findings;
	}

	/**
	 * Return whether a rule's finding holds its lock for as long as a scan or a rewrite
	 * of the relation takes, blocking writes (or reads) meanwhile: the findings whose
	 * harm grows with the relation's size.
	 * @param ruleId the rule id
	 * @return whether the lock lasts as long as the table is big
	 */
	public static boolean holdsLockWhileScanning(String ruleId) {
		Rule rule = Rule.byId(ruleId);
		return rule != null && rule.scansUnderLock();
	}

	/**
	 * Read what a plan needs to know about one statement before it runs it on a shadow
	 * database: the lock PostgreSQL's documentation gives for it, whether it empties a
	 * table, opens or ends a transaction, and whether it acts outside the database it
	 * runs in (on roles, databases, tablespaces, files of the server, other servers),
	 * which a shadow database on the live server must never do.
	 * @param sql the statement
	 * @return its shape
	 */
	public static StatementShape shape(String sql) {
		List<Token> tokens = new ArrayList<>();
		for (Token token : SqlLexer.tokenize(sql, 1)) {
			if (token.kind() != Token.Kind.COMMENT) {
				tokens.add(token);
			}
		}
		Statement statement = StatementParser.parse(sql, tokens);
		Linter.LockTaken lock = Linter.lockOf(statement);
		return new StatementShape((lock != null) ? lock.relation().toString() : null,
				(lock != null) ? lock.level().sql() : null, statement instanceof Statement.Truncate,
				(statement instanceof Statement.Transaction transaction) ? transaction.begin() : null,
				outsideDatabase(tokens, sql));
	}

	private static @Nullable String outsideDatabase(List<Token> tokens, String sql) {
		List<String> words = new ArrayList<>();
		boolean on = false;
		for (Token token : tokens) {
			if (token.kind() == Token.Kind.WORD) {
				if (words.size() < 4) {
					words.add(token.value());
				}
				on |= token.is("on");
			}
		}
		String first = words.isEmpty() ? "" : words.get(0);
		String second = (words.size() > 1) ? words.get(1) : "";
		String third = (words.size() > 2) ? words.get(2) : "";
		if ((first.equals("create") || first.equals("alter") || first.equals("drop"))
				&& (second.equals("role") || (second.equals("user") && !third.equals("mapping"))
						|| second.equals("group") || second.equals("database") || second.equals("tablespace")
						|| second.equals("subscription") || second.equals("system"))) {
			return second.equals("system") ? "it changes the server's configuration"
					: "it acts on a " + ((second.equals("user") || second.equals("group")) ? "role" : second)
							+ ", which belongs to the whole server";
		}
		if ((first.equals("grant") || first.equals("revoke")) && !on) {
			return "it changes role membership, which belongs to the whole server";
		}
		if ((first.equals("comment") || first.equals("security")) && on
				&& (sql.matches("(?is).*\\bon\\s+(role|database|tablespace)\\b.*"))) {
			return "it acts on a role, database or tablespace, which belong to the whole server";
		}
		if (first.equals("reassign") || (first.equals("drop") && second.equals("owned"))) {
			return "it changes objects of the whole server owned by a role";
		}
		if (first.equals("copy")
				&& tokens.stream().anyMatch((token) -> token.kind() == Token.Kind.STRING || token.is("program"))) {
			return "it reads or writes a file or program on the server";
		}
		if (first.equals("import") || first.equals("checkpoint") || first.equals("load")) {
			return "it reaches outside the database";
		}
		if (SIDE_EFFECTS.matcher(sql).find()) {
			return "it calls a function whose effect reaches outside the database (other sessions, files,"
					+ " replication, other servers)";
		}
		return null;
	}

	/**
	 * Lint migration files on disk, read as UTF-8.
	 * @param paths the files in the order they apply
	 * @param options what is known about the target
	 * @return the findings
	 */
	public static List<Finding> paths(List<Path> paths, LintOptions options) {
		List<LintFile> files = new ArrayList<>();
		for (Path path : paths) {
			try {
				files.add(new LintFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read migration file " + path + ": " + ex.getMessage(), ex);
			}
		}
		return run(files, options);
	}

	/**
	 * What a plan needs to know about a statement before it runs it.
	 *
	 * @param relation the relation it locks, as written, or {@code null}
	 * @param lockMode the lock PostgreSQL's documentation gives for it, or {@code null}
	 * @param empties whether it empties a table ({@code TRUNCATE}): a new file node then
	 * means no rewrite
	 * @param begins {@code true} for {@code BEGIN}, {@code false} for {@code COMMIT} or
	 * {@code ROLLBACK}, {@code null} for anything else
	 * @param outsideDatabase why it acts outside the database it runs in, or {@code null}
	 */
	public record StatementShape(@Nullable String relation, @Nullable String lockMode, boolean empties,
			@Nullable Boolean begins, @Nullable String outsideDatabase) {

	}

	/**
	 * A migration file to lint.
	 *
	 * @param script the file's location, as findings name it
	 * @param text its text
	 */
	public record LintFile(String script, String text) {

	}

}
