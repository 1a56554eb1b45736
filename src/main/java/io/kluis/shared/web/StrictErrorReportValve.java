package io.kluis.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last resort for an error nothing in the application answered — among them requests
 * Tomcat refuses before any filter runs (an encoded backslash or slash in the path): a bare problem
 * document with the strict headers, instead of Tomcat's HTML page without them. Never a stack trace
 * or a server version.
 */
final class StrictErrorReportValve extends ErrorReportValve {

	private final boolean production;

	StrictErrorReportValve(boolean production) {
		this.production = production;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		var ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get() || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		try {
			response.resetBuffer();
			StrictHeaders.write(request, response, production);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
						+ ",\"detail\":\"The request could not be handled (" + title + ").\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the connection is gone; nothing more to say
		}
	}
}
