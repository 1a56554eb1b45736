package io.kluis.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The size of Tomcat's per-connection write buffer, {@code kluis.web.socket-write-buffer}
 * (default 64KB): Tomcat hands a response to the socket in pieces of this size, one system call
 * each. Its default of 8 KiB costs a streamed response (sealed contents cannot go out with
 * sendfile) about half its speed; 64 KiB is allocated once per open connection, so the memory it
 * takes is this size times the open connections ({@code server.tomcat.max-connections}).
 */
@Configuration(proxyBeanMethods = false)
class SocketBuffers {

	static final long MIN = 8 * 1024;

	static final long MAX = 1024 * 1024;

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatSocketWriteBuffer(
			@Value("${kluis.web.socket-write-buffer:64KB}") DataSize size) {
		if (size.toBytes() < MIN || size.toBytes() > MAX) {
			throw new IllegalArgumentException("kluis.web.socket-write-buffer must be between 8KB and 1MB");
		}
		return factory -> factory.addConnectorCustomizers(
				connector -> connector.setProperty("socket.appWriteBufSize", Long.toString(size.toBytes())));
	}
}
