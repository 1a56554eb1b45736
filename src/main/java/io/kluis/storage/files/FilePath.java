package io.kluis.storage.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path inside a space, as names from the root ({@code []} is the root itself). Every name a
 * client gives enters through {@link #of}: it is brought to Unicode NFC (so the NFC and NFD
 * spellings of one name are one file, not two look-alikes) and checked once here: no empty names,
 * no {@code .} or {@code ..}, no slash, no control characters, no bidirectional controls (which
 * make {@code invoice\u202Eexe.pdf} look like a PDF), at most 255 bytes of UTF-8.
 * {@link #toString()} shows the depth only: names may be personal.
 */
public final class FilePath {

	public static final FilePath ROOT = new FilePath(List.of());

	private static final int MAX_NAME_BYTES = 255;

	private final List<String> names;

	private FilePath(List<String> names) {
		this.names = List.copyOf(names);
	}

	/**
	 * The path of names a client gave, each in NFC.
	 *
	 * @throws InvalidNameException for a name that may not be used
	 */
	public static FilePath of(List<String> names) {
		return new FilePath(names.stream().map(FilePath::normalized).toList());
	}

	/**
	 * A name as a client gave it, in NFC and checked.
	 *
	 * @throws InvalidNameException for a name that may not be used
	 */
	public static String normalized(String name) {
		String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
		check(nfc);
		return nfc;
	}

	/** @throws InvalidNameException for a name that may not be used (checked as it is, without normalizing) */
	public static void check(String name) {
		checkStructure(name);
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			throw new InvalidNameException("A name may have at most 255 bytes.");
		}
		if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
			throw new InvalidNameException("A name must be valid Unicode.");
		}
		name.codePoints().forEach(c -> {
			if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029) {
				throw new InvalidNameException("A name may not contain control characters or line breaks.");
			}
			if (isBidiControl(c)) {
				throw new InvalidNameException(
						"A name may not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).");
			}
		});
	}

	/** The marks and embeddings that reorder how text is shown, so a name can look like another. */
	static boolean isBidiControl(int c) {
		return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
	}

	/** What every stored name satisfies, even one stored before the stricter rules. */
	private static void checkStructure(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			throw new InvalidNameException("A name may not be empty, '.' or '..'.");
		}
		if (name.indexOf('/') >= 0) {
			throw new InvalidNameException("A name may not contain '/' or control characters.");
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

	/** The path of an existing member named {@code name} (a stored name, taken as it is). */
	public FilePath child(String name) {
		checkStructure(name);
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
