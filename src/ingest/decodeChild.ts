// The image decoder's own process. @napi-rs/canvas (Skia) can crash on a damaged image file (a SIGSEGV in native
// code, found by fuzzing JPEGs and PNGs), and a crash ends the process it happens in: so an input file's image is
// decoded here, and a crash costs only this process, not the batch. One image in (over IPC), its grey pixels out.
import { decodeInProcess } from './image.js';

process.once('message', (bytes: Uint8Array) => {
  decodeInProcess(bytes).then(
    (raster) => process.send!({ raster }, () => process.exit(0)),
    (err: Error) => process.send!({ error: err.message }, () => process.exit(0)),
  );
});
