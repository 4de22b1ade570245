#!/usr/bin/env -S node --max-semi-space-size=8 --optimize-for-size
// The flags keep V8's heap tight: the young generation at 8 MB per semi-space, and the heap grown
// and collected for size rather than speed. A 50,000-person dry run peaks about a quarter lower
// in RSS; what that costs in CPU time is measured by `npm run bench` (Performance in the README).
// `env -S` is in every system Node 22 supports (GNU coreutils 8.30+, BusyBox 1.32+, macOS), and
// npm's Windows shims read it.
import '../dist/bin.js';
