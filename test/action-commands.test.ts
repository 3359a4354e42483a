/**
 * Workflow-command and file-command encoding, checked against the runner's unescaping rules (the
 * escaping is the github format's, re-exported: these cases pin what the action relies on).
 */
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, outputEntry, withoutCommands, workflowCommand } from '../src/action/commands.js';

describe('escaping (actions/toolkit command.ts rules)', () => {
  it('data: %, CR and LF only, % first so an escape is never escaped twice', () => {
    expect(escapeData('100% a:b, c\r\nd %0A')).toBe('100%25 a:b, c%0D%0Ad %250A');
  });

  it('properties: also : and , which would end the value', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('a command with properties in the given order', () => {
    expect(workflowCommand('warning', [['file', 'x,y.yaml'], ['line', 3], ['title', 'a: b']], 'm\n2')).toBe(
      '::warning file=x%2Cy.yaml,line=3,title=a%3A b::m%0A2',
    );
    expect(workflowCommand('error', [], 'plain')).toBe('::error::plain');
  });
});

describe('outputs and the log fence', () => {
  it('heredoc output entries carry newlines; a value holding the delimiter is refused', () => {
    expect(outputEntry('errors', 'a\nb', 'EOF_1')).toBe('errors<<EOF_1\na\nb\nEOF_1\n');
    expect(() => outputEntry('x', 'before\nEOF_1\nafter', 'EOF_1')).toThrow('contains the delimiter');
    expect(outputEntry('x', '1')).toMatch(/^x<<(ghadelimiter_[0-9a-f-]{36})\n1\n\1\n$/);
  });

  it('stop-commands wraps the text with a random token and ends on its own line', () => {
    expect(withoutCommands('::error::evil\nmore', 'T')).toBe('::stop-commands::T\n::error::evil\nmore\n::T::\n');
    expect(withoutCommands('done\n', 'T')).toBe('::stop-commands::T\ndone\n::T::\n');
    const a = withoutCommands('x');
    expect(a).not.toBe(withoutCommands('x'));
  });
});
