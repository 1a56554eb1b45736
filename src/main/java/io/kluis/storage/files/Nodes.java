package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the file tree. Callers hold the transaction; nothing here checks quota or locks.
 * Names are sealed under the owner's data key ({@link AtRest}): the name column holds a keyed
 * index for lookups and uniqueness, {@code name_sealed} the name. Rows from before sealing (name
 * plain, {@code name_sealed} null) are read alike until {@link StorageSealing} has sealed them.
 */
@Repository
public class Nodes {

	private static final String COLUMNS = "id, space_id, parent_id, name, collection, size, blob, content_type, etag, "
			+ "created_at, modified_at, name_sealed";

	/**
	 * The owner of a row's space, read with the row when the caller looks a node up by id alone (a
	 * subquery rather than a join, so that {@code for update} locks the node's row only). Members
	 * of a folder take the folder's owner: a space never changes owner, and nodes move only between
	 * spaces of one customer.
	 */
	private static final String OWNER = "(select s.account_id from storage_spaces s where s.id = storage_nodes.space_id) "
			+ "as owner_id";

	private static final String INSERTED = "id, space_id, parent_id, name, collection, size, blob, content_type, etag, "
			+ "created_at, modified_at, name_sealed";

	/** The node columns of alias {@code m}, labelled {@code m_} and the column's name. */
	private static final String MEMBER = java.util.Arrays.stream(COLUMNS.split(", "))
		.map(c -> "m." + c + " as m_" + c)
		.collect(java.util.stream.Collectors.joining(", "));

	private final JdbcClient jdbc;

	private final AtRest atRest;

	Nodes(JdbcClient jdbc, AtRest atRest) {
		this.jdbc = jdbc;
		this.atRest = atRest;
	}

	public Node root(Space space) {
		return top(space, Spaces.ROOT_NAME);
	}

	Node trash(Space space) {
		return top(space, Spaces.TRASH_NAME);
	}

