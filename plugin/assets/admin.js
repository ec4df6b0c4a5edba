/**
 * Aisle settings screen: copy the secret, test the connection, sync with a progress
 * bar, disconnect, and show the manual key fields only when chosen. Plain JS, no
 * build step. Every call goes to this site's REST API, which signs the call to the
 * proxy on the server: the browser never sees the connection secret of a request.
 */
(function () {
  'use strict';
  var config = window.aisleAdmin;
  if (!config) {
    return;
  }
  var t = config.i18n;

  function $(id) {
    return document.getElementById(id);
  }

  function api(path, method) {
    return window
      .fetch(config.restUrl + path, {
        method: method,
        credentials: 'same-origin',
        headers: { 'X-WP-Nonce': config.nonce, Accept: 'application/json' },
      })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error((body && body.message) || t.requestFailed);
          }
          return body;
        });
      });
  }

  // Copy buttons.
  document.querySelectorAll('[data-aisle-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var field = $(button.getAttribute('data-aisle-copy'));
      var status = button.parentNode.querySelector('.aisle-copy-status');
      field.select();
      var done = function (ok) {
        if (status) {
          status.textContent = ok ? t.copied : t.copyFailed;
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () {
            done(true);
          },
          function () {
            done(false);
          },
        );
      } else {
        done(document.execCommand && document.execCommand('copy'));
      }
    });
  });

  // Confirmations.
  var regenerate = $('aisle-regenerate');
  if (regenerate) {
    regenerate.addEventListener('click', function (event) {
      if (!window.confirm(t.confirmRegen)) {
        event.preventDefault();
      }
    });
  }

  // Manual WooCommerce keys only when "manual" is chosen.
  var manual = document.querySelector('[data-aisle-show-when="manual"]');
  var accessRadios = document.querySelectorAll('input[name="aisle_settings[woo_access]"]');
  function syncManual() {
    var chosen = document.querySelector('input[name="aisle_settings[woo_access]"]:checked');
    if (manual) {
      manual.hidden = !chosen || chosen.value !== 'manual';
    }
  }
  accessRadios.forEach(function (radio) {
    radio.addEventListener('change', syncManual);
  });
  syncManual();

  // Colour picker mirrors the hex field.
  document.querySelectorAll('[data-aisle-color-for]').forEach(function (picker) {
    var text = $(picker.getAttribute('data-aisle-color-for'));
    picker.addEventListener('input', function () {
      text.value = picker.value;
    });
    text.addEventListener('input', function () {
      if (/^#[0-9a-f]{6}$/i.test(text.value)) {
        picker.value = text.value;
      }
    });
  });

  // Test connection.
  var testButton = $('aisle-test');
  var results = $('aisle-test-results');
  function showLines(lines) {
    results.textContent = '';
    lines.forEach(function (line) {
      var item = document.createElement('li');
      item.className = line.ok ? 'aisle-ok' : 'aisle-problem';
      var label = document.createElement('strong');
      label.textContent = (line.ok ? t.ok : t.problem) + ': ';
      item.appendChild(label);
      item.appendChild(document.createTextNode(line.text));
      results.appendChild(item);
    });
    results.hidden = false;
  }
  if (testButton) {
    testButton.addEventListener('click', function () {
      testButton.disabled = true;
      showLines([{ ok: true, text: t.testing }]);
      api('test', 'POST')
        .then(function (body) {
          showLines(body.lines || []);
        })
        .catch(function (error) {
          showLines([{ ok: false, text: error.message }]);
        })
        .finally(function () {
          testButton.disabled = false;
        });
    });
  }

  // Sync with a progress bar fed by the proxy's sync status.
  var syncButton = $('aisle-sync');
  var progress = $('aisle-sync-progress');
  var syncText = $('aisle-sync-text');
  var syncLast = $('aisle-sync-last');
  var polling = null;

  function renderSync(body) {
    var sync = body.sync || {};
    if (!body.ok && body.message) {
      syncText.textContent = body.message;
    } else {
      syncText.textContent = sync.text || body.message || '';
    }
    syncLast.textContent = sync.last || '';
    var running = sync.state === 'running';
    progress.hidden = !running;
    if (running) {
      if (typeof sync.percent === 'number') {
        progress.value = sync.percent;
      } else {
        progress.removeAttribute('value'); // Indeterminate.
      }
    }
    if (syncButton) {
      syncButton.disabled = running;
    }
    return running;
  }

  function poll() {
    window.clearTimeout(polling);
    api('sync-status', 'GET')
      .then(function (body) {
        if (renderSync(body)) {
          polling = window.setTimeout(poll, 1500);
        }
      })
      .catch(function (error) {
        syncText.textContent = error.message;
      });
  }

  if (syncButton && !$('aisle-sync-box').hidden) {
    syncButton.addEventListener('click', function () {
      syncButton.disabled = true;
      syncText.textContent = t.starting;
      api('sync', 'POST')
        .then(function (body) {
          if (renderSync(body) || body.ok) {
            polling = window.setTimeout(poll, 1000);
          } else {
            syncButton.disabled = false;
          }
        })
        .catch(function (error) {
          syncText.textContent = error.message;
          syncButton.disabled = false;
        });
    });
    poll();
  }

  // Disconnect.
  var disconnect = $('aisle-disconnect');
  if (disconnect) {
    disconnect.addEventListener('click', function () {
      if (!window.confirm(t.confirmDisc)) {
        return;
      }
      disconnect.disabled = true;
      api('disconnect', 'POST')
        .then(function (body) {
          showLines([{ ok: body.ok, text: body.message }]);
          window.setTimeout(function () {
            window.location.reload();
          }, 1500);
        })
        .catch(function (error) {
          showLines([{ ok: false, text: error.message }]);
          disconnect.disabled = false;
        });
    });
  }
})();
