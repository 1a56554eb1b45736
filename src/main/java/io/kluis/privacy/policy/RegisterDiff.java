package io.kluis.privacy.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two versions of the register, by section and entry id: entries added,
 * removed, or changed field by field (old → new). Structural rather than textual, so a reader sees
 * "purposes / newsletter: legalBasis CONSENT → LEGITIMATE_INTEREST" instead of moved JSON lines.
 * Absent and null values are the same (an empty side). The {@code version} block is left out: each version's own description of its changes is shown
 * beside the diff.
 */
public final class RegisterDiff {

	public enum Kind {
		ADDED, REMOVED, CHANGED
	}

	/** One field of an entry; {@code before} or {@code after} is empty when the field is new or gone. */
	public record Field(String name, String before, String after) {
	}

	/** One entry of a section ({@code purposes}, id {@code newsletter}); the provider is one entry. */
	public record Change(String section, String id, Kind kind, List<Field> fields) {
	}

	private RegisterDiff() {
	}

	public static List<Change> between(RegisterVersion before, RegisterVersion after) {
		return between(before.content(), after.content());
	}

	public static List<Change> between(String beforeJson, String afterJson) {
		JsonNode before = CanonicalRegister.tree(beforeJson);
		JsonNode after = CanonicalRegister.tree(afterJson);
		List<Change> changes = new ArrayList<>();
		var sections = new TreeSet<String>();
		before.propertyNames().forEach(sections::add);
		after.propertyNames().forEach(sections::add);
		sections.remove("version");
		for (String section : sections) {
			section(section, entries(before.get(section)), entries(after.get(section)), changes);
		}
		return changes;
	}

	private static void section(String section, Map<String, Map<String, String>> before,
			Map<String, Map<String, String>> after, List<Change> changes) {
		for (var entry : before.entrySet()) {
			var now = after.get(entry.getKey());
			if (now == null) {
				changes.add(new Change(section, entry.getKey(), Kind.REMOVED, fields(entry.getValue(), Map.of())));
			}
			else if (!now.equals(entry.getValue())) {
				changes.add(new Change(section, entry.getKey(), Kind.CHANGED, fields(entry.getValue(), now)));
			}
		}
		after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
			.forEach(e -> changes.add(new Change(section, e.getKey(), Kind.ADDED, fields(Map.of(), e.getValue()))));
	}

	private static List<Field> fields(Map<String, String> before, Map<String, String> after) {
		var names = new TreeSet<String>(before.keySet());
		names.addAll(after.keySet());
		return names.stream()
			.filter(n -> !Objects.equals(before.get(n), after.get(n)))
			.map(n -> new Field(n, before.getOrDefault(n, ""), after.getOrDefault(n, "")))
			.toList();
	}

	/** A section as entries by id: lists by their {@code id} (cookies by {@code name}), an object as one entry. */
	private static Map<String, Map<String, String>> entries(JsonNode section) {
		Map<String, Map<String, String>> entries = new LinkedHashMap<>();
		if (section == null || section.isNull()) {
			return entries;
		}
		if (section.isArray()) {
			int index = 0;
			for (JsonNode item : section) {
				String id = item.hasNonNull("id") ? item.get("id").asString()
						: item.hasNonNull("name") && item.get("name").isString() ? item.get("name").asString()
								: "#" + index;
				entries.put(id, flatten(item));
				index++;
			}
		}
		else {
			entries.put("", flatten(section));
		}
		return entries;
	}

	private static Map<String, String> flatten(JsonNode node) {
		Map<String, String> fields = new LinkedHashMap<>();
		flatten("", node, fields);
		return fields;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			node.properties().forEach(p -> flatten(path.isEmpty() ? p.getKey() : path + "." + p.getKey(), p.getValue(), fields));
		}
		else if (node.isArray() && StreamSupport.stream(node.spliterator(), false).allMatch(JsonNode::isValueNode)) {
			fields.put(path, StreamSupport.stream(node.spliterator(), false).map(RegisterDiff::text)
				.collect(Collectors.joining(", ")));
		}
		else if (node.isArray()) {
			int i = 0;
			for (JsonNode item : node) {
				flatten(path + "[" + i++ + "]", item, fields);
			}
		}
		else if (!node.isNull()) {
			fields.put(path, text(node));
		}
	}

	private static String text(JsonNode node) {
		return node.asString();
	}
}
