package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's spaces. Creating a space creates its root and trash folders and the customer's usage
 * row in one transaction. The default vault is created the first time the customer's storage is
 * used, so every customer has one without a job touching every account.
 */
@Repository
public class Spaces {

	static final String ROOT_NAME = "";

	static final String TRASH_NAME = ".trash";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final StorageProperties properties;

	private final Clock clock;

	private final Usage usage;

	private final ReadOnlyStorage readOnly;

	Spaces(JdbcClient jdbc, TransactionTemplate transactions, StorageProperties properties, Usage usage, Clock clock,
			ReadOnlyStorage readOnly) {
		this.readOnly = readOnly;
		this.usage = usage;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	public Optional<Space> find(AccountId account, String name) {
		if (!Space.isValidName(name)) {
			return Optional.empty();
		}
		var found = jdbc.sql("select * from storage_spaces where account_id = ? and name = ?")
			.params(account.value(), name)
			.query(Spaces::map)
			.optional();
		if (found.isEmpty() && Space.DEFAULT_VAULT.equals(name)) {
			return Optional.of(ensureVault(account));
		}
		return found;
	}

	public Optional<Space> find(UUID id) {
		return jdbc.sql("select * from storage_spaces where id = ?").param(id).query(Spaces::map).optional();
	}

	public List<Space> list(AccountId account) {
		ensureVault(account);
		return existing(account);
	}

	/** The account's spaces without creating the default vault (privacy export and erasure). */
	public List<Space> existing(AccountId account) {
		return jdbc.sql("select * from storage_spaces where account_id = ? order by name")
			.param(account.value())
			.query(Spaces::map)
			.list();
	}

	/**
	 * Creates a space, within {@code kluis.storage.max-spaces} (the default vault counts) however
	 * many creations arrive at once: the count and the insert happen under the customer's lock.
	 *
	 * @throws StorageException.AlreadyExists when the customer has a space of that name
	 * @throws StorageException.Forbidden when the customer has the maximum number of spaces
	 */
	public Space create(AccountId account, String name, SpaceKind kind) {
		if (!Space.isValidName(name)) {
			throw new InvalidNameException(
					"A space name has 1 to 32 lower-case letters, digits or dashes, and starts and ends with a letter or digit.");
		}
		readOnly.requireWritable(account);
		ensureVault(account);
		try {
			return transactions.execute(tx -> {
				usage.lockCustomer(account);
				var existing = jdbc.sql("select count(*) from storage_spaces where account_id = ?")
					.param(account.value())
					.query(Integer.class)
					.single();
				if (existing >= properties.maxSpaces()) {
					throw new StorageException.Forbidden(
							"You have the maximum number of spaces (" + properties.maxSpaces() + ").");
				}
				return insert(account, name, kind);
			});
		}
		catch (DuplicateKeyException e) {
			throw new StorageException.AlreadyExists();
		}
	}

	private Space ensureVault(AccountId account) {
		var vault = jdbc.sql("select * from storage_spaces where account_id = ? and name = ?")
			.params(account.value(), Space.DEFAULT_VAULT)
			.query(Spaces::map)
			.optional();
		if (vault.isPresent()) {
			return vault.get();
		}
		try {
			return transactions.execute(tx -> insert(account, Space.DEFAULT_VAULT, SpaceKind.VAULT));
		}
		catch (DuplicateKeyException e) {
			return jdbc.sql("select * from storage_spaces where account_id = ? and name = ?")
				.params(account.value(), Space.DEFAULT_VAULT)
				.query(Spaces::map)
				.single();
		}
	}

	private Space insert(AccountId account, String name, SpaceKind kind) {
		Instant now = clock.instant();
		var space = new Space(UUID.randomUUID(), account, name, kind, now);
		jdbc.sql("insert into storage_spaces (id, account_id, name, kind, created_at) values (?, ?, ?, ?, ?)")
			.params(space.id(), account.value(), name, kind.name(), Timestamp.from(now))
			.update();
		for (String folder : List.of(ROOT_NAME, TRASH_NAME)) {
			jdbc.sql("insert into storage_nodes (id, space_id, parent_id, name, collection, size, etag, created_at, "
					+ "modified_at) values (?, ?, null, ?, true, 0, ?, ?, ?)")
				.params(UUID.randomUUID(), space.id(), folder, Etags.random(), Timestamp.from(now), Timestamp.from(now))
				.update();
		}
		usage.createRow(account);
		return space;
	}

	/** Removes a space's rows: locks, every node (by cascade from the two top folders), the space. */
	void deleteRows(Space space) {
		jdbc.sql("delete from storage_locks where space_id = ?").param(space.id()).update();
		jdbc.sql("delete from storage_nodes where space_id = ? and parent_id is null").param(space.id()).update();
		jdbc.sql("delete from storage_spaces where id = ?").param(space.id()).update();
	}

	private static Space map(ResultSet rs, int row) throws SQLException {
		return new Space(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getString("name"), SpaceKind.valueOf(rs.getString("kind")),
				rs.getTimestamp("created_at").toInstant());
	}
}
