package io.kluis.storage.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of the file tree. Callers hold the transaction; nothing here checks quota or locks. */
@Repository
public class Nodes {

	private static final String COLUMNS = "id, space_id, parent_id, name, collection, size, blob, content_type, etag, "
			+ "created_at, modified_at";

	private final JdbcClient jdbc;

	Nodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Node root(Space space) {
		return top(space.id(), Spaces.ROOT_NAME);
	}

	Node trash(UUID space) {
		return top(space, Spaces.TRASH_NAME);
	}

	private Node top(UUID space, String name) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where space_id = ? and parent_id is null and name = ?")
			.params(space, name)
			.query(Nodes::map)
			.single();
	}

	public Optional<Node> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where id = ?").param(id).query(Nodes::map).optional();
	}

	public Optional<Node> child(UUID parent, String name) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and name = ?")
			.params(parent, name)
			.query(Nodes::map)
			.optional();
	}

	/** Locks the row until the transaction ends, so concurrent writers of one file take turns. */
	Optional<Node> childForUpdate(UUID parent, String name) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and name = ? for update")
			.params(parent, name)
			.query(Nodes::map)
			.optional();
	}

	Optional<Node> findForUpdate(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where id = ? for update")
			.param(id)
			.query(Nodes::map)
			.optional();
	}

	public List<Node> children(UUID parent) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? order by name")
			.param(parent)
			.query(Nodes::map)
			.list();
	}

	/** The node and everything below it, parents before their children. */
	public List<Node> subtree(UUID id) {
		return jdbc.sql("with recursive tree (id, depth) as (select id, 0 from storage_nodes where id = ? "
				+ "union all select n.id, t.depth + 1 from storage_nodes n join tree t on n.parent_id = t.id) "
				+ "select " + prefixed("n") + " from storage_nodes n join tree t on n.id = t.id order by t.depth, n.name")
			.param(id)
			.query(Nodes::map)
			.list();
	}

	/** How many nodes the subtree has, counting at most {@code limit + 1}. */
	public int countSubtree(UUID id, int limit) {
		return jdbc.sql("with recursive tree (id) as (select id from storage_nodes where id = ? "
				+ "union all select n.id from storage_nodes n join tree t on n.parent_id = t.id) "
				+ "select count(*) from (select id from tree fetch first " + (limit + 1) + " rows only) limited")
			.param(id)
			.query(Integer.class)
			.single();
	}

	/** The ids from the node up to its space's top folder (root or trash), the node first. */
	List<UUID> ancestry(UUID id) {
		return jdbc.sql("with recursive up (id, parent_id, depth) as (select id, parent_id, 0 from storage_nodes where id = ? "
				+ "union all select n.id, n.parent_id, u.depth + 1 from storage_nodes n join up u on n.id = u.parent_id) "
				+ "select id from up order by depth")
			.param(id)
			.query(UUID.class)
			.list();
	}

	/** Members of the trash deleted before the instant. */
	List<Node> trashedBefore(UUID trash, Instant before) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and trashed_at < ?")
			.params(trash, Timestamp.from(before))
			.query(Nodes::map)
			.list();
	}

	/** When a trashed node was deleted and what it was called. */
	public record Trashed(Instant at, String name) {
	}

	public Optional<Trashed> trashed(UUID id) {
		return jdbc.sql("select trashed_at, trashed_name from storage_nodes where id = ? and trashed_at is not null")
			.param(id)
			.query((rs, i) -> new Trashed(rs.getTimestamp(1).toInstant(), rs.getString(2)))
			.optional();
	}

	@Nullable UUID trashedFrom(UUID id) {
		return jdbc.sql("select trashed_from from storage_nodes where id = ?").param(id).query(UUID.class).optional()
			.orElse(null);
	}

	void restore(UUID id, UUID parent, String name) {
		jdbc.sql("update storage_nodes set parent_id = ?, name = ?, trashed_at = null, trashed_from = null, "
				+ "trashed_name = null where id = ?")
			.params(parent, name, id)
			.update();
	}

	void insert(Node node) {
		jdbc.sql("insert into storage_nodes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(node.id(), node.space(), node.parent(), node.name(), node.collection(), node.size(), node.blob(),
					node.contentType(), node.etag(), Timestamp.from(node.createdAt()), Timestamp.from(node.modifiedAt()))
			.update();
	}

	void replaceContent(UUID id, long size, String blob, @Nullable String contentType, Instant at) {
		jdbc.sql("update storage_nodes set size = ?, blob = ?, content_type = ?, etag = ?, modified_at = ? where id = ?")
			.params(size, blob, contentType, Etags.random(), Timestamp.from(at), id)
			.update();
	}

	void relocate(UUID id, UUID parent, String name) {
		jdbc.sql("update storage_nodes set parent_id = ?, name = ? where id = ?").params(parent, name, id).update();
	}

	void moveToTrash(UUID id, UUID trash, UUID from, String name, Instant at) {
		jdbc.sql("update storage_nodes set parent_id = ?, name = ?, trashed_at = ?, trashed_from = ?, trashed_name = ? "
				+ "where id = ?")
			.params(trash, id.toString(), Timestamp.from(at), from, name, id)
			.update();
	}

	/** Moves a subtree to another space (the rows keep their ids and parents). */
	void changeSpace(List<UUID> ids, UUID space) {
		for (UUID id : ids) {
			jdbc.sql("update storage_nodes set space_id = ? where id = ?").params(space, id).update();
		}
	}

	/** Deletes the node and, by cascade, everything below it. */
	void delete(UUID id) {
		jdbc.sql("delete from storage_nodes where id = ?").param(id).update();
	}

	/** Gives the copy every dead property of the original. */
	/** Copies a node's dead properties to another; returns their bytes (which count toward the quota). */
	long copyProperties(UUID from, UUID to) {
		jdbc.sql("insert into storage_properties (node_id, namespace, local_name, value_xml, bytes) "
				+ "select ?, namespace, local_name, value_xml, bytes from storage_properties where node_id = ?")
			.params(to, from)
			.update();
		return jdbc.sql("select coalesce(sum(bytes), 0) from storage_properties where node_id = ?")
			.param(to)
			.query(Long.class)
			.single();
	}

	/** The bytes of the dead properties of a node and everything below it. */
	long propertyBytes(UUID id) {
		return jdbc.sql("with recursive tree (id) as (select id from storage_nodes where id = ? "
				+ "union all select n.id from storage_nodes n join tree t on n.parent_id = t.id) "
				+ "select coalesce(sum(p.bytes), 0) from storage_properties p join tree t on p.node_id = t.id")
			.param(id)
			.query(Long.class)
			.single();
	}

	/** Locks the rows of a subtree (parents first) so that no purge takes their blobs meanwhile. */
	void lockAll(List<UUID> ids) {
		for (UUID id : ids) {
			findForUpdate(id);
		}
	}

	boolean blobReferenced(String blob) {
		return jdbc.sql("select count(*) from storage_nodes where blob = ?").param(blob).query(Integer.class).single() > 0;
	}

	private static String prefixed(String alias) {
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
	}

	static Node map(ResultSet rs, int row) throws SQLException {
		return new Node(rs.getObject("id", UUID.class), rs.getObject("space_id", UUID.class),
				rs.getObject("parent_id", UUID.class), rs.getString("name"), rs.getBoolean("collection"),
				rs.getLong("size"), rs.getString("blob"), rs.getString("content_type"), rs.getString("etag"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("modified_at").toInstant());
	}
}
