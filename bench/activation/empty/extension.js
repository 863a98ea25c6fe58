// The activation benchmark's baseline (bench/activation.ts): nothing to load, nothing to do.
/* global exports */
exports.activate = () => undefined;
exports.deactivate = () => undefined;
