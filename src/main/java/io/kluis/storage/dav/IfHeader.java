package io.kluis.storage.dav;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The WebDAV {@code If} header (RFC 4918 §10.4): lists of state tokens and entity tags, optionally
 * tagged with the resource they are about. The header holds when any list holds; a list holds when
 * all its conditions do. Every state token in the header counts as submitted, which is how a
 * client proves it holds a lock.
 */
final class IfHeader {

	/** A condition: a lock token or an entity tag, perhaps negated. */
	record Condition(boolean not, @Nullable String token, @Nullable String etag) {
	}

	/** One list, about the request URI ({@code resource == null}) or a tagged resource. */
	record ConditionList(@Nullable String resource, List<Condition> conditions) {
	}

	/** What the evaluation needs to know about a resource. */
	record State(@Nullable String etag, Set<String> tokens) {

		static final State MISSING = new State(null, Set.of());
	}

	static final class Malformed extends Exception {

		Malformed() {
			super("The If header is malformed.");
		}
	}

	private final List<ConditionList> lists;

	private IfHeader(List<ConditionList> lists) {
		this.lists = List.copyOf(lists);
	}

	static @Nullable IfHeader parse(@Nullable String header) throws Malformed {
		if (header == null || header.isBlank()) {
			return null;
		}
		var lists = new ArrayList<ConditionList>();
		String resource = null;
		boolean tagged = false;
		int i = 0;
		int n = header.length();
		while (i < n) {
			char c = header.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '<') {
				int end = header.indexOf('>', i);
				if (end < 0 || (!tagged && !lists.isEmpty())) {
					throw new Malformed();
				}
				resource = header.substring(i + 1, end);
				tagged = true;
				i = end + 1;
			}
			else if (c == '(') {
				if (tagged && resource == null) {
					throw new Malformed();
				}
				int end = header.indexOf(')', i);
				if (end < 0) {
					throw new Malformed();
				}
				lists.add(new ConditionList(resource, conditions(header.substring(i + 1, end))));
				i = end + 1;
			}
			else {
				throw new Malformed();
			}
		}
		if (lists.isEmpty()) {
			throw new Malformed();
		}
		return new IfHeader(lists);
	}

	private static List<Condition> conditions(String list) throws Malformed {
		var conditions = new ArrayList<Condition>();
		int i = 0;
		int n = list.length();
		boolean not = false;
		while (i < n) {
			char c = list.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (list.regionMatches(true, i, "not", 0, 3)) {
				if (not) {
					throw new Malformed();
				}
				not = true;
				i += 3;
			}
			else if (c == '<') {
				int end = list.indexOf('>', i);
				if (end < 0) {
					throw new Malformed();
				}
				conditions.add(new Condition(not, list.substring(i + 1, end), null));
				not = false;
				i = end + 1;
			}
			else if (c == '[') {
				int end = etagEnd(list, i + 1);
				conditions.add(new Condition(not, null, list.substring(i + 1, end).trim()));
				not = false;
				i = end + 1;
			}
			else {
				throw new Malformed();
			}
		}
		if (conditions.isEmpty() || not) {
			throw new Malformed();
		}
		return conditions;
	}

	/** The index of the bracket closing an entity tag, skipping a quoted tag's contents. */
	private static int etagEnd(String list, int from) throws Malformed {
		int quote = list.indexOf('"', from);
		int close = list.indexOf(']', from);
		if (quote >= 0 && quote < close) {
			int endQuote = list.indexOf('"', quote + 1);
			close = endQuote < 0 ? -1 : list.indexOf(']', endQuote);
		}
		if (close < 0) {
			throw new Malformed();
		}
		return close;
	}

	/** Every state token in the header: the locks the client says it holds. */
	Set<String> tokens() {
		var tokens = new LinkedHashSet<String>();
		for (ConditionList list : lists) {
			for (Condition condition : list.conditions()) {
				if (condition.token() != null && !condition.not()) {
					tokens.add(condition.token());
				}
			}
		}
		return tokens;
	}

	/** The tagged resources the header mentions. */
	Set<String> resources() {
		var resources = new LinkedHashSet<String>();
		lists.forEach(l -> {
			if (l.resource() != null) {
				resources.add(l.resource());
			}
		});
		return resources;
	}

	/**
	 * Whether the header holds.
	 *
	 * @param states the state of the request URI (for {@code null}) or of a tagged resource
	 */
	boolean holds(Function<@Nullable String, State> states) {
		for (ConditionList list : lists) {
			State state = states.apply(list.resource());
			boolean all = true;
			for (Condition condition : list.conditions()) {
				boolean matches = condition.token() != null ? state.tokens().contains(condition.token())
						: state.etag() != null && weakEquals(state.etag(), condition.etag());
				if (matches == condition.not()) {
					all = false;
					break;
				}
			}
			if (all) {
				return true;
			}
		}
		return false;
	}

	private static boolean weakEquals(String etag, @Nullable String other) {
		return other != null && strip(etag).equals(strip(other));
	}

	private static String strip(String etag) {
		String tag = etag.trim();
		if (tag.toUpperCase(Locale.ROOT).startsWith("W/")) {
			tag = tag.substring(2);
		}
		return tag;
	}
}
