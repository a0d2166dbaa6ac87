#!/usr/bin/env node
// The `novacron` command: the CLI bundle built by `npm run build:node` (also run by `npm install`).
import '../dist/node/cli.mjs';
