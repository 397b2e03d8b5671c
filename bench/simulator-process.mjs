// The platform simulator in a process of its own, so that it never competes with the
// process being measured for the same event loop. Started by bench/run.mjs through fork().
import { startSimulator } from '../dist/simulator/server.js';
import { activeScenario, neverPostedScenario } from './lists.mjs';

const spec = JSON.parse(process.argv[2]);
const scenarios = {};
for (const [platform, { first, count, prefix = '', hex = false, active = false }] of Object.entries(spec.platforms)) {
  // Xiaohongshu's ids are 24 hexadecimal digits.
  const toId = hex ? (n) => `${prefix}${n.toString(16).padStart(24 - prefix.length, '0')}` : (n) => `${prefix}${n}`;
  scenarios[platform] = (active ? activeScenario : neverPostedScenario)(first, count, toId);
}
const simulator = await startSimulator({ scenarios, latencyMs: spec.latencyMs ?? 0, fallbackHost: spec.fallbackHost });
process.send({ type: 'ready', origin: simulator.origin, connectTo: simulator.connectTo() });
process.on('message', async (message) => {
  if (message.type === 'log') {
    const byHost = {};
    for (const entry of simulator.log) (byHost[entry.host] ??= []).push(entry.at);
    process.send({ type: 'log', byHost });
    simulator.log.length = 0;
  } else if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ type: 'cpu', cpuMs: (user + system) / 1000 });
  } else if (message.type === 'stop') {
    await simulator.close();
    process.exit(0);
  }
});
