// The "Print" buttons: a script file of our own, because the page's Content-Security-Policy
// (rightly) runs no inline event handler. Any button marked `data-print` prints the page.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-print]') : null;
  if (button) window.print();
});
