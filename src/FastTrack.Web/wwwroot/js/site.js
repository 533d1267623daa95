// No inline script anywhere (the Content-Security-Policy forbids it): behaviour hangs off data- attributes.
document.querySelectorAll('select[data-autosubmit]').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
});
document.querySelectorAll('[data-confirm]').forEach(function (el) {
    el.addEventListener('click', function (e) { if (!window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); } });
});
