// The VS Code client of the caqes language server: starts `caqes lsp` (the path is the setting `caqes.chemin`),
// in the language of the setting `caqes.langue`, for the .caqes files. Everything else (diagnostics, hovers,
// definitions, completion, outline, formatting, the code lens that runs a test) comes from the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function start(context) {
  const settings = vscode.workspace.getConfiguration('caqes');
  const command = settings.get('chemin') || 'caqes';
  const serverOptions = { run: { command, args: ['lsp'] }, debug: { command, args: ['lsp'] } };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'caqes' }],
    initializationOptions: { language: settings.get('langue') || 'fr' },
  };
  client = new LanguageClient('caqes', 'CAQES', serverOptions, clientOptions);
  return client.start().catch((e) =>
    vscode.window.showErrorMessage(`CAQES : impossible de lancer « ${command} lsp » (${e.message}). Réglez caqes.chemin.`));
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('caqes.redemarrer', async () => {
      if (client) await client.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('caqes') && client) {
        await client.stop();
        await start(context);
      }
    }));
  return start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
