// Cookie consent in the browser (CON-2). The choice lives in the technical cookie kluis_consent,
// written by the server: "2.<consent id>.<granted>.<policy version>" with granted a subset of f, a, c,
// or "-" (cookies of the first format, "1.<consent id>.<granted>", still count).
// Scripts that would set a non-technical cookie or call an analytics endpoint must ask first:
//   if (window.kluisConsent.allowed('analytical')) { ... }
// and may listen for changes: document.addEventListener('kluis:consent', (e) => e.detail.allowed('analytical')).
// The banner and settings forms work without this file; here they are posted in the background.
const FLAGS = { functional: 'f', analytical: 'a', commercial: 'c' };

function granted() {
  const match = document.cookie.match(/(?:^|;\s*)kluis_consent=(?:1\.[0-9a-f-]{36}\.(-|f?a?c?)|2\.[0-9a-f-]{36}\.(-|f?a?c?)\.[0-9]{1,9})(?:;|$)/);
  return match ? (match[1] ?? match[2]) : null;
}

const kluisConsent = Object.freeze({
  /** Whether cookies (and similar storage) of the category may be used now. */
  allowed(category) {
    if (category === 'technical') {
      return true;
    }
    const flags = granted();
    return Boolean(flags && FLAGS[category] && flags.includes(FLAGS[category]));
  },
  /** Whether the visitor has made a choice at all. */
  decided() {
    return granted() !== null;
  },
});

Object.defineProperty(window, 'kluisConsent', { value: kluisConsent, writable: false, configurable: false });

document.addEventListener('submit', async (event) => {
  const form = event.target.closest('[data-consent-form]');
  if (!form || !window.fetch) {
    return;
  }
  event.preventDefault();
  const data = new FormData(form);
  if (event.submitter && event.submitter.name) {
    data.set(event.submitter.name, event.submitter.value);
  }
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(data),
      headers: { 'X-Requested-With': 'kluis-consent' },
      credentials: 'same-origin',
    });
    if (!response.ok) {
      throw new Error('consent not saved: ' + response.status);
    }
  } catch (e) {
    // Fall back to the plain form post; form.submit() would drop the pressed button's value.
    if (event.submitter && event.submitter.name) {
      const pressed = document.createElement('input');
      pressed.type = 'hidden';
      pressed.name = event.submitter.name;
      pressed.value = event.submitter.value;
      form.append(pressed);
    }
    form.submit();
    return;
  }
  const banner = document.getElementById('consent-banner');
  if (banner) {
    banner.hidden = true;
  }
  document.dispatchEvent(new CustomEvent('kluis:consent', { detail: kluisConsent }));
  if (data.get('from') === 'settings') {
    window.location.assign(form.action + '?saved');
  }
});
