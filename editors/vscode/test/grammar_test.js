// Runs the TextMate grammar of the extension over every rules file of the repository with the tokenizer VS Code
// uses (vscode-textmate on the Oniguruma regular expressions compiled to WebAssembly), and checks:
//  - that every character that is not a space gets a scope of its own (more than `source.caqes`) and that none
//    is marked invalid, on every line of every file of rules/, stdlib/ and examples/;
//  - chosen tokens of chosen lines (read in the files by hand): keywords, numbers with € and %, dates, strings,
//    comments, accented identifiers.
// Exit 77 (ctest's "skipped") when the npm modules are not installed: `npm ci` in editors/vscode installs them.
'use strict';
const fs = require('fs');
const path = require('path');

let vsctm, oniguruma;
try {
  vsctm = require('vscode-textmate');
  oniguruma = require('vscode-oniguruma');
} catch (e) {
  console.log('skipped: vscode-textmate / vscode-oniguruma not installed (npm ci in editors/vscode)');
  process.exit(77);
}

const extension = path.join(__dirname, '..');
const root = path.join(extension, '..', '..');
const grammarPath = path.join(extension, 'syntaxes', 'caqes.tmLanguage.json');

function rulesFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...rulesFiles(p));
    else if (entry.name.endsWith('.caqes')) out.push(p);
  }
  return out.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.caqes' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  return registry.loadGrammar('source.caqes');
}

// The tokens of each line of a file: [{startIndex, endIndex, scopes}] per line.
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line.replace(/\r$/, ''), stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

let failures = 0;
function fail(message) {
  failures++;
  console.log('FAIL ' + message);
}

function checkEveryCharacter(file, lines) {
  lines.forEach(({ line, tokens }, i) => {
    for (const t of tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      const where = `${path.relative(root, file)}:${i + 1}:${t.startIndex + 1}`;
      if (t.scopes.some((s) => s.startsWith('invalid'))) fail(`${where}: « ${text} » is invalid (${t.scopes.join(' ')})`);
      else if (t.scopes.length < 2 && text.trim() !== '') fail(`${where}: « ${text} » has no scope`);
    }
  });
}

// In line `lineNo` (1-based) of `file`, the first occurrence of `text` (after `after`, if given) is covered by
// tokens that all carry `scope`; with `whole`, by exactly one token.
function expectScope(tokenized, file, lineNo, text, scope, { whole = false, after = '' } = {}) {
  const entry = tokenized[file][lineNo - 1];
  const where = `${file}:${lineNo}`;
  if (!entry) return fail(`${where}: no such line`);
  const from = after ? entry.line.indexOf(after) + after.length : 0;
  const start = entry.line.indexOf(text, from);
  if (start < 0) return fail(`${where}: « ${text} » not found in « ${entry.line} »`);
  const end = start + text.length;
  const covering = entry.tokens.filter((t) => t.endIndex > start && t.startIndex < end);
  if (whole && !(covering.length === 1 && covering[0].startIndex === start && covering[0].endIndex === end))
    return fail(`${where}: « ${text} » is not one token: ${JSON.stringify(covering)}`);
  for (const t of covering)
    if (!t.scopes.includes(scope))
      return fail(`${where}: « ${entry.line.slice(t.startIndex, t.endIndex)} » of « ${text} » has ${t.scopes.join(' ')}, not ${scope}`);
}

