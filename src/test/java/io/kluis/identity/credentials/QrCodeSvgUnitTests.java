package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodeSvgUnitTests {

	static final String URI = new Totp().provisioningUri(TotpSecret.generate(), "Kluis", "jan@example.nl");

	@Test
	void rendersACompactSvgWithoutScriptsOrReadableContent() {
		String svg = QrCodeSvg.render(URI);

		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.contains("shape-rendering=\"crispEdges\"")
			.endsWith("</svg>")
			.doesNotContainIgnoringCase("<script")
			.doesNotContainIgnoringCase("href")
			.doesNotContainIgnoringCase(" on")
			.doesNotContain("otpauth")
			.doesNotContain("secret");
		assertThat(svg.split("<path", -1)).hasSize(2);
		assertThat(svg.length()).isLessThan(20_000);
	}

	@Test
	void keepsAFourModuleQuietZone() {
		boolean[][] modules = modulesOf(QrCodeSvg.render(URI));
		int size = modules.length;

		for (int i = 0; i < size; i++) {
			for (int q = 0; q < QrCodeSvg.QUIET_ZONE_MODULES; q++) {
				assertThat(modules[q][i] || modules[size - 1 - q][i] || modules[i][q] || modules[i][size - 1 - q])
					.isFalse();
			}
		}
	}

	@Test
	void decodesBackToTheSameTextWithZxing() throws Exception {
		assertThat(decode(QrCodeSvg.render(URI))).isEqualTo(URI);
		assertThat(decode(QrCodeSvg.render("Kluis – ĳs & café"))).isEqualTo("Kluis – ĳs & café");
	}

	/** Rasterises the SVG path (4 px per module) and reads it with zxing's QR decoder. */
	static String decode(String svg) throws Exception {
		boolean[][] modules = modulesOf(svg);
		int scale = 4;
		int size = modules.length * scale;
		int[] pixels = new int[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				pixels[y * size + x] = modules[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
			}
		}
		var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
		// a rendered code is a pure barcode: no perspective or noise for the detector to guess at
		var hints = new java.util.EnumMap<com.google.zxing.DecodeHintType, Object>(com.google.zxing.DecodeHintType.class);
		hints.put(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE);
		hints.put(com.google.zxing.DecodeHintType.CHARACTER_SET, "UTF-8");
		return new QRCodeReader().decode(bitmap, hints).getText();
	}

	/** modules[y][x], parsed back from the viewBox and the {@code M x y h n v1 h-n z} runs. */
	static boolean[][] modulesOf(String svg) {
		Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(box.find()).isTrue();
		int width = Integer.parseInt(box.group(1));
		assertThat(Integer.parseInt(box.group(2))).isEqualTo(width);
		boolean[][] modules = new boolean[width][width];
		Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(svg);
		int runs = 0;
		while (run.find()) {
			int x = Integer.parseInt(run.group(1));
			int y = Integer.parseInt(run.group(2));
			int length = Integer.parseInt(run.group(3));
			assertThat(run.group(4)).isEqualTo(run.group(3));
			for (int i = 0; i < length; i++) {
				modules[y][x + i] = true;
			}
			runs++;
		}
		assertThat(runs).isPositive();
		return modules;
	}
}
