package io.kluis.privacy.policy;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.kluis.privacy.register.ProcessingRegister;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register as canonical JSON: record components only (no derived getters such as
 * {@code isLegalHold}), keys sorted, lists in their declared order. Equal registers give equal text,
 * so its SHA-256 tells whether the effective register changed since the last published version.
 */
public final class CanonicalRegister {

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
			.withVisibility(PropertyAccessor.FIELD, Visibility.ANY))
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		// a version stored by an older Kluis may hold keys the model no longer has
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private CanonicalRegister() {
	}

	public static String json(ProcessingRegister register) {
		return JSON.writeValueAsString(register);
	}

	public static String hash(String canonicalJson) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

	/** A stored version's register, for rendering the policy as it was then. */
	public static ProcessingRegister parse(String canonicalJson) {
		return JSON.readValue(canonicalJson, ProcessingRegister.class);
	}

	static tools.jackson.databind.JsonNode tree(String canonicalJson) {
		return JSON.readTree(canonicalJson);
	}
}
