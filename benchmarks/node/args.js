// Command-line options of the benchmark's Node programs: `--key value`, or `--flag` alone.
'use strict';

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const key = argv[i].slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        out[key] = true;
      }
      else {
        out[key] = next;
        i++;
      }
    }
  }
  return out;
}

module.exports = { parseArgs };
