import * as vscode from 'vscode';
import { LineBatcher } from '../../core/logs/lineBatcher';
import { LogTail } from '../../core/logs/tail';

/**
 * The Output channel of one preview's dev server. Text arrives batched (one append per 50 ms at most) and free
 * of ANSI colour codes, so a flood of lines cannot stall the extension host.
 */
export class DevServerLog implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private readonly batcher: LineBatcher;
  /** What the channel shows last (an Output channel cannot be read back through the API). */
  private readonly recentLines = new LogTail(500);

  constructor(readonly title: string) {
    this.channel = vscode.window.createOutputChannel(`Forge: ${title}`);
    this.batcher = new LineBatcher((text) => {
      this.recentLines.push(text);
      this.channel.append(text);
    });
  }

  recent(): readonly string[] {
    this.batcher.flush(true);
    return this.recentLines.last();
  }

  append(text: string): void {
    this.batcher.push(text);
  }

  /** A line from Forge itself (not the dev server), e.g. "Restarting the dev server". */
  note(message: string): void {
    this.batcher.push(`[Forge] ${message}\n`);
  }

  show(): void {
    this.batcher.flush(true);
    this.channel.show(true);
  }

  dispose(): void {
    this.batcher.dispose();
    this.channel.dispose();
  }
}
