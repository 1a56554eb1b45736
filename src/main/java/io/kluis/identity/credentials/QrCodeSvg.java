package io.kluis.identity.credentials;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders text (an {@code otpauth://} URI) as an inline SVG QR code, so enrolment needs no image
 * endpoint, no raster library and no third-party QR service that would see the TOTP secret.
 * <p>
 * Output: one module per SVG unit with the 4-module quiet zone, error correction level M, a single
 * {@code <path>} made of horizontal runs ({@code M x y h n v1 h-n z}) and {@code shape-rendering="crispEdges"}.
 * No scripts, no text, no external references: the encoded content is not readable from the markup
 * except by decoding the QR code, so the secret is not in the page as text. Scale it with CSS.
 */
public final class QrCodeSvg {

	public static final int QUIET_ZONE_MODULES = 4;

	private QrCodeSvg() {
	}

	/** @throws IllegalArgumentException when {@code content} does not fit in a QR code */
	public static String render(String content) {
		BitMatrix matrix = encode(content);
		int width = matrix.getWidth();
		int height = matrix.getHeight();
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < height; y++) {
			int x = 0;
			while (x < width) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < width && matrix.get(x, y)) {
					x++;
				}
				int run = x - start;
				path.append('M').append(start).append(' ').append(y).append('h').append(run).append("v1h-").append(run)
					.append('z');
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
				+ "\" shape-rendering=\"crispEdges\" role=\"img\">" + "<rect width=\"" + width + "\" height=\"" + height
				+ "\" fill=\"#fff\"/>" + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
	}

	/** The module matrix including the quiet zone, one bit per module. */
	static BitMatrix encode(String content) {
		try {
			Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
			hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
			hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
			if (!content.chars().allMatch(c -> c < 0x80)) {
				// ASCII (every otpauth URI) needs no ECI header, which some older scanners mishandle.
				hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
			}
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
		}
		catch (WriterException e) {
			throw new IllegalArgumentException("content does not fit in a QR code", e);
		}
	}
}
