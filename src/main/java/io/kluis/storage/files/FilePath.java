package io.kluis.storage.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path inside a space, as names from the root ({@code []} is the root itself). Names are checked
 * once here: no empty names, no {@code .} or {@code ..}, no slash, no control characters, at most
 * 255 bytes of UTF-8. {@link #toString()} shows the depth only: names may be personal.
 */
public final class FilePath {

	public static final FilePath ROOT = new FilePath(List.of());

	private static final int MAX_NAME_BYTES = 255;

	private final List<String> names;

	private FilePath(List<String> names) {
		this.names = List.copyOf(names);
	}

	/** @throws InvalidNameException for a name that may not be used */
	public static FilePath of(List<String> names) {
		names.forEach(FilePath::check);
		return new FilePath(names);
	}

	public static void check(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			throw new InvalidNameException("A name may not be empty, '.' or '..'.");
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			throw new InvalidNameException("A name may have at most 255 bytes.");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c < 0x20 || c == 0x7f) {
				throw new InvalidNameException("A name may not contain '/' or control characters.");
			}
		}
		if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
			throw new InvalidNameException("A name must be valid Unicode.");
		}
	}

	public List<String> names() {
		return names;
	}

	public boolean isRoot() {
		return names.isEmpty();
	}

	/** The last name; the root has none. */
	public String name() {
		if (isRoot()) {
			throw new IllegalStateException("the root has no name");
		}
		return names.get(names.size() - 1);
	}

	public Optional<FilePath> parent() {
		return isRoot() ? Optional.empty() : Optional.of(new FilePath(names.subList(0, names.size() - 1)));
	}

	public FilePath child(String name) {
		check(name);
		var longer = new ArrayList<>(names);
		longer.add(name);
		return new FilePath(longer);
	}

	/** Whether {@code other} is this path or lies below it. */
	public boolean contains(FilePath other) {
		return other.names.size() >= names.size() && other.names.subList(0, names.size()).equals(names);
	}

	/** The names joined with {@code /}, as stored with locks ({@code ""} for the root). */
	public String joined() {
		return String.join("/", names);
	}

	public static FilePath ofJoined(String joined) {
		return joined.isEmpty() ? ROOT : new FilePath(List.of(joined.split("/", -1)));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FilePath path && path.names.equals(names);
	}

	@Override
	public int hashCode() {
		return names.hashCode();
	}

	@Override
	public String toString() {
		return "FilePath[depth=" + names.size() + "]";
	}
}
