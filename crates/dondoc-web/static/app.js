// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.querySelector('.menu-toggle');
  var menu = document.getElementById('menu');
  if (toggle && menu) {
    toggle.addEventListener('click', function () {
      var open = menu.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
  // "Select all" boxes of bulk actions.
  document.querySelectorAll('input.select-all').forEach(function (all) {
    all.addEventListener('change', function () {
      var table = all.closest('table');
      if (!table) return;
      table.querySelectorAll('tbody input[type=checkbox]').forEach(function (c) { c.checked = all.checked; });
    });
  });
  // Review screen: clicking a highlighted passage scrolls to its task, and back.
  function link(from, to) {
    document.querySelectorAll(from).forEach(function (el) {
      el.addEventListener('click', function (ev) {
        var n = el.getAttribute('data-task');
        var target = document.getElementById(to + n);
        if (!target) return;
        if (ev.target.closest('textarea, input, select, button, label')) return;
        document.querySelectorAll('.active').forEach(function (a) { a.classList.remove('active'); });
        el.classList.add('active'); target.classList.add('active');
        target.scrollIntoView({ behavior: 'smooth', block: 'center' });
      });
    });
  }
  link('mark[data-task]', 'task-');
  link('.task[data-task]', 'src-');
});
