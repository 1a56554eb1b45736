package io.kluis.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body that is parsed in memory (JSON, forms, XML and anything else a
 * non-streaming request carries) before any filter, security check or parser reads it, so a flood of
 * large bodies costs bandwidth, not heap. A declared {@code Content-Length} over the limit is
 * refused at once without being read into memory; a chunked body is read up to the limit and refused the moment it
 * passes it (forms through Tomcat's own form limit, which {@code application.yml} ties to the same
 * key). The refusal is a 413: a problem document on the API and WebDAV (or when the body is JSON or
 * XML), the error page for browser forms, always with the strict headers. Streaming uploads
 * ({@link StreamingRequests}) and multipart forms (Spring's multipart limits) are left alone.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BodyLimitFilter.class);

	/** Tomcat's request attribute naming why form parameters could not be parsed. */
	static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

	enum Kind {
		JSON, FORM, XML
	}

	private final RequestLimits limits;

	private final List<StreamingRequests> streaming;

	private final boolean production;

	BodyLimitFilter(RequestLimits limits, List<StreamingRequests> streaming, boolean production) {
		this.limits = limits;
		this.streaming = streaming;
		this.production = production;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Kind kind = kind(request);
		if (kind == null) {
			chain.doFilter(request, response);
			return;
		}
		long limit = limit(kind);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			refuse(request, response, kind, limit);
			return;
		}
		if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
			chain.doFilter(request, response); // the container delivers no more than declared
			return;
		}
		if (kind == Kind.FORM) {
			request.getParameterMap(); // Tomcat reads the chunked form, up to the same limit
			Object reason = request.getAttribute(PARSE_FAILED_REASON);
			if (reason != null && reason.toString().equals("POST_TOO_LARGE")) {
				refuse(request, response, kind, limit);
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) limit + 1);
		if (body.length > limit) {
			refuse(request, response, kind, limit);
			return;
		}
		chain.doFilter(new Buffered(request, body), response);
	}

	private long limit(Kind kind) {
		return switch (kind) {
			case JSON -> limits.maxJsonBody().toBytes();
			case FORM -> limits.maxFormBody().toBytes();
			case XML -> limits.maxXmlBody().toBytes();
		};
	}

	/** The kind of body, or {@code null} when there is none to bound here. */
	@Nullable Kind kind(HttpServletRequest request) {
		if (request.getContentLengthLong() == 0
				|| (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null)) {
			return null;
		}
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
		if (essence.startsWith("multipart/") || streaming.stream().anyMatch(s -> s.streams(request))) {
			return null;
		}
		if (essence.equals("application/x-www-form-urlencoded")) {
			return Kind.FORM;
		}
		String method = request.getMethod();
		if (essence.equals("application/xml") || essence.equals("text/xml") || essence.endsWith("+xml")
				|| method.equals("PROPFIND") || method.equals("PROPPATCH") || method.equals("LOCK")) {
			return Kind.XML;
		}
		return Kind.JSON;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Kind kind, long limit)
			throws IOException {
		log.info("event=web.body-too-large kind={} limit={}", kind, limit);
		// the rest of the body is not read here: Tomcat discards up to server.tomcat.max-swallow-size of
		// it after the answer (so simple clients that send everything before reading get the 413), and
		// closes the connection beyond that
		if (wantsProblem(request, kind)) {
			StrictHeaders.problem(request, response, production, 413, "Content Too Large",
					"The request body is larger than the " + limit + " bytes a " + kind.name() + " body may have.");
			response.flushBuffer();
			return;
		}
		// the error page, as a GET without a body: the security chain's CSRF check must not read the form
		response.setStatus(413);
		StrictHeaders.write(request, response, production);
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		try {
			request.getRequestDispatcher("/error").forward(new Bodiless(request), response);
		}
		catch (ServletException e) {
			StrictHeaders.problem(request, response, production, 413, "Content Too Large", "The request body is too large.");
		}
	}

	/**
	 * A problem document for every client but a browser submitting a form: only a form body from a
	 * client that asks for HTML gets the error page. Decided by what the client accepts, not by
	 * path, so shared knows no module's paths (WebDAV clients and the panel's scripts never ask
	 * for HTML; an API call asking for JSON gets JSON).
	 */
	private static boolean wantsProblem(HttpServletRequest request, Kind kind) {
		String accept = request.getHeader("Accept");
		return kind != Kind.FORM || accept == null || !accept.contains("text/html") || accept.contains("json");
	}

	/** The refused request as the error page sees it: a GET without body or parameters. */
	private static final class Bodiless extends HttpServletRequestWrapper {

		Bodiless(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public @Nullable String getContentType() {
			return null;
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public @Nullable String getParameter(String name) {
			return null;
		}

		@Override
		public java.util.Map<String, String[]> getParameterMap() {
			return java.util.Map.of();
		}

		@Override
		public java.util.Enumeration<String> getParameterNames() {
			return java.util.Collections.emptyEnumeration();
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return null;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new Buffered((HttpServletRequest) getRequest(), new byte[0]).getInputStream();
		}
	}

	/** A request whose (chunked) body was read here and is handed on from memory. */
	private static final class Buffered extends HttpServletRequestWrapper {

		private final byte[] body;

		Buffered(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("the body was already read");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset;
			try {
				charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
			}
			catch (IllegalArgumentException e) {
				charset = StandardCharsets.UTF_8;
			}
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
	}
}
