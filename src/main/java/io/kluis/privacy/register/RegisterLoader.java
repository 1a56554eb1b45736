package io.kluis.privacy.register;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.Resource;

/**
 * Reads the register from YAML. Unknown keys and wrong types are reported with their location in
 * the file, so a typo never silently drops a promise; missing values are left to
 * {@link RegisterValidator}, which reports them all at once.
 */
public final class RegisterLoader {

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private RegisterLoader() {
	}

	public static ProcessingRegister load(Resource resource) {
		String source = resource.getDescription();
		if (!resource.exists()) {
			throw new InvalidRegisterException(source, List.of(new RegisterProblem("(file)", "does not exist")));
		}
		try (InputStream in = resource.getInputStream()) {
			return YAML.readValue(in, ProcessingRegister.class);
		}
		catch (UnrecognizedPropertyException e) {
			throw new InvalidRegisterException(source, List.of(new RegisterProblem(path(e),
					"unknown key '" + e.getPropertyName() + "'")));
		}
		catch (JacksonException e) {
			throw new InvalidRegisterException(source, List.of(new RegisterProblem(path(e), e.getOriginalMessage())));
		}
		catch (IOException e) {
			throw new InvalidRegisterException(source, List.of(new RegisterProblem("(file)", "cannot be read: " + e)));
		}
	}

	private static String path(JacksonException e) {
		String path = e.getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.reduce("", String::concat);
		String location = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
		return (path.startsWith(".") ? path.substring(1) : path) + location;
	}
}
