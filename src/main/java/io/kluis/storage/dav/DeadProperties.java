package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import io.kluis.storage.files.AtRest;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.StorageException;
import io.kluis.storage.files.StorageProperties;
import io.kluis.storage.files.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Properties clients set with PROPPATCH, stored as namespace-complete XML per resource. They are the
 * customer's data like file contents: limited per resource ({@code kluis.storage.max-dead-properties},
 * {@code max-dead-property-bytes}) and counted toward the quota, so they cannot be used to store
 * unlimited data beside a one-byte file.
 */
@Repository
class DeadProperties {

	/** A stored property: its name and the whole property element as XML. */
	record Stored(String namespace, String localName, String xml) {
	}

	/** One change of a PROPPATCH: set a property to {@code xml}, or remove it ({@code xml == null}). */
	record Change(String namespace, String localName, @Nullable String xml) {

		long bytes() {
			return xml == null ? 0 : DeadProperties.bytes(namespace, localName, xml);
		}
	}

	/** Why a PROPPATCH stored nothing. */
	enum Refusal {
		TOO_MANY("The resource would have more properties than allowed."),
		TOO_LARGE("The resource's properties would take more bytes than allowed."),
		QUOTA("Your storage is full: the properties do not fit in your quota.");

		final String description;

		Refusal(String description) {
			this.description = description;
		}
	}

	private final JdbcClient jdbc;

	private final Usage usage;

	private final StorageProperties limits;

	private final AtRest atRest;

	/** Values are sealed under the owner's data key; rows from before sealing have them plain. */
	private static final String VALUE = "storage.property.value";

	DeadProperties(JdbcClient jdbc, Usage usage, StorageProperties limits, AtRest atRest) {
		this.atRest = atRest;
		this.jdbc = jdbc;
		this.usage = usage;
		this.limits = limits;
	}

	static long bytes(String namespace, String localName, String xml) {
		return (long) namespace.getBytes(StandardCharsets.UTF_8).length + localName.getBytes(StandardCharsets.UTF_8).length
				+ xml.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Applies all changes or none, in the caller's transaction, under the customer's lock (so
	 * concurrent PROPPATCHes cannot pass the limits together).
	 *
	 * @return {@code null} when applied, otherwise why nothing was
	 */
	@Nullable Refusal apply(AccountId account, UUID node, List<Change> changes) {
		usage.lockCustomer(account);
		Map<String, Long> current = new HashMap<>();
		jdbc.sql("select namespace, local_name, bytes from storage_properties where node_id = ?")
			.param(node)
			.query(rs -> {
				current.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
			});
		long before = current.values().stream().mapToLong(Long::longValue).sum();
		var after = new HashMap<>(current);
		for (Change change : changes) {
			String key = change.namespace() + " " + change.localName();
			if (change.xml() == null) {
				after.remove(key);
			}
			else {
				after.put(key, change.bytes());
			}
		}
		long total = after.values().stream().mapToLong(Long::longValue).sum();
		if (after.size() > limits.maxDeadProperties() && after.size() > current.size()) {
			return Refusal.TOO_MANY;
		}
		if (total > limits.maxDeadPropertyBytes().toBytes() && total > before) {
			return Refusal.TOO_LARGE;
		}
		try {
			usage.addPropertyBytes(account, total - before);
		}
		catch (StorageException.QuotaExceeded e) {
			return Refusal.QUOTA;
		}
		for (Change change : changes) {
			if (change.xml() == null) {
				remove(node, change.namespace(), change.localName());
			}
			else {
				set(account, node, change.namespace(), change.localName(), change.xml());
			}
		}
		return null;
	}

	List<Stored> of(Node node) {
		return jdbc.sql("select namespace, local_name, value_xml, value_sealed from storage_properties "
				+ "where node_id = ? order by namespace, local_name")
			.param(node.id())
			.query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), value(rs.getString(3), rs.getBytes(4),
					node.owner())))
			.list();
	}

	/** The properties of every member of a folder, in one query. */
	Map<UUID, List<Stored>> ofChildren(Node parent) {
		var byNode = new HashMap<UUID, List<Stored>>();
		jdbc.sql("select p.node_id, p.namespace, p.local_name, p.value_xml, p.value_sealed "
				+ "from storage_properties p join storage_nodes n on n.id = p.node_id where n.parent_id = ?")
			.param(parent.id())
			.query(rs -> {
				byNode.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
					.add(new Stored(rs.getString(2), rs.getString(3),
							value(rs.getString(4), rs.getBytes(5), parent.owner())));
			});
		return byNode;
	}

	/** Every property of the account's resources as export records (RIG-5), by space and resource. */
	List<Map<String, Object>> export(AccountId account) {
		return jdbc.sql("select s.name, p.node_id, p.namespace, p.local_name, p.value_xml, p.value_sealed from storage_properties p "
				+ "join storage_nodes n on n.id = p.node_id join storage_spaces s on s.id = n.space_id "
				+ "where s.account_id = ? order by s.name, p.node_id")
			.param(account.value())
			.query((rs, i) -> Map.<String, Object>of("kind", "webdav-property", "space", rs.getString(1), "node",
					rs.getObject(2).toString(), "namespace", rs.getString(3), "name", rs.getString(4), "value",
					value(rs.getString(5), rs.getBytes(6), account)))
			.list();
	}

	/** A folder's members are in its space: their values are sealed under its owner's key. */
	private String value(String plain, byte @Nullable [] sealed, AccountId owner) {
		return sealed == null ? plain : atRest.openText(owner, VALUE, sealed);
	}

	private void set(AccountId account, UUID node, String namespace, String localName, String xml) {
		remove(node, namespace, localName);
		jdbc.sql("insert into storage_properties (node_id, namespace, local_name, value_xml, bytes, value_sealed) "
				+ "values (?, ?, ?, '', ?, ?)")
			.params(node, namespace, localName, bytes(namespace, localName, xml), atRest.sealText(account, VALUE, xml))
			.update();
	}

	private void remove(UUID node, String namespace, String localName) {
		jdbc.sql("delete from storage_properties where node_id = ? and namespace = ? and local_name = ?")
			.params(node, namespace, localName)
			.update();
	}
}
