/**
 * `react-jsx-runtime` for WordPress before 6.6 (React 17 on 6.1), registered by the
 * plugin only when WordPress lacks the handle. The automatic JSX runtime calls
 * jsx(type, props, key); React.createElement takes `children` from props when no
 * children arguments are passed, so one call covers both.
 */
(function (React) {
  'use strict';
  if (!React || window.ReactJSXRuntime) {
    return;
  }
  function jsx(type, props, key) {
    var config = {};
    for (var name in props) {
      if (Object.prototype.hasOwnProperty.call(props, name)) {
        config[name] = props[name];
      }
    }
    if (key !== undefined) {
      config.key = key;
    }
    return React.createElement(type, config);
  }
  window.ReactJSXRuntime = { jsx: jsx, jsxs: jsx, Fragment: React.Fragment };
})(window.React);
