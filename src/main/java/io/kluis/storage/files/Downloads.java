package io.kluis.storage.files;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Sends a file's contents as a response body, the one way WebDAV, the content origin and received
 * shares all do: Tomcat's response buffer sized so that each write to the socket is one piece, and
 * the contents read ahead on a second thread when they are long enough ({@link ReadAhead}).
 */
@Component
public class Downloads {

	/** The size of each write to the socket. */
	static final int BUFFER = 64 * 1024;

	private final ReadAhead readAhead;

	Downloads(ReadAhead readAhead) {
		this.readAhead = readAhead;
	}

	/**
	 * Sends {@code length} bytes of {@code contents} as the body of {@code response} (whose headers
	 * are set) and closes {@code contents}.
	 */
	public void send(HttpServletResponse response, InputStream contents, long length) throws IOException {
		response.setBufferSize(BUFFER);
		readAhead.send(contents, length, response.getOutputStream());
	}
}
