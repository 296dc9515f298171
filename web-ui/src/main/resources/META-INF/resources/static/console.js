// SmokeTrace console: the CSRF header on every htmx request, live updates over SSE, confirmations.
(function () {
  const token = document.querySelector('meta[name="csrf-token"]')?.content;
  document.addEventListener('htmx:configRequest', (event) => {
    if (token) {
      event.detail.headers['X-CSRF-Token'] = token;
    }
  });
  if (window.htmx) {
    // Swap 422 (a form with validation messages) like a success; other errors are not swapped.
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '422', swap: true },
      { code: '[45]..', swap: false, error: true },
    ];
  }
  document.addEventListener('submit', (event) => {
    const message = event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    const state = document.getElementById('live-state');
    if (!document.querySelector('[data-live]') || !window.EventSource) {
      return;
    }
    const source = new EventSource('/live');
    source.addEventListener('open', () => { if (state) { state.textContent = '● live'; state.classList.remove('off'); } });
    source.addEventListener('error', () => { if (state) { state.textContent = '○ live updates paused'; state.classList.add('off'); } });
    source.addEventListener('change', (event) => {
      document.querySelectorAll('[data-live~="' + event.data + '"]').forEach((el) => htmx.trigger(el, 'live'));
    });
  });
})();
