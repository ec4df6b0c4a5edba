// Stylesheets are webpack's business; in Jest an import of one is an empty module.
module.exports = {};