	private Node top(Space space, String name) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where space_id = ? and parent_id is null and name = ?")
			.params(space.id(), name)
			.query(of(space.account()))
			.single();
	}

	public Optional<Node> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + ", " + OWNER + " from storage_nodes where id = ?")
			.param(id)
			.query(this::map)
			.optional();
	}

	public Optional<Node> child(Node parent, String name) {
		return child(parent, name, "");
	}

	/** Locks the row until the transaction ends, so concurrent writers of one file take turns. */
	Optional<Node> childForUpdate(Node parent, String name) {
		return child(parent, name, " for update");
	}

	/**
	 * By the name's index, or, while rows from before sealing may remain, by the plain name in such
	 * a row. Two equality look-ups rather than {@code name in (?, ?)}: H2 uses only the folder part
	 * of the unique index for an IN list, which would read every member of the folder.
	 */
	private Optional<Node> child(Node parent, String name, String lock) {
		String index = atRest.nameIndex(parent.owner(), name);
		Optional<Node> sealed = jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and name = ?" + lock)
			.params(parent.id(), index)
			.query(of(parent.owner()))
			.optional();
		if (sealed.isPresent() || !atRest.plainNamesMayRemain()) {
			return sealed;
		}
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and name = ? and name_sealed is null"
				+ lock)
			.params(parent.id(), name)
			.query(of(parent.owner()))
			.optional();
	}

	/** Paths deeper than this are walked name by name ({@link #atPath} would join too many tables). */
	static final int MAX_JOINED_DEPTH = 16;

	/**
	 * The node at {@code names} below the space's root, found by one statement (one join per name)
	 * instead of one look-up per name: a small PUT or GET resolves its path with one round trip to
	 * the database. Only by the names' index, so only once no plain names remain
	 * ({@link AtRest#plainNamesMayRemain}); every folder on the way must be a collection.
	 *
	 * @param names at least one and at most {@link #MAX_JOINED_DEPTH} names
	 */
	Optional<Node> atPath(Space space, List<String> names) {
		int depth = names.size();
		if (depth == 0 || depth > MAX_JOINED_DEPTH) {
			throw new IllegalArgumentException("depth " + depth);
		}
		var sql = new StringBuilder("select ").append(aliased("n" + depth)).append(" from storage_nodes n0");
		var params = new java.util.ArrayList<Object>(depth + 2);
		for (int i = 1; i <= depth; i++) {
			sql.append(" join storage_nodes n").append(i).append(" on n").append(i).append(".parent_id = n").append(i - 1)
				.append(".id and n").append(i - 1).append(".collection = true and n").append(i).append(".name = ?");
			params.add(atRest.nameIndex(space.account(), names.get(i - 1)));
		}
		sql.append(" where n0.space_id = ? and n0.parent_id is null and n0.name = ?");
		params.add(space.id());
		params.add(Spaces.ROOT_NAME);
		return jdbc.sql(sql.toString()).params(params).query(of(space.account())).optional();
	}

	/** A folder and, when there is one, its member of a given name. */
	record Member(Node folder, Optional<Node> member) {
	}

	/**
	 * The folder at {@code folderNames} below the space's root and its member named {@code name}, if
	 * any, by one statement (the member by an outer join on the name's index): what a small PUT needs
	 * to know before it writes. Without a lock on the member: the writer replaces it only if its ETag
	 * is still the one seen ({@link #replaceContentIf}). Only once no plain names remain
	 * ({@link AtRest#plainNamesMayRemain}); empty when a folder on the way is missing or not a folder.
	 *
	 * @param folderNames at most {@link #MAX_JOINED_DEPTH} names; none for the root
	 */
	Optional<Member> folderAndMember(Space space, List<String> folderNames, String name) {
		int depth = folderNames.size();
		if (depth > MAX_JOINED_DEPTH) {
			throw new IllegalArgumentException("depth " + depth);
		}
		var sql = new StringBuilder("select ").append(aliased("n" + depth)).append(", ").append(MEMBER)
			.append(" from storage_nodes n0");
		var params = new java.util.ArrayList<Object>(depth + 3);
		for (int i = 1; i <= depth; i++) {
			sql.append(" join storage_nodes n").append(i).append(" on n").append(i).append(".parent_id = n").append(i - 1)
				.append(".id and n").append(i - 1).append(".collection = true and n").append(i).append(".name = ?");
			params.add(atRest.nameIndex(space.account(), folderNames.get(i - 1)));
		}
		sql.append(" left join storage_nodes m on m.parent_id = n").append(depth).append(".id and m.name = ?");
		params.add(atRest.nameIndex(space.account(), name));
		sql.append(" where n0.space_id = ? and n0.parent_id is null and n0.name = ? and n").append(depth)
			.append(".collection = true");
		params.add(space.id());
		params.add(Spaces.ROOT_NAME);
		return jdbc.sql(sql.toString()).params(params).query((rs, row) -> {
			Node folder = map(rs, space.account(), "");
			Optional<Node> member = rs.getObject("m_id") == null ? Optional.empty()
					: Optional.of(map(rs, space.account(), "m_"));
			return new Member(folder, member);
		}).optional();
	}

	/** The node columns of one alias, under their own names (no owner: the caller knows it). */
	private static String aliased(String alias) {
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
	}

	Optional<Node> findForUpdate(UUID id) {
		return jdbc.sql("select " + COLUMNS + ", " + OWNER + " from storage_nodes where id = ? for update")
			.param(id)
			.query(this::map)
			.optional();
	}

	public List<Node> children(Node parent) {
		var children = new java.util.ArrayList<>(jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ?")
			.param(parent.id())
			.query(of(parent.owner()))
			.list());
		children.sort(java.util.Comparator.comparing(Node::name));
		return children;
	}

	/** The node and everything below it, parents before their children. */
	public List<Node> subtree(UUID id) {
		return jdbc.sql("with recursive tree (id, depth) as (select id, 0 from storage_nodes where id = ? "
				+ "union all select n.id, t.depth + 1 from storage_nodes n join tree t on n.parent_id = t.id) "
				+ "select " + prefixed("n") + " from storage_nodes n join tree t on n.id = t.id order by t.depth, n.name")
			.param(id)
			.query(this::map)
			.list();
	}

	/** How many files and folders the space holds, live and in the trash (its two top folders not counted). */
	public int countInSpace(Space space) {
		return jdbc.sql("select count(*) from storage_nodes where space_id = ? and parent_id is not null")
			.param(space.id())
			.query(Integer.class)
			.single();
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
	List<Node> trashedBefore(Node trash, Instant before) {
		return jdbc.sql("select " + COLUMNS + " from storage_nodes where parent_id = ? and trashed_at < ?")
			.params(trash.id(), Timestamp.from(before))
			.query(of(trash.owner()))
			.list();
	}

	/** The spaces whose trash has items deleted before {@code before} (the trash's retention). */
	public List<UUID> spacesWithTrashedBefore(Instant before) {
		return jdbc.sql("select distinct n.space_id from storage_nodes t join storage_nodes n "
				+ "on n.parent_id = t.id where t.parent_id is null and t.name = '.trash' and n.trashed_at < ?")
			.param(Timestamp.from(before))
			.query(UUID.class)
			.list();
	}

	/** When a trashed node was deleted and what it was called. */
	public record Trashed(Instant at, String name) {
	}

	public Optional<Trashed> trashed(UUID id) {
		return jdbc.sql("select trashed_at, trashed_name, trashed_name_sealed, "
				+ "(select s.account_id from storage_spaces s where s.id = storage_nodes.space_id) from storage_nodes "
				+ "where id = ? and trashed_at is not null")
			.param(id)
			.query((rs, i) -> {
				byte[] sealed = rs.getBytes(3);
				String name = sealed == null ? rs.getString(2)
						: atRest.openText(new AccountId(rs.getObject(4, UUID.class)), AtRest.TRASHED_NAME, sealed);
				return new Trashed(rs.getTimestamp(1).toInstant(), name);
			})
			.optional();
	}

	@Nullable UUID trashedFrom(UUID id) {
		return jdbc.sql("select trashed_from from storage_nodes where id = ?").param(id).query(UUID.class).optional()
			.orElse(null);
	}

	void restore(UUID id, Node parent, String name) {
		var owner = parent.owner();
		jdbc.sql("update storage_nodes set parent_id = ?, name = ?, name_sealed = ?, trashed_at = null, "
				+ "trashed_from = null, trashed_name = null, trashed_name_sealed = null where id = ?")
			.params(parent.id(), atRest.nameIndex(owner, name), atRest.sealText(owner, AtRest.NAME, name), id)
			.update();
	}

	void insert(Node node) {
		insert(node, null, false);
	}

	/**
	 * Inserts a node; a small file's contents ({@link SmallBlobs}) go into the same row, so storing a
	 * small file is one row and its index entries.
	 */
	void insert(Node node, byte @Nullable [] smallContent, boolean smallSealed) {
		var owner = node.owner();
		jdbc.sql("insert into storage_nodes (" + INSERTED + ", small_content, small_sealed) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(node.id(), node.space(), node.parent(), atRest.nameIndex(owner, node.name()), node.collection(),
					node.size(), node.blob(), node.contentType(), node.etag(), Timestamp.from(node.createdAt()),
					Timestamp.from(node.modifiedAt()), atRest.sealText(owner, AtRest.NAME, node.name()), smallContent,
					smallContent == null ? null : smallSealed)
			.update();
	}

	/**
	 * Gives a file new contents: a blob-store key, or a small file's key with its bytes
	 * ({@code smallContent}, null otherwise), and the new {@code etag}.
	 */
	void replaceContent(UUID id, long size, String blob, @Nullable String contentType, String etag, Instant at,
			byte @Nullable [] smallContent, boolean smallSealed) {
		jdbc.sql("update storage_nodes set size = ?, blob = ?, content_type = ?, etag = ?, modified_at = ?, "
				+ "small_content = ?, small_sealed = ? where id = ?")
			.params(size, blob, contentType, etag, Timestamp.from(at), smallContent,
					smallContent == null ? null : smallSealed, id)
			.update();
	}

	/**
	 * {@link #replaceContent} if the file's ETag is still {@code seenEtag}; false when it changed (or
	 * the file went away) meanwhile. Taking the row's lock, it makes concurrent writers of one file
	 * take turns, as a {@code for update} read would, without that read.
	 */
	boolean replaceContentIf(UUID id, String seenEtag, long size, String blob, @Nullable String contentType, String etag,
			Instant at, byte @Nullable [] smallContent, boolean smallSealed) {
		return jdbc.sql("update storage_nodes set size = ?, blob = ?, content_type = ?, etag = ?, modified_at = ?, "
				+ "small_content = ?, small_sealed = ? where id = ? and etag = ? and collection = false")
			.params(size, blob, contentType, etag, Timestamp.from(at), smallContent,
					smallContent == null ? null : smallSealed, id, seenEtag)
			.update() == 1;
	}

	/** Gives a copy of a small file the original's contents (a copy holds its own bytes, {@link SmallBlobs}). */
	void copySmallContent(UUID from, UUID to) {
		jdbc.sql("update storage_nodes set small_content = (select o.small_content from storage_nodes o where o.id = ?), "
				+ "small_sealed = (select o.small_sealed from storage_nodes o where o.id = ?) where id = ?")
			.params(from, from, to)
			.update();
	}

	void relocate(UUID id, Node parent, String name) {
		var owner = parent.owner();
		jdbc.sql("update storage_nodes set parent_id = ?, name = ?, name_sealed = ? where id = ?")
			.params(parent.id(), atRest.nameIndex(owner, name), atRest.sealText(owner, AtRest.NAME, name), id)
			.update();
	}

	/** In the trash a node is named by its id; its name then is kept, sealed, to restore it by. */
	void moveToTrash(UUID id, Node trash, UUID from, String name, Instant at) {
		var owner = trash.owner();
		jdbc.sql("update storage_nodes set parent_id = ?, name = ?, name_sealed = null, trashed_at = ?, trashed_from = ?, "
				+ "trashed_name = null, trashed_name_sealed = ? where id = ?")
			.params(trash.id(), id.toString(), Timestamp.from(at), from, atRest.sealText(owner, AtRest.TRASHED_NAME, name),
					id)
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
		jdbc.sql("insert into storage_properties (node_id, namespace, local_name, value_xml, bytes, value_sealed) "
				+ "select ?, namespace, local_name, value_xml, bytes, value_sealed from storage_properties where node_id = ?")
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
		return alias + "." + COLUMNS.replace(", ", ", " + alias + ".") + ", (select s.account_id from storage_spaces s "
				+ "where s.id = " + alias + ".space_id) as owner_id";
	}

	/** Rows of the space(s) of one owner the caller knows: no look-up of the owner. */
	private RowMapper<Node> of(AccountId owner) {
		return (rs, row) -> map(rs, owner);
	}

	/** Rows selected with their owner ({@link #OWNER}). */
	Node map(ResultSet rs, int row) throws SQLException {
		return map(rs, new AccountId(rs.getObject("owner_id", UUID.class)));
	}

	private Node map(ResultSet rs, AccountId owner) throws SQLException {
		return map(rs, owner, "");
	}

	/** The node whose columns are labelled {@code prefix} and the column's name. */
	private Node map(ResultSet rs, AccountId owner, String prefix) throws SQLException {
		UUID space = rs.getObject(prefix + "space_id", UUID.class);
		byte[] sealed = rs.getBytes(prefix + "name_sealed");
		String name = sealed == null ? rs.getString(prefix + "name") : atRest.openText(owner, AtRest.NAME, sealed);
		return new Node(rs.getObject(prefix + "id", UUID.class), space, owner,
				rs.getObject(prefix + "parent_id", UUID.class), name, rs.getBoolean(prefix + "collection"),
				rs.getLong(prefix + "size"), rs.getString(prefix + "blob"), rs.getString(prefix + "content_type"),
				rs.getString(prefix + "etag"), rs.getTimestamp(prefix + "created_at").toInstant(),
				rs.getTimestamp(prefix + "modified_at").toInstant());
	}
}
