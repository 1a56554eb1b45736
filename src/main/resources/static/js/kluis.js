// Small progressive enhancements; every page works without JavaScript.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (button) {
    const target = document.getElementById(button.dataset.copy);
    if (target && navigator.clipboard) {
      navigator.clipboard.writeText(target.textContent.trim());
    }
  }
});
