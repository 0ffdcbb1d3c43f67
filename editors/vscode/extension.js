// The Arazzo debugger for VS Code: runs `arazzo dap` (the Debug Adapter Protocol over stdin and
// stdout) for debug sessions of type "arazzo". Plain JavaScript on the `vscode` API alone, so
// the folder works as an extension without npm or a build step.
'use strict';

const vscode = require('vscode');

/** The executable from the `arazzo.path` setting (default `arazzo`, found on PATH). */
function arazzoPath() {
  const configured = vscode.workspace.getConfiguration('arazzo').get('path');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'arazzo';
}

/** Starts `arazzo dap` for each session; the adapter speaks DAP on its stdin and stdout. */
class ArazzoAdapterFactory {
  createDebugAdapterDescriptor(_session, _executable) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    const options = folder ? { cwd: folder.uri.fsPath } : undefined;
    return new vscode.DebugAdapterExecutable(arazzoPath(), ['dap'], options);
  }
}

/** Whether `document` looks like an Arazzo document (by name, else by its `arazzo:` field). */
function isArazzoDocument(document) {
  if (/\.arazzo\.(ya?ml|json)$/i.test(document.fileName)) return true;
  if (document.languageId !== 'yaml' && document.languageId !== 'json') return false;
  const head = document.getText(new vscode.Range(0, 0, 40, 0));
  return /^\s*"?arazzo"?\s*:/m.test(head);
}

/**
 * With no launch.json (F5 on an open document), debugs the active editor's document, paused
 * before its first step. A configuration without `program` gets the active document too.
 */
class ArazzoConfigurationProvider {
  resolveDebugConfiguration(_folder, config, _token) {
    const editor = vscode.window.activeTextEditor;
    const active = editor && isArazzoDocument(editor.document) ? editor.document : undefined;
    if (!config.type && !config.request && !config.name) {
      if (!active) {
        vscode.window.showInformationMessage('Open an Arazzo document to debug it.');
        return undefined; // abort the launch
      }
      return {
        type: 'arazzo',
        request: 'launch',
        name: 'Debug the Arazzo document',
        program: active.fileName,
        stopOnEntry: true,
      };
    }
    if (!config.program) {
      if (!active) {
        vscode.window.showInformationMessage(
          'The launch configuration has no "program": open an Arazzo document or set one.');
        return undefined;
      }
      config.program = active.fileName;
    }
    return config;
  }
}

/**
 * A runtime expression at the cursor, whole: `$response.body#/data/status`,
 * `$steps.pollRun.outputs.status`, `$inputs.token` (a word would stop at `.` or `#`). Hovering
 * over it while paused shows its value (the adapter evaluates it with context "hover").
 */
const runtimeExpression = /\$[A-Za-z][\w.\-\[\]]*(#\/[^\s'"{},]*)?/;

class ArazzoEvaluatableExpressionProvider {
  provideEvaluatableExpression(document, position) {
    if (!isArazzoDocument(document)) return undefined;
    const range = document.getWordRangeAtPosition(position, runtimeExpression);
    return range ? new vscode.EvaluatableExpression(range) : undefined;
  }
}

function activate(context) {
  const expressions = new ArazzoEvaluatableExpressionProvider();
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('arazzo', new ArazzoAdapterFactory()),
    vscode.debug.registerDebugConfigurationProvider('arazzo', new ArazzoConfigurationProvider()),
    vscode.languages.registerEvaluatableExpressionProvider('yaml', expressions),
    vscode.languages.registerEvaluatableExpressionProvider('json', expressions));
}

function deactivate() {}

module.exports = { activate, deactivate };
