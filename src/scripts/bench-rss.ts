// Loaded with `node --import` by the bench into each conversion it times: at exit, the process's peak resident
// memory (its OCR worker threads included) goes to the file $BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS })));
