// Electronegativity fetches translations and Electron release data over the network at start.
// Our machines are offline by design, so every `got` request fails at once instead of reaching out.
const Module = require('node:module');

const originalLoad = Module._load;
Module._load = function loadWithoutNetwork(request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('network disabled for the security scan'));
    return Object.assign(offline, { default: offline, get: offline, post: offline, stream: offline });
  }
  return originalLoad.call(this, request, parent, isMain);
};
