/** Jest runs two projects: the proxy and everything around it on Node, the widget in jsdom. */
const fs = require('node:fs');
const path = require('node:path');

const projects = ['<rootDir>/jest.proxy.config.js'];
if (fs.existsSync(path.join(__dirname, 'widget-src/jest.config.js'))) {
  projects.push('<rootDir>/widget-src/jest.config.js');
}

// testTimeout is a global option: in a multi-project run the projects' own values are not used.
module.exports = { projects, testTimeout: 30000 };
