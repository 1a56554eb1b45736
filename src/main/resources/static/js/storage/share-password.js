// The password form of a share link posts to the link itself. A vault share's key is in the
// fragment, which a form submission would drop; put it on the form's address so the browser keeps
// it through the redirect back to the page. Fragments are never sent to the server.
const form = document.getElementById('share-password-form');
if (form && location.hash) form.action = form.getAttribute('action') + location.hash;