(async () => {
  const grammar = await loadGrammar();
  const files = ['rules', 'stdlib', 'examples'].flatMap((d) => rulesFiles(path.join(root, d)));
  const tokenized = {};
  for (const f of files) {
    const lines = tokenize(grammar, fs.readFileSync(f, 'utf8'));
    tokenized[path.relative(root, f)] = lines;
    checkEveryCharacter(f, lines);
  }
  const fixture = path.join(__dirname, 'fixture.caqes');
  tokenized['fixture'] = tokenize(grammar, fs.readFileSync(fixture, 'utf8'));

  // rules/caqes-2022/transport.caqes, as written.
  const t = 'rules/caqes-2022/transport.caqes';
  expectScope(tokenized, t, 1, '// Volet Organisation des soins', 'comment.line.double-slash.caqes');
  expectScope(tokenized, t, 9, 'modifie', 'storage.type.declaration.caqes', { whole: true });
  expectScope(tokenized, t, 9, 'indicateur', 'storage.type.declaration.caqes', { whole: true });
  expectScope(tokenized, t, 9, 'transport', 'entity.name.type.caqes', { whole: true });
  expectScope(tokenized, t, 10, 'référence', 'keyword.other.clause.caqes', { whole: true });
  expectScope(tokenized, t, 10, '"Présentation du CAQES Occitanie', 'string.quoted.double.caqes');
  expectScope(tokenized, t, 11, 'ciblage', 'variable.language.result.caqes', { whole: true });
  expectScope(tokenized, t, 11, '2019', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, t, 11, '20', 'constant.numeric.caqes', { whole: true, after: '≥ ' });
  expectScope(tokenized, t, 11, '%', 'keyword.other.unit.percent.caqes', { whole: true });
  expectScope(tokenized, t, 11, 'et', 'keyword.operator.logical.caqes', { whole: true, after: '% ' });
  expectScope(tokenized, t, 11, '400 000', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, t, 11, '€', 'keyword.other.unit.euro.caqes', { whole: true });
  expectScope(tokenized, t, 11, '≥', 'keyword.operator.comparison.caqes', { whole: true });
  expectScope(tokenized, t, 11, '≠', 'keyword.operator.comparison.caqes', { whole: true });
  expectScope(tokenized, t, 11, '"privé"', 'string.quoted.double.caqes');
  expectScope(tokenized, t, 11, 'statut', 'variable.other.caqes', { whole: true });
  expectScope(tokenized, t, 14, 'test', 'storage.type.declaration.caqes', { whole: true });
  expectScope(tokenized, t, 16, 'établissements', 'variable.other.caqes', { whole: true });
  expectScope(tokenized, t, 16, 'catégorie', 'variable.other.caqes', { whole: true });
  expectScope(tokenized, t, 16, 'faux', 'constant.language.caqes', { whole: true });
  expectScope(tokenized, t, 17, '900 000', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, t, 21, 'attendu', 'storage.type.declaration.caqes', { whole: true });
  expectScope(tokenized, t, 21, 'non', 'keyword.operator.logical.caqes', { whole: true });
  expectScope(tokenized, t, 22, 'intéressement', 'variable.other.caqes', { whole: true });
  // rules/caqes-2022/contrat.caqes: the contract's clauses.
  const c = 'rules/caqes-2022/contrat.caqes';
  expectScope(tokenized, c, 7, 'importe', 'storage.type.declaration.caqes', { whole: true });
  expectScope(tokenized, c, 9, 'caqes_2022', 'entity.name.type.caqes', { whole: true });
  expectScope(tokenized, c, 11, 'années', 'keyword.other.clause.caqes', { whole: true });
  expectScope(tokenized, c, 11, '..', 'punctuation.separator.range.caqes', { whole: true });
  expectScope(tokenized, c, 11, '2024', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, c, 21, 'division_par_zéro', 'keyword.other.clause.caqes', { whole: true });
  expectScope(tokenized, c, 30, 'texte', 'support.type.column.caqes', { whole: true });
  expectScope(tokenized, c, 34, 'si', 'keyword.control.conditional.caqes', { whole: true });
  expectScope(tokenized, c, 34, 'entités_juridiques', 'variable.other.caqes', { whole: true });
  // A date in a test row: rules/caqes-2022/pertinence.caqes.
  expectScope(tokenized, 'rules/caqes-2022/pertinence.caqes', 40, '2021-01-10', 'constant.numeric.date.caqes', { whole: true });
  expectScope(tokenized, 'rules/caqes-2022/pertinence.caqes', 40, '4 000', 'constant.numeric.caqes', { whole: true });
  // The fixture: the other comments, decimals, a decimal point.
  expectScope(tokenized, 'fixture', 1, '# Un commentaire', 'comment.line.number-sign.caqes');
  expectScope(tokenized, 'fixture', 2, '/* Un commentaire', 'comment.block.caqes');
  expectScope(tokenized, 'fixture', 3, 'sur deux lignes. */', 'comment.block.caqes');
  expectScope(tokenized, 'fixture', 4, '7,5', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, 'fixture', 4, '%', 'keyword.other.unit.percent.caqes', { whole: true });
  expectScope(tokenized, 'fixture', 4, 'taux', 'support.type.column.caqes', { whole: true, after: ':' });
  expectScope(tokenized, 'fixture', 5, '1 234 567,25', 'constant.numeric.caqes', { whole: true });
  expectScope(tokenized, 'fixture', 6, 'début', 'entity.name.type.caqes', { whole: true });
  expectScope(tokenized, 'fixture', 6, '2022-03-15', 'constant.numeric.date.caqes', { whole: true });
  expectScope(tokenized, 'fixture', 7, '7.5', 'invalid.illegal.decimal-point.caqes', { whole: true });

  console.log(`${files.length} rules files tokenized; ${failures} failure(s)`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
