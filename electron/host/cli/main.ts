import { processIo } from './cli-io';
import { runCli } from './ferry-cli';

process.exitCode = await runCli(process.argv.slice(2), processIo);
