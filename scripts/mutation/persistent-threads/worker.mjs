// The thread of pool.mjs: vitest's own thread worker (vitest/dist/workers/threads.js), with two
// differences a thread that serves many runs needs. Each run's "start" sets up a new RPC channel:
// the previous one's listener goes, so they do not pile up. And each run starts with the project's
// own modules unloaded (the packages stay): a module's state from one mutant (a cache filled while
// it was switched on) must not reach the next, as it could not when each run had a new thread.
import { parentPort } from 'node:worker_threads';
import { init, runBaseTests, setupEnvironment } from 'vitest/worker';

let messageListener;
let rpcListener;

function unloadProjectModules() {
  const modules = globalThis.__vitest_worker__?.evaluatedModules;
  if (!modules) return;
  for (const node of modules.idToModuleMap.values()) {
    if (node.file && !node.file.includes('/node_modules/')) modules.invalidateModule(node);
  }
}

async function fresh(method, state, traces) {
  unloadProjectModules();
  return runBaseTests(method, state, traces);
}

init({
  post: (response) => parentPort.postMessage(response),
  on: (callback) => {
    // The first listener is the worker's own message loop; each later one is a run's RPC.
    if (!messageListener) messageListener = callback;
    else {
      if (rpcListener) parentPort.off('message', rpcListener);
      rpcListener = callback;
    }
    parentPort.on('message', callback);
  },
  off: (callback) => parentPort.off('message', callback),
  teardown: () => parentPort.removeAllListeners('message'),
  runTests: (state, traces) => fresh('run', state, traces),
  collectTests: (state, traces) => fresh('collect', state, traces),
  setup: setupEnvironment,
});
