package io.kluis.privacy.consent;

import io.kluis.privacy.register.ProcessingRegister;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link PolicyVersion}: {@code register-} and the first 16 hex digits of the SHA-256 of
 * the effective register as canonical JSON. Any change to what the policy says changes the value, so
 * a proof record names exactly the text the person saw.
 */
@Component
class RegisterPolicyVersion implements PolicyVersion {

	private final String version;

	RegisterPolicyVersion(ProcessingRegister register) {
		this.version = "register-" + HexFormat.of().formatHex(sha256(canonical(register)), 0, 8);
	}

	@Override
	public String current() {
		return version;
	}

	static byte[] canonical(ProcessingRegister register) {
		return JsonMapper.builder().build().writeValueAsString(register).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
