#!/usr/bin/env node
// The CLI runs from source through tsx so that `ferry` and the app always share one build of the services.
import { register } from 'tsx/esm/api';

register();
await import('../electron/host/cli/main.ts');
