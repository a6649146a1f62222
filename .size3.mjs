import { build } from 'esbuild';
const r = await build({ stdin: { contents: "export * from './src/index';", resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, minify: true, metafile: true, format: 'esm', platform: 'node', target: 'node22', packages: 'external', logLevel: 'silent' });
const o = Object.values(r.metafile.outputs)[0];
console.log('total', r.outputFiles[0].contents.byteLength);
for (const f of process.argv.slice(2)) console.log(o.inputs[f]?.bytesInOutput, f);
