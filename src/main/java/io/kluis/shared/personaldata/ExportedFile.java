package io.kluis.shared.personaldata;

import java.io.IOException;
import java.io.InputStream;

/** A file in an export, streamed (a storage module's blobs can be large). */
public record ExportedFile(String path, long size, Content content) {

	@FunctionalInterface
	public interface Content {
		InputStream open() throws IOException;
	}

	@Override
	public String toString() {
		return "ExportedFile[" + size + " bytes]";
	}
}
