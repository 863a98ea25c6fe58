/**
 * code-server 4.100.3 (VS Code 1.100.3) is the newest release that runs on Node 20; it matches
 * `engines.vscode` ^1.100.0 and @types/vscode 1.100.x.
 */
export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
