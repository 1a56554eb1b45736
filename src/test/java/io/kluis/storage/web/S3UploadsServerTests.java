package io.kluis.storage.web;

import io.kluis.storage.S3TestServer;
import org.springframework.test.context.ContextConfiguration;

/**
 * Resumable uploads with file contents on S3 (the tests' S3-compatible server): pieces of any size
 * against S3's 5 MiB minimum part, resuming, atomic completion, and nothing left behind.
 */
@ContextConfiguration(initializers = S3TestServer.Backend.class)
class S3UploadsServerTests extends UploadsServerTests {
}
