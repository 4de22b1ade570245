// The TypeScript API Stryker's type checker gets (see ../typescript-resolve.mjs): the 6.x copy,
// with one change. The checker rebuilds through a solution builder, which parses and binds every
// file of the program again for each check: some 580 files and 5 MB of declarations (Node's,
// zod's, got's), most of a check's time. Here a file's syntax tree is kept while its text stays
// the same, as TypeScript's own watch mode keeps it; a mutated file is parsed anew, and its
// original tree comes back when the mutant is undone. Trees are never shared across options.
'use strict';
const ts = require('typescript');

/** file name and parse options → the tree of the original text, and of the latest other one. */
const trees = new Map();

function treesOf(fileName, languageVersionOrOptions) {
  const options = typeof languageVersionOrOptions === 'object' && languageVersionOrOptions !== null
    ? [languageVersionOrOptions.languageVersion, languageVersionOrOptions.impliedNodeFormat, languageVersionOrOptions.jsDocParsingMode]
    : [languageVersionOrOptions];
  const key = `${fileName}\0${options.join('/')}`;
  let kept = trees.get(key);
  if (!kept) trees.set(key, kept = {});
  return kept;
}

function keepTrees(host) {
  const parse = host.getSourceFile;
  if (parse.keepsTrees) return;
  const getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const text = host.readFile(fileName);
    const kept = treesOf(fileName, languageVersionOrOptions);
    if (!shouldCreateNewSourceFile && text !== undefined) {
      if (kept.original?.text === text) return kept.original.tree;
      if (kept.latest?.text === text) return kept.latest.tree;
    }
    const tree = parse.call(host, fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (tree && text !== undefined) kept[kept.original ? 'latest' : 'original'] = { text, tree };
    return tree;
  };
  getSourceFile.keepsTrees = true;
  host.getSourceFile = getSourceFile;
}

const createBuilderProgram = ts.createEmitAndSemanticDiagnosticsBuilderProgram;
// Everything else is TypeScript's own (its exports are getters, read through the prototype).
module.exports = Object.create(ts, {
  createEmitAndSemanticDiagnosticsBuilderProgram: {
    enumerable: true,
    value(rootNames, options, host, ...rest) {
      if (host) keepTrees(host);
      return createBuilderProgram(rootNames, options, host, ...rest);
    },
  },
});
