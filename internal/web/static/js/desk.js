// Keyboard shortcuts of the coordinator's desk. Every shortcut belongs to a
// visible control that names its key in aria-keyshortcuts, so the page
// itself is the list of shortcuts and works the same without this script:
//
//   a search field    gets the focus;
//   a link            is followed;
//   a <summary>       opens or closes its <details>;
//   a button with data-confirm gets the focus and says, in a live region,
//                     that Enter now does it: proposing a volunteer takes a
//                     second, deliberate key press, never a stray digit.
//
// Keys do nothing while the focus is in a field, so typing a name with an
// "n" in it never leaves the form, nor with Ctrl, Alt or Meta held, so the
// browser's own shortcuts keep working.
(function () {
  'use strict';

  var armed = null;

  function typing(el) {
    if (!el || el === document.body) {
      return false;
    }
    if (el.isContentEditable) {
      return true;
    }
    var tag = el.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') {
      return true;
    }
    if (tag !== 'INPUT') {
      return false;
    }
    // Checkboxes and radio buttons take no text; their own keys are
    // Space and the arrows, which no shortcut uses.
    var type = (el.getAttribute('type') || 'text').toLowerCase();
    return type !== 'checkbox' && type !== 'radio' && type !== 'submit' && type !== 'button';
  }

  function control(key) {
    var all = document.querySelectorAll('[aria-keyshortcuts]');
    for (var i = 0; i < all.length; i++) {
      var keys = all[i].getAttribute('aria-keyshortcuts').split(/\s+/);
      if (keys.indexOf(key) >= 0 && !all[i].closest('[hidden]')) {
        return all[i];
      }
    }
    return null;
  }

  function say(text) {
    var live = document.getElementById('desk-live');
    if (live) {
      live.textContent = text;
    }
  }

  function disarm() {
    if (armed) {
      armed.classList.remove('desk-armed');
      armed = null;
      say('');
    }
  }

  function arm(button) {
    disarm();
    armed = button;
    button.classList.add('desk-armed');
    button.scrollIntoView({ block: 'nearest' });
    button.focus();
    say(button.getAttribute('data-confirm'));
  }

  function activate(el) {
    var tag = el.tagName;
    if (tag === 'INPUT') {
      el.focus();
      el.select();
    } else if (tag === 'SUMMARY') {
      var details = el.parentElement;
      details.open = !details.open;
      el.focus();
    } else if (tag === 'BUTTON' && el.hasAttribute('data-confirm')) {
      arm(el);
    } else {
      el.click();
    }
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) {
      return;
    }
    if (e.key === 'Escape' && armed) {
      var was = armed;
      disarm();
      was.blur();
      e.preventDefault();
      return;
    }
    if (typing(e.target)) {
      return;
    }
    var el = control(e.key);
    if (!el) {
      return;
    }
    e.preventDefault();
    activate(el);
  });

  // A proposal armed by its key is disarmed when the focus moves on, so
  // the live region never describes a button that no longer has the focus.
  document.addEventListener('focusin', function (e) {
    if (armed && e.target !== armed) {
      disarm();
    }
  });
})();
