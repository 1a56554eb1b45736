package io.kluis.privacy.requests;

import io.kluis.privacy.Evidence;
import io.kluis.privacy.spi.DataSubject;
import io.kluis.privacy.spi.Erased;
import io.kluis.privacy.spi.ExportedCategory;
import io.kluis.privacy.spi.ExportedFile;
import io.kluis.privacy.spi.PersonalDataHolder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link RequestFulfilment}: every {@link PersonalDataHolder} exports or erases directly.
 * Access gives one JSON document ({@code format: kluis-request-access/1}: per module and category the
 * records, and files by path and size; file contents are left to the self-service ZIP engine).
 * Erasure sums every holder's counts into one evidence record. It does not close an account or
 * destroy its data key: when an account exists, the self-service engine (which does) should be
 * plugged in through {@link RequestFulfilment}.
 */
class HolderFulfilment implements RequestFulfilment {

	static final String FORMAT = "kluis-request-access/1";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final List<PersonalDataHolder> holders;

	private final Evidence evidence;

	private final Clock clock;

	HolderFulfilment(List<PersonalDataHolder> holders, Evidence evidence, Clock clock) {
		this.holders = List.copyOf(holders);
		this.evidence = evidence;
		this.clock = clock;
	}

	@Override
	public String access(DataSubject subject) {
		var modules = new ArrayList<Map<String, Object>>();
		for (PersonalDataHolder holder : holders) {
			var categories = new ArrayList<Map<String, Object>>();
			for (ExportedCategory category : holder.export(subject)) {
				var files = new ArrayList<Map<String, Object>>();
				for (ExportedFile file : category.files()) {
					files.add(Map.of("path", file.path(), "size", file.size()));
				}
				var entry = new LinkedHashMap<String, Object>();
				entry.put("category", category.category());
				entry.put("records", category.records());
				entry.put("files", files);
				categories.add(entry);
			}
			modules.add(Map.of("module", holder.module(), "categories", categories));
		}
		var document = new LinkedHashMap<String, Object>();
		document.put("format", FORMAT);
		document.put("generatedAt", clock.instant().toString());
		document.put("account", subject.account() == null ? null : subject.account().toString());
		document.put("modules", modules);
		return JSON.writeValueAsString(document);
	}

	@Override
	public Erased erase(DataSubject subject) {
		var removed = new TreeMap<String, Integer>();
		var kept = new TreeMap<String, Integer>();
		for (PersonalDataHolder holder : holders) {
			Erased erased = holder.erase(subject);
			erased.removed().forEach((category, count) -> removed.merge(category, count, Integer::sum));
			erased.kept().forEach((category, count) -> kept.merge(category, count, Integer::sum));
		}
		Instant now = clock.instant();
		evidence.record(Evidence.Kind.ERASURE, subject.account(), now, false, removed, kept);
		return new Erased(removed, kept);
	}
}
