/** Jest runs two projects: the proxy and everything around it on Node, the widget in jsdom. */
const fs = require('node:fs');
const path = require('node:path');

const projects = ['<rootDir>/jest.proxy.config.js'];
if (fs.existsSync(path.join(__dirname, 'widget-src/jest.config.js'))) {
  projects.push('<rootDir>/widget-src/jest.config.js');
}

module.exports = { projects };
