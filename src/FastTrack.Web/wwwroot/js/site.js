// No inline script anywhere (the Content-Security-Policy forbids it): behaviour hangs off data- attributes.
document.querySelectorAll('select[data-autosubmit]').forEach(function (el) {
    el.addEventListener('change', function () { el.form.submit(); });
});
document.querySelectorAll('[data-confirm]').forEach(function (el) {
    el.addEventListener('click', function (e) { if (!window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); } });
});
// The phase plan of a new engagement: a phase whose default depends on the services (Migrate) follows the services ticked
// until the FM ticks or clears it.
document.querySelectorAll('input[data-default-with]:not([data-default-with=""])').forEach(function (box) {
    var wanted = box.getAttribute('data-default-with').split(';');
    var touched = false;
    box.addEventListener('change', function () { touched = true; });
    box.form.querySelectorAll('input[name="Data.Services"]').forEach(function (svc) {
        svc.addEventListener('change', function () {
            if (touched) { return; }
            box.checked = Array.prototype.some.call(box.form.querySelectorAll('input[name="Data.Services"]:checked'),
                function (s) { return wanted.indexOf(s.value) >= 0; });
        });
    });
});
// The engagement page folds phases: a link to a task (#task-994) or to anything inside a folded phase opens it first.
function openFoldedTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var d = target.closest('details'); d; d = d.parentElement ? d.parentElement.closest('details') : null) { d.open = true; }
    target.scrollIntoView();
}
window.addEventListener('hashchange', openFoldedTarget);
openFoldedTarget();
