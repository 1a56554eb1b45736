package io.kluis.privacy.requests.web;

/** What the public form posts, echoed back when something must be corrected. */
record RequestForm(String kind, String email, String name, String message) {

	@Override
	public String toString() {
		return "RequestForm[" + kind + "]";
	}
}
