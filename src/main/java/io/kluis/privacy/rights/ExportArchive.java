package io.kluis.privacy.rights;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.ExportedFile;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the export ZIP (docs/export-format.md): {@code README.html}, {@code data.json}
 * ({@value #SCHEMA}), one {@code <category>.csv} per category, and the files under {@code files/}.
 * Everything is streamed into the given output; file contents are copied, never loaded whole.
 */
final class ExportArchive {

	static final String SCHEMA = "kluis-export/1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One category as exported: the holder's data plus where its files went in the ZIP. */
	record Section(ExportedCategory data, List<Map<String, Object>> files) {
	}

	private ExportArchive() {
	}

	static void write(OutputStream target, AccountId subject, Instant generatedAt, Locale locale,
			ProcessingRegister register, List<ExportedCategory> categories, ExportReadme readme) throws IOException {
		var zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
		var sections = sections(categories);
		entry(zip, "README.html");
		write(zip, readme.render(subject, generatedAt, locale, sections));
		entry(zip, "data.json");
		JSON.writerWithDefaultPrettyPrinter().writeValue(new Unclosable(zip), data(subject, generatedAt, locale,
				register, sections));
		for (var section : sections) {
			entry(zip, "csv/" + safe(section.data().category()) + ".csv");
			var writer = new OutputStreamWriter(new Unclosable(zip), StandardCharsets.UTF_8);
			Csv.write(section.data().columns(), section.data().records(), writer);
			writer.flush();
		}
		for (var section : sections) {
			for (int i = 0; i < section.data().files().size(); i++) {
				entry(zip, (String) section.files().get(i).get("path"));
				try (InputStream in = section.data().files().get(i).content().open()) {
					in.transferTo(zip);
				}
			}
		}
		zip.finish();
		zip.flush();
	}

	/**
	 * {@code data.json} alone, exactly as in the ZIP: the answer to an access request made without
	 * login (RIG-8), which has no ZIP. Files are listed with the path they have in a ZIP and their
	 * size; their contents stay with the self-service export. {@code subject} is null for a person
	 * without an account (found by address).
	 */
	static String dataJson(@Nullable AccountId subject, Instant generatedAt, Locale locale, ProcessingRegister register,
			List<ExportedCategory> categories) {
		return JSON.writerWithDefaultPrettyPrinter()
			.writeValueAsString(data(subject, generatedAt, locale, register, sections(categories)));
	}

	/** The categories with the unique ZIP path of each of their files. */
	private static List<Section> sections(List<ExportedCategory> categories) {
		var sections = new ArrayList<Section>();
		Set<String> paths = new HashSet<>();
		for (var category : categories) {
			var files = new ArrayList<Map<String, Object>>();
			for (ExportedFile file : category.files()) {
				String path = unique(paths, "files/" + safe(category.category()) + "/" + safePath(file.path()));
				files.add(Map.of("path", path, "size", file.size()));
			}
			sections.add(new Section(category, files));
		}
		return sections;
	}

	private static Map<String, Object> data(@Nullable AccountId subject, Instant generatedAt, Locale locale,
			ProcessingRegister register, List<Section> sections) {
		var root = new LinkedHashMap<String, Object>();
		root.put("schema", SCHEMA);
		root.put("generatedAt", generatedAt.toString());
		root.put("language", locale.getLanguage());
		var who = new LinkedHashMap<String, Object>();
		who.put("account", subject == null ? null : subject.toString());
		root.put("subject", who);
		root.put("controller", Map.of("name", register.provider().name(), "privacyContact",
				register.provider().privacyContact()));
		var categories = new ArrayList<Map<String, Object>>();
		for (var section : sections) {
			String id = section.data().category();
			var category = new LinkedHashMap<String, Object>();
			category.put("id", id);
			category.put("name", register.category(id).map(c -> c.name().in(locale)).orElse(id));
			category.put("purposes", register.purposes().stream().filter(p -> p.categories().contains(id))
				.map(p -> Map.of("id", p.id(), "name", p.name().in(locale), "legalBasis", p.legalBasis().article()))
				.toList());
			category.put("records", section.data().records().stream().map(ExportArchive::record).toList());
			category.put("files", section.files());
			categories.add(category);
		}
		root.put("categories", categories);
		return root;
	}

	private static Map<String, Object> record(Map<String, Object> record) {
		var out = new LinkedHashMap<String, Object>();
		record.forEach((k, v) -> out.put(k, v == null || v instanceof Number || v instanceof Boolean ? v : text(v)));
		return out;
	}

	/** Values other than numbers and booleans as text; dates and times in ISO-8601. */
	static String text(Object value) {
		return String.valueOf(value);
	}

	private static void entry(ZipOutputStream zip, String name) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
	}

	private static void write(ZipOutputStream zip, String text) throws IOException {
		zip.write(text.getBytes(StandardCharsets.UTF_8));
	}

	static String safe(String name) {
		String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
		return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
	}

	/** A holder's relative path, without ways out of its folder. */
	static String safePath(String path) {
		var parts = new ArrayList<String>();
		for (String part : path.replace('\\', '/').split("/")) {
			if (!part.isBlank() && !part.equals(".") && !part.equals("..")) {
				parts.add(part.replaceAll("[\\x00-\\x1f]", "_"));
			}
		}
		return parts.isEmpty() ? "file" : String.join("/", parts);
	}

	private static String unique(Set<String> taken, String path) {
		String candidate = path;
		for (int i = 2; !taken.add(candidate); i++) {
			int dot = path.lastIndexOf('.');
			candidate = dot > path.lastIndexOf('/') ? path.substring(0, dot) + "-" + i + path.substring(dot)
					: path + "-" + i;
		}
		return candidate;
	}

	/** Lets Jackson and writers close "their" stream without closing the ZIP entry under them. */
	private static final class Unclosable extends FilterOutputStream {

		Unclosable(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			out.flush();
		}
	}
}
