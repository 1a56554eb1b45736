package io.kluis.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.storage.S3TestServer;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import io.kluis.storage.files.StorageProperties;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The blob store contract on S3, against the S3-compatible server of the tests, each test on a
 * bucket of its own, with 5 MiB parts (S3's smallest).
 */
class S3BlobStoreUnitTests extends BlobStoreContract {

	S3BlobStore store;

	StorageProperties.S3 settings;

	@BeforeEach
	void emptyBucket() {
		var server = S3TestServer.get();
		settings = new StorageProperties.S3(server.endpoint().toString(), S3TestServer.REGION, server.newBucket(),
				S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, true, DataSize.ofBytes(partSize()));
		store = S3Backend.connect(new StorageProperties.Blobs("s3", null, List.of("eu-central-1", "eu-west-1"), settings));
	}

	/** A store on the same bucket whose client runs {@code interceptor}. */
	S3BlobStore intercepted(ExecutionInterceptor interceptor) {
		return new S3BlobStore(S3Backend.clientBuilder(settings)
			.overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
			.build(), settings.bucket(), S3TestServer.REGION, "test", partSize());
	}

	@AfterEach
	void closeClient() {
		store.close();
	}

	@Override
	BlobStore store() {
		return store;
	}

	@Override
	int partSize() {
		return 5 * MiB;
	}

	@Test
	@DisplayName("EU-1: the S3 backend declares its location: kind s3 and the configured region")
	void declaresItsLocation() {
		assertThat(store.location().kind()).isEqualTo("s3");
		assertThat(store.location().region()).isEqualTo("eu-central-1");
		assertThat(store.location().description()).doesNotContain(S3TestServer.SECRET_KEY, S3TestServer.ACCESS_KEY);
	}

	@Test
	@DisplayName("An upload holds at most one part in memory, however much is written")
	void memoryStaysAtOnePart() throws IOException {
		String key = newKey();
		byte[] chunk = random(256 * 1024);
		int largest = 0;
		try (var upload = (S3Upload) store.create(key)) {
			for (int i = 0; i < 64; i++) {
				upload.stream().write(chunk);
				largest = Math.max(largest, upload.buffered());
			}
			upload.commit();
			assertThat(upload.buffered()).as("released on commit").isZero();
		}
		assertThat(largest).isEqualTo(partSize());
		assertThat(store.exists(key)).isTrue();
	}

	@Test
	@DisplayName("A commit whose answer is lost still counts when the object is there: no orphan, no lost upload")
	void commitWithALostAnswer() throws IOException {
		var answerLost = new ExecutionInterceptor() {
			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof CompleteMultipartUploadRequest || context.request() instanceof PutObjectRequest) {
					throw SdkClientException.create("connection reset (simulated)");
				}
			}
		};
		try (var lossy = intercepted(answerLost)) {
			String small = newKey();
			String large = newKey();
			byte[] content = random(partSize() + 1000);
			for (String key : List.of(small, large)) {
				try (BlobUpload upload = lossy.create(key)) {
					upload.stream().write(content, 0, key.equals(small) ? 1000 : content.length);
					upload.commit();
				}
			}
			assertThat(lossy.exists(small)).isTrue();
			assertThat(lossy.exists(large)).isTrue();
			assertThat(StoredBlobs.of(lossy).unfinished()).isEmpty();
		}
	}

	@Test
	@DisplayName("A commit that never reaches S3 fails with an I/O error naming no key or secret, and leaves nothing")
	void commitThatFails() throws IOException {
		var unreachable = new ExecutionInterceptor() {
			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				if (context.request() instanceof CompleteMultipartUploadRequest || context.request() instanceof PutObjectRequest) {
					throw SdkClientException.create("connection refused (simulated)");
				}
			}
		};
		try (var failing = intercepted(unreachable)) {
			for (int size : new int[] { 1000, partSize() + 1000 }) {
				String key = newKey();
				assertThatThrownBy(() -> {
					try (BlobUpload upload = failing.create(key)) {
						upload.stream().write(random(size));
						upload.commit();
					}
				}).isInstanceOf(IOException.class)
					.hasMessageStartingWith("S3 ")
					.message()
					.doesNotContain(key, settings.bucket(), S3TestServer.SECRET_KEY);
				assertThat(failing.exists(key)).isFalse();
			}
			assertThat(StoredBlobs.of(failing).committed()).isEmpty();
			assertThat(StoredBlobs.of(failing).unfinished()).as("aborted on close").isEmpty();
		}
	}

	@Test
	@DisplayName("A resumable upload completed again (the first answer lost) stays complete")
	void resumableCompletionRepeated() throws IOException {
		String key = newKey();
		byte[] content = random(partSize() + 1000);
		String state = store.beginResumable(key);
		state = store.appendResumable(key, state, 0, new java.io.ByteArrayInputStream(content), content.length);
		store.completeResumable(key, state);
		store.completeResumable(key, state);
		assertThat(read(key, 0, content.length)).isEqualTo(content);
		assertThat(StoredBlobs.of(store).unfinished()).isEmpty();
	}

	@Test
	@DisplayName("A small upload starts with a small buffer, not a whole part")
	void smallUploadsStaySmall() throws IOException {
		try (var upload = (S3Upload) store.create(newKey())) {
			upload.stream().write(random(1000));
			assertThat(upload.buffered()).isLessThanOrEqualTo(64 * 1024);
		}
	}
}
