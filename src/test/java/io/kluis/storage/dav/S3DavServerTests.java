package io.kluis.storage.dav;

import io.kluis.storage.S3TestServer;
import org.springframework.test.context.ContextConfiguration;

/**
 * The WebDAV server tests with file contents on S3 (the tests' S3-compatible server): the same
 * requests, the same answers, and the same proof that refused and broken-off uploads leave no object
 * and no unfinished multipart upload behind.
 */
@ContextConfiguration(initializers = S3TestServer.Backend.class)
class S3DavServerTests extends DavServerTests {
}
