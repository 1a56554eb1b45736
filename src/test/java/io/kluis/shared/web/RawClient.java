package io.kluis.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 client on a plain socket that reads the answer while it is still sending the body,
 * like curl: a server may refuse a body early and close the connection without reading the rest,
 * and the client must still see that answer.
 */
final class RawClient {

	/** A status line, headers (lower-case names) and the body as text. */
	record Answer(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}
	}

	private RawClient() {
	}

	static Answer post(String base, String path, String contentType, byte[] body, boolean chunked) {
		URI uri = URI.create(base);
		try (var socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(120_000);
			InputStream in = socket.getInputStream();
			var reading = CompletableFuture.supplyAsync(() -> readAll(in));
			OutputStream out = socket.getOutputStream();
			String head = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
					+ "\r\nContent-Type: " + contentType + "\r\nAccept: application/json, application/problem+json\r\n"
					+ (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
					+ "Connection: close\r\n\r\n";
			try {
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				for (int offset = 0; offset < body.length && !reading.isDone(); offset += 65536) {
					int length = Math.min(65536, body.length - offset);
					if (chunked) {
						out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					}
					out.write(body, offset, length);
					if (chunked) {
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					}
				}
				if (chunked) {
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.flush();
			}
			catch (IOException e) {
				// the server closed the connection while we were sending: its answer is what counts
			}
			return parse(reading.get(2, TimeUnit.MINUTES));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] readAll(InputStream in) {
		var received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				received.write(buffer, 0, n);
			}
		}
		catch (IOException e) {
			// a reset after the answer: keep what arrived
		}
		return received.toByteArray();
	}

	private static Answer parse(byte[] received) {
		String text = new String(received, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		if (!text.startsWith("HTTP/1.1 ") || end < 0) {
			throw new IllegalStateException("no HTTP answer, received " + received.length + " bytes");
		}
		String[] lines = text.substring(0, end).split("\r\n");
		var headers = new LinkedHashMap<String, String>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
	}
}
