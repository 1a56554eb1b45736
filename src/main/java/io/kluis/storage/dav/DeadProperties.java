package io.kluis.storage.dav;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Properties clients set with PROPPATCH, stored as namespace-complete XML per resource. */
@Repository
class DeadProperties {

	/** A stored property: its name and the whole property element as XML. */
	record Stored(String namespace, String localName, String xml) {
	}

	private final JdbcClient jdbc;

	DeadProperties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Stored> of(UUID node) {
		return jdbc.sql("select namespace, local_name, value_xml from storage_properties where node_id = ? "
				+ "order by namespace, local_name")
			.param(node)
			.query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The properties of every member of a folder, in one query. */
	Map<UUID, List<Stored>> ofChildren(UUID parent) {
		var byNode = new HashMap<UUID, List<Stored>>();
		jdbc.sql("select p.node_id, p.namespace, p.local_name, p.value_xml from storage_properties p "
				+ "join storage_nodes n on n.id = p.node_id where n.parent_id = ?")
			.param(parent)
			.query(rs -> {
				byNode.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
					.add(new Stored(rs.getString(2), rs.getString(3), rs.getString(4)));
			});
		return byNode;
	}

	void set(UUID node, String namespace, String localName, String xml) {
		remove(node, namespace, localName);
		jdbc.sql("insert into storage_properties (node_id, namespace, local_name, value_xml) values (?, ?, ?, ?)")
			.params(node, namespace, localName, xml)
			.update();
	}

	void remove(UUID node, String namespace, String localName) {
		jdbc.sql("delete from storage_properties where node_id = ? and namespace = ? and local_name = ?")
			.params(node, namespace, localName)
			.update();
	}
}
