// A VS Code terminal on a PTY in a sandbox: a Pseudoterminal (works in desktop VS Code and in the browser) that
// adapts the core TerminalSession. Resizes follow the terminal, keystrokes (Ctrl-C included) go to the PTY as
// they are, closing the terminal ends the PTY; a dropped connection is said in the terminal and in a
// notification, and Enter (or the notification's button) reconnects.
import * as vscode from 'vscode';
import { TerminalSession, type TerminalTarget } from '../../core/terminal/terminalSession';

const YELLOW = '\x1b[33m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export class SandboxPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly session: TerminalSession;
  /** Set when opening failed: any key closes the terminal. */
  private failed = false;
  private reconnecting = false;

  constructor(
    target: TerminalTarget,
    private readonly label: string,
  ) {
    this.session = new TerminalSession(target, {
      output: (text) => this.writeEmitter.fire(text),
      exited: (code) => this.closeEmitter.fire(code ?? undefined),
      dropped: (reason) => this.dropped(reason),
    });
  }

  /** The PTY session id in the sandbox (tests). */
  get ptyId(): string {
    return this.session.ptyId;
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    this.session.open(dimensions?.columns ?? 80, dimensions?.rows ?? 24).catch((err: unknown) => {
      this.failed = true;
      this.writeEmitter.fire(`${RED}Forge could not open a terminal in ${this.label}: ${message(err)}${RESET}\r\nPress any key to close.\r\n`);
    });
  }

  handleInput(data: string): void {
    if (this.failed) return this.closeEmitter.fire();
    if (this.session.state === 'dropped') {
      if (data.includes('\r')) void this.reconnect();
      return;
    }
    this.session.input(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.session.resize(dimensions.columns, dimensions.rows);
  }

  close(): void {
    void this.session.close();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }

  private dropped(reason: string): void {
    this.writeEmitter.fire(`\r\n${YELLOW}Forge: the connection to ${this.label} was lost (${reason}). Press Enter to reconnect.${RESET}\r\n`);
    void vscode.window.showWarningMessage(`Forge: the terminal lost its connection to ${this.label}.`, 'Reconnect').then((choice) => {
      if (choice === 'Reconnect' && this.session.state === 'dropped') void this.reconnect();
    });
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.writeEmitter.fire(`${YELLOW}Reconnecting…${RESET}\r\n`);
    try {
      const how = await this.session.reconnect();
      this.writeEmitter.fire(how === 'reattached' ? `${YELLOW}Reconnected.${RESET}\r\n` : `${YELLOW}The previous shell had ended: this is a new one.${RESET}\r\n`);
    } catch (err) {
      this.writeEmitter.fire(`${RED}Could not reconnect: ${message(err)}.${RESET} Press Enter to try again.\r\n`);
    } finally {
      this.reconnecting = false;
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
