// Stands in for @bugsnag/js, which @netlify/build-info imports but only starts from its own CLI.
const noop = () => undefined;
const client = { notify: noop, start: () => client, leaveBreadcrumb: noop };
module.exports = client;
module.exports.default = client;
